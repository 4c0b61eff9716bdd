"""The call edges that run a function as a member of something the call runs.

``graph.invoke()`` runs the nodes added to the graph, ``chain.invoke()`` the functions piped into
it, ``for step in steps: step()`` what was appended to ``steps``. Such an edge marks its callable as
run by its container's runner (``hops.run_elsewhere``): the code that registered it into the
container did not run it. A direct call elsewhere (a warm-up, a nightly script) is no such edge.
"""
from __future__ import annotations

from typing import Set

from llm_latency_lint.catalog.dispatch import DECORATED_RUN_METHODS, RUN_METHODS
from llm_latency_lint.model import CallRef
from llm_latency_lint.project.evaluate import Evaluator
from llm_latency_lint.project.values import Kind

MEMBER_RUN = "member run"  # the note of such a call edge


def member_runs(ev: Evaluator, ref: CallRef, owner: str) -> Set[str]:
    """What the call ``ref`` runs as members of a container or runnable it runs, not as a callable
    it names itself (a project class's own ``run`` method stays a direct call)."""
    values = ev.solver.query(lambda: ev.eval(ref.expr), owner)
    if ref.expr[0] == "attr" and str(ref.expr[2]) in RUN_METHODS | DECORATED_RUN_METHODS:
        method = "." + str(ref.expr[2])
        return {q for q in ev.solver.query(lambda: ev.callables(values), owner) if not q.endswith(method)}
    multi = {a for a in values if a.kind is Kind.MULTI}
    if not multi:
        return set()
    direct = ev.solver.query(lambda: ev.callables(values - multi), owner)
    return set(ev.solver.query(lambda: ev.callables(multi), owner)) - set(direct)
