"""The model a LlamaIndex index, engine or retriever operation calls when none is passed: the one
``Settings`` holds, LlamaIndex's hosted OpenAI default when the program sets none.

Which ``Settings`` models an operation uses is catalog data (``frameworks.LI_SETTINGS_USED``): an
embedding operation its ``embed_model``, a graph index built from documents its ``llm`` and
``embed_model``, an engine its ``llm`` and ``embed_model``; an ``IngestionPipeline`` run uses the
transformations it was built with (``LI_OWN_MODELS``), so ``Settings`` never removes it. ``Settings`` is process state:
only the assignments in modules some program loads together with the site's module count
(``project/programs.py``); a demo script that sets a local embed model changes nothing for the
server beside it.

The provider the first hosted model calls is the site's backend. An operation all of whose
``Settings`` models run in the process (``catalog/providers/local_models.py``: ``HuggingFaceEmbedding``,
LangChain's ``HuggingFaceEmbeddings`` behind a cache) makes no request: it is no site.
"""
from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import List, Optional, Set

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.providers.frameworks import (
    LI_BACKENDS,
    LI_DEFAULT_BACKEND,
    LI_EMBED_SETTINGS,
    LI_FACTORY_METHODS,
    LI_LLM_SETTINGS,
    LI_MODELS,
    LI_OWN_MODELS,
    LI_SETTINGS,
    LI_SETTINGS_USED,
)
from llm_latency_lint.catalog.providers.local_models import LOCAL_MODELS
from llm_latency_lint.catalog.providers.spec import Match
from llm_latency_lint.expr import last_segment
from llm_latency_lint.model import CallSite, Expr, FileFacts
from llm_latency_lint.project.evaluate import Evaluator
from llm_latency_lint.project.values import Atom, Kind, ordered


class LiSettings:
    """The ``Settings`` models of the program a LlamaIndex site runs in."""

    def __init__(self, ev: Evaluator) -> None:
        self.ev = ev

    def model(self, match: Match, site: CallSite, facts: Optional[FileFacts]) -> Optional[Match]:
        """``match`` with the backend ``Settings`` gives it; None where only in-process models run
        it. A model class matched itself is its own backend (a local one, Ollama, has none); a model
        passed to the call or to a factory of its receiver is unknown here."""
        if match.provider.id != "llamaindex" or match.backend is not None or match.client in LI_MODELS:
            return match
        if site.passes_model or (facts is not None and _factory_passes_model(site, facts)):
            return match
        name = f"{match.client}.{match.operation}" if match.client else match.operation
        used = LI_SETTINGS_USED.get(name) or (LI_EMBED_SETTINGS if match.op.embedding else LI_LLM_SETTINGS)
        module = facts.module if facts is not None else None
        held = {setting: self._settings(setting, module) for setting in used}
        if all(_in_process(held[setting]) for setting in used) and name not in LI_OWN_MODELS:
            return None
        for setting in used:
            models = held[setting]
            hosted = [m for m in models if m not in LOCAL_MODELS]
            backend = LI_BACKENDS.get(hosted[0]) if hosted else LI_DEFAULT_BACKEND if not models else None
            if hosted or not models:
                found = providers.provider_by_id(backend) if backend else None
                which = f"Settings.{setting} = {hosted[0].rsplit('.', 1)[-1]}" if hosted else \
                    f"LlamaIndex's default {setting}: no Settings.{setting} in the program"
                return replace(match, backend=found, model=which) if found else match
        return match

    def _settings(self, setting: str, module: Optional[str]) -> List[str]:
        """The model classes assigned to ``Settings.<setting>`` in the modules some program loads
        with ``module`` (every module when it is unknown)."""
        key = f"{LI_SETTINGS}.{setting}"
        exprs = [e for f in self.ev.s.files if key in f.globals and self._shares(module, f.module)
                 for e in f.globals[key]]
        found: Set[Atom] = set()
        for expr in exprs:
            found |= self.ev.solver.query(partial(self.ev.eval, expr))
        return [a.name for a in ordered(found) if a.kind is Kind.CLIENT and not a.path]

    def _shares(self, module: Optional[str], other: str) -> bool:
        if module is None or module == other:
            return True
        return self.ev.s.programs.may_share(module, other)


def _in_process(models: List[str]) -> bool:
    return bool(models) and all(m in LOCAL_MODELS for m in models)


def _factory_passes_model(site: CallSite, facts: FileFacts) -> bool:
    """Does a factory building the site's receiver (``index.as_query_engine(llm=...)``, inline or
    through a local) pass a model? Its call is a site of this file named like a call in the
    receiver; a receiver read from an attribute or a parameter (no call in it) may come from any
    of this file's factories."""
    built: List[str] = []
    expr: Expr = site.callee
    while expr and expr[0] in ("attr", "call"):
        if expr[0] == "call":
            built.append(last_segment(expr[1]))
        expr = expr[1]
    # ``from_documents(docs, embed_model=X)`` is recorded as ``X``'s operation: its text names it
    named = [{s.method, s.text.rsplit(".", 1)[-1]} for s in facts.call_sites if s.passes_model]
    factories = [names for names in named if names & LI_FACTORY_METHODS]
    return any(names & set(built) for names in factories) if built else bool(factories)
