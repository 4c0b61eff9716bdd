"""A request whose arguments are the function's own ``**kwargs`` (``def ask(client, **kwargs):
client.chat.completions.create(**kwargs)``): it names its model when the function's callers pass
``model=`` (``facts.unpacked.FORWARDED``). A caller is a call the solved values resolve to that
very function (``ask(model="gpt-4o", messages=m)``, ``self.ask(model=...)``), as the call edges
do; the last name only picks the candidates, so ``Car.objects.create(model="Civic")`` in the same
project is no caller of ``Proxy.create``. (The edges themselves wait on the sites, so the
candidates are resolved here, not read from the edge map.) Likewise an SDK callable handed to a
helper: whether the helper is the project's.
"""
from __future__ import annotations

from llm_latency_lint.catalog.providers.spec import MODEL_KEYWORDS
from llm_latency_lint.model import CallSite
from llm_latency_lint.project.evaluate import Evaluator


def forwarded_model_keyword(function: str, ev: Evaluator) -> str:
    """``"**model"`` when some resolved call of ``function`` passes a model keyword, else ""."""
    name = function.rsplit(".", 1)[-1]
    for facts in ev.s.files:
        for fn in facts.functions.values():
            for call in fn.calls:
                if call.kind != "call" or not call.shape or call.shape[0] != name or not call.expr:
                    continue
                found = next((k for k in call.shape[2:] if k in MODEL_KEYWORDS), None)
                if not found:
                    continue
                values = ev.solver.query(lambda: ev.eval(call.expr), fn.qualname)
                if function in ev.solver.query(lambda: ev.callables(values), fn.qualname):
                    return "**" + found
    return ""


def handed_to_project(ev: Evaluator, site: CallSite) -> bool:
    """An SDK callable handed to a call of the project's (``facts/handed.py``) is a site only where
    that call resolves to a project function, which runs what it is handed (a library's call, a
    logger's, may only store or print it). A site with no ``handed_to`` always counts."""
    if not site.handed_to:
        return True
    values = ev.solver.query(lambda: ev.eval(site.handed_to), site.function)
    return bool(ev.solver.query(lambda: ev.callables(values), site.function))
