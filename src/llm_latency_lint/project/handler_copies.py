"""Copies of a deployed Lambda handler: code no deployment packages.

What a handler reads from its event (``catalog/triggers/lambda_events.py``) says what starts it only
where nothing in the scan deploys it. Where the scan's infrastructure code deploys a handler of the
same file and function name from another folder (Terraform packaging ``src/handler.py`` beside an
older ``terraform/lambda_src/handler.py``; a deployed ``infra/lambda/lambda_sqs.py`` beside a root
``lambda_sqs.py``) and both files ask the models the same things, the other file is a copy of that
function no deployment packages: nothing runs it, so its event reading starts nothing (round 9's
milymoreno/aws-bedrock-event-driven, round 13's robinruudW/devops_exam_59). Handlers of one name
that ask for different things (``lambda_function.py`` of two functions in two folders, one deployed
from the console) are two functions, and both keep their readings.
"""
from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Iterable, List, Sequence, Set, Tuple

from llm_latency_lint.catalog.queues import LAMBDA_EVENT_SOURCE
from llm_latency_lint.model import Trigger
from llm_latency_lint.project.graph import Project


def handler_key(qualname: str) -> Tuple[str, ...]:
    """A handler as a deployment names it: its module's file name and its own (``handler.lambda_handler``)."""
    return tuple(qualname.split(".")[-2:])


def undeployed_copies(
    read: Iterable[str], deployed: Iterable[str], asks: Callable[[str], FrozenSet[Tuple[str, str]]]
) -> Set[str]:
    """The handlers of ``read`` (started only by their event reading) that copy a ``deployed`` one.

    ``asks`` gives the (provider, operation) pairs a handler's module calls: a copy asks the same,
    and something."""
    by_key: Dict[Tuple[str, ...], List[str]] = {}
    for qualname in deployed:
        by_key.setdefault(handler_key(qualname), []).append(qualname)
    copies: Set[str] = set()
    for qualname in read:
        own = asks(qualname)
        if own and any(other != qualname and asks(other) == own for other in by_key.get(handler_key(qualname), ())):
            copies.add(qualname)
    return copies


def handler_copies(project: Project, seeds: Sequence[Tuple[Trigger, List[str]]]) -> Set[str]:
    """The functions only a handler's event reading starts (``seeds``: each trigger with the
    functions it starts) that copy a handler another trigger deploys."""
    read = {t for trigger, targets in seeds if trigger.source == LAMBDA_EVENT_SOURCE and trigger.weak for t in targets}
    deployed = {t for trigger, targets in seeds if not trigger.weak for t in targets}
    if not read - deployed:
        return set()
    asks: Dict[str, FrozenSet[Tuple[str, str]]] = {}
    for r in project.resolved_sites():
        asks[r.facts.module] = asks.get(r.facts.module, frozenset()) | {(r.match.provider.id, r.match.operation)}
    return undeployed_copies(read - deployed, deployed, lambda q: asks.get(q.rsplit(".", 1)[0], frozenset()))
