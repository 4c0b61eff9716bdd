"""The call edges that run a function as a member of something the call runs.

``graph.invoke()`` runs the nodes added to the graph, ``chain.invoke()`` the functions piped into
it, ``for step in steps: step()`` what was appended to ``steps``. Such an edge marks its callable as
run by its container's runner (``run_elsewhere``): the code that registered it into the container
did not run it. A direct call elsewhere (a warm-up, a nightly script) is no such edge.

Both sides name the container (``Edge.containers``: the keys of the containers the receiver holds,
``("members", key)``), so a registration is someone else's only when a run of *its* container is
seen: a node added to a graph a route invokes and also to a list a nightly job hands to a library
is run by the route and by the nightly job. A registration or run whose receiver has no container
value (``RunnableLambda(fn)``, a chain typed as a library object) matches as before: any run.

A framework callback handed over the same way (a tool instance given to ``llm.bind_tools(tools)``,
``catalog/callbacks.py``) is run by the framework operation that runs the object (``tool.ainvoke()``
reaching its ``_arun``: a ``TEMPLATE_RUN`` edge) where one is seen; only where none is does the
hand-over stand for it, and only for hand-overs in the file holding that run (another file's run
is of some other instance). A builtin that only reads the object (``len(self.tools)``) calls nothing back.
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Protocol, Set, Tuple

from llm_latency_lint.catalog.dispatch import (
    CONSUMING_BUILTINS,
    DECORATED_RUN_METHODS,
    RUN_METHODS,
)
from llm_latency_lint.model import REGISTERED, CallRef
from llm_latency_lint.project.bindings import method_of, receiver_of
from llm_latency_lint.project.evaluate import Evaluator
from llm_latency_lint.project.values import EMPTY, Kind, Values

MEMBER_RUN = "member run"  # the note of such a call edge
TEMPLATE_RUN = "template run"  # a library method's call that runs a project override (``tool.ainvoke()`` -> ``_arun``)
HOOK = "hook"  # the note of a hand-over edge: an instance given to a framework that calls its methods back
ANY_CONTAINER = ""  # a member run whose containers are not known: it may run any registration
TEMPLATE_IN = "template run in "  # + a file: a template run there stands for the hand-overs in that file


def member_runs(ev: Evaluator, ref: CallRef, owner: str) -> Tuple[Set[str], Tuple[str, ...]]:
    """What the call ``ref`` runs as members of a container or runnable it runs, not as a callable
    it names itself (a project class's own ``run`` method stays a direct call), and the keys of
    the containers it runs. ``graph.ainvoke()`` on a module global is the name ``mod.graph.ainvoke``."""
    values = ev.solver.query(lambda: ev.eval(ref.expr), owner)
    method = method_of(ref.expr)
    held = receiver_of(ref.expr) if method in RUN_METHODS | DECORATED_RUN_METHODS else []
    receiver = ev.solver.query(lambda: ev.eval(held), owner) if held else EMPTY
    if ref.expr[0] == "attr" and held or any(a.kind is not Kind.MODULE for a in receiver):
        runs = {q for q in ev.solver.query(lambda: ev.callables(values), owner) if not q.endswith("." + method)}
        return runs, containers(receiver) if runs else ()
    multi = {a for a in values if a.kind is Kind.MULTI}
    if not multi:
        return set(), ()
    direct = ev.solver.query(lambda: ev.callables(values - multi), owner)
    return set(ev.solver.query(lambda: ev.callables(multi), owner)) - set(direct), containers(multi)


def registered_into(ev: Evaluator, calls: List[CallRef], at: int, owner: str) -> Tuple[str, ...]:
    """The containers the registration ``calls[at]`` adds to (``wf.add_node("a", a)``,
    ``steps.append(a)``): what the receiver of the call it is an argument of holds (that call comes
    first at its position); none for a wrapper (``RunnableLambda(fn)``)."""
    if calls[at].note != REGISTERED:
        return ()
    where = (calls[at].line, calls[at].col)
    for call in reversed(calls[:at]):
        if (call.line, call.col) != where:
            break
        if call.kind == "call":
            held = receiver_of(call.expr)
            return containers(ev.solver.query(lambda: ev.eval(held), owner)) if held else ()
    return ()


def handed_to_builtin(calls: List[CallRef], at: int) -> bool:
    """Is ``calls[at]`` an argument of a builtin's call (``len(self.tools)``, ``print(agent)``)? The
    call it is an argument of comes first at its position."""
    where = (calls[at].line, calls[at].col)
    for call in reversed(calls[:at]):
        if (call.line, call.col) != where:
            return False
        if call.kind == "call":
            expr = call.expr
            return bool(expr) and expr[0] == "unknown" and str(expr[1]) in CONSUMING_BUILTINS
    return False


def containers(values: Values) -> Tuple[str, ...]:
    return tuple(sorted({a.name for a in values if a.kind is Kind.MULTI}))


class Registered(Protocol):
    """What ``run_elsewhere`` reads of an edge (``edges.Edge``)."""

    kind: str
    note: str
    dst: str
    path: str
    containers: Tuple[str, ...]


def run_elsewhere(edges: Iterable[Registered]) -> Dict[str, Set[str]]:
    """Functions run by running a container they are members of (``graph.invoke`` reaching the
    graph's nodes), with the containers those runs run (``ANY_CONTAINER`` when a run's are not
    known). A function registered into a container nothing is seen running keeps its registering
    code as its runner, even when some other code also calls it directly (a warm-up at start)."""
    found: Dict[str, Set[str]] = {}
    for edge in edges:
        if edge.kind == "call" and edge.note in (MEMBER_RUN, TEMPLATE_RUN):
            found.setdefault(edge.dst, set()).update(edge.containers or (ANY_CONTAINER,))
        if edge.kind == "call" and edge.note == TEMPLATE_RUN:
            found[edge.dst].add(TEMPLATE_IN + edge.path)
    return found


def runs_registration(edge: Registered, run: Dict[str, Set[str]]) -> bool:
    """Is ``edge`` a registration (``graph.add_node(ask)``) or a callback's hand-over whose
    container's runner runs its function? Keyed on the registration's containers when known, else
    any member or template run counts."""
    if edge.kind != "ref" or edge.note not in (REGISTERED, HOOK) or edge.dst not in run:
        return False
    if edge.note == HOOK:  # another file's run of some other instance leaves this hand-over's path live
        return TEMPLATE_IN + edge.path in run[edge.dst]
    return not edge.containers or bool(run[edge.dst].intersection(edge.containers))
