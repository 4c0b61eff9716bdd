"""Queue consumers whose senders the scan finds: they run for those senders, not on an event.

An Azure Functions queue trigger fed by a timer of the same app (``catalog/triggers/queue_sends.py``
sends, ``catalog/sources/azure_functions.py`` the consumer's entry by the queue's key) is the timer's
fan-out: the walk from the timer reaches the consumer through the send, as it reaches a Celery task
through ``.delay()``. The consumer's own near-real-time trigger then stands only where some sender
is reached by nothing (the queue is fed from outside the scan too); a sender a route runs makes the
consumer near-real-time across the queue, so a queue with a scheduled and a request sender is not
scheduled.
"""
from __future__ import annotations

from typing import Callable, Dict, Iterator, List, Mapping, Sequence, Set, Tuple

from llm_latency_lint.catalog.command_lines import LAUNCH
from llm_latency_lint.catalog.queues import (
    FED_SOURCES,
    QUEUE_CONSUMER_SOURCE,
    QUEUE_SEND_SOURCE,
    QUEUE_SENDER_KEY,
)
from llm_latency_lint.model import Expr, Trigger

Entries = Dict[str, List[Tuple[Trigger, str]]]
_HOPS = 4  # a queue's key -> the IaC's queue -> the function, declared in another file of the module
Held = Tuple[Trigger, str, List[str]]  # a consumer's own trigger, its path, its functions


class FedQueues:
    def __init__(self, entries: Entries, resolve: Callable[[Expr], List[str]]) -> None:
        for key, found in list(entries.items()):  # an output binding's function, by the name it gives
            for fn in resolve(["str", key[len(QUEUE_SENDER_KEY):]]) if key.startswith(QUEUE_SENDER_KEY) else ():
                entries.setdefault(LAUNCH + fn, []).extend(found)
        senders: Dict[str, Set[str]] = {}  # a queue's key -> the functions sending to it
        for key, found in entries.items():
            for trigger, _ in found if key.startswith(LAUNCH) else ():
                if trigger.source == QUEUE_SEND_SOURCE and trigger.target and trigger.target[0] == "entry":
                    senders.setdefault(str(trigger.target[1]), set()).add(key[len(LAUNCH):])
        self.fed: Dict[str, Set[str]] = {}  # a consumer's function -> the functions sending to its queue
        for key, sending in senders.items():
            for fn in _consumers(entries, key, resolve):
                self.fed.setdefault(fn, set()).update(sending)
        self.held: List[Held] = []

    def holds(self, trigger: Trigger, path: str, targets: List[str]) -> bool:
        """Keep back a near-real-time trigger on consumers whose senders are all in the scan."""
        if trigger.source not in FED_SOURCES or not targets or not all(t in self.fed for t in targets):
            return False
        self.held.append((trigger, path, targets))
        return True

    def unfed(self, reached: Mapping[str, Sequence[object]]) -> Iterator[Held]:
        """The consumers kept back that some sender of theirs nothing reaches: an event runs them still."""
        for trigger, path, targets in self.held:
            if any(not reached.get(sender) for t in targets for sender in self.fed[t]):
                yield trigger, path, targets


def _consumers(entries: Entries, key: str, resolve: Callable[[Expr], List[str]], hops: int = 0) -> Set[str]:
    """The functions consuming the queue ``key`` names, through the entries that name it in turn (a
    Terraform queue's variable leads to the queue, the queue to its consumer: ``sources/_terraform_sqs``)."""
    found: Set[str] = set()
    for trigger, _ in entries.get(key, ()):
        target = trigger.target
        if trigger.source != QUEUE_CONSUMER_SOURCE and not hops or not target:
            continue
        if target[0] == "entry" and hops < _HOPS:
            found |= _consumers(entries, str(target[1]), resolve, hops + 1)
        elif target[0] != "entry":
            found.update(resolve(target))
    return found

