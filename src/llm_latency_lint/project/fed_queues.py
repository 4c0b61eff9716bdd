"""Queue consumers whose senders the scan finds: they run for those senders, not on an event.

An Azure Functions queue trigger fed by a timer of the same app (``catalog/triggers/queue_sends.py``
sends, ``catalog/sources/azure_functions.py`` the consumer's entry by the queue's key) is the timer's
fan-out: the walk from the timer reaches the consumer through the send, as it reaches a Celery task
through ``.delay()``. The consumer's own near-real-time trigger then stands only where some sender
is reached by nothing (the queue is fed from outside the scan too); a sender a route runs makes the
consumer near-real-time across the queue, so a queue with a scheduled and a request sender is not
scheduled. A Lambda's SQS event is held per event, for the senders of that event's queue (its
consumer entries, declared on the same template line): a second queue nothing in the scan sends to
keeps its event; any send to a queue the scan cannot name keeps every SQS event. A Kafka topic
(``catalog/triggers/kafka_topics.py``) is named by its literal once the project reads the constant a
send or a consumer names it by; its consumer is declared where the consumer is built, and the
function reading it is the one that built it or the one looping over the factory's result.
"""
from __future__ import annotations

from dataclasses import replace
from typing import (
    Callable,
    Dict,
    Iterator,
    List,
    Mapping,
    NamedTuple,
    Optional,
    Protocol,
    Sequence,
    Set,
    Tuple,
    TypeVar,
)

from llm_latency_lint.catalog.command_lines import LAUNCH
from llm_latency_lint.catalog.kafka_queues import (
    KAFKA_ANY_TOPIC,
    KAFKA_BUILT_SOURCE,
    KAFKA_CONSUMER_SOURCE,
    KAFKA_TOPIC_KEY,
)
from llm_latency_lint.catalog.queues import (
    FED_SOURCES,
    QUEUE_CONSUMER_SOURCE,
    QUEUE_SEND_SOURCE,
    QUEUE_SENDER_KEY,
    SQS_ANY_QUEUE,
    SQS_CONSUMER_SOURCE,
    SQS_QUEUE_ENV_KEY,
    sqs_env_key,
    sqs_env_scope,
)
from llm_latency_lint.model import Expr, Trigger
from llm_latency_lint.project.hops import Walked

Entries = Dict[str, List[Tuple[Trigger, str]]]


class Launched(Protocol):
    """A seed a trigger naming an entry launches (``classify._Seed``): the functions it starts."""

    targets: List[str]


L = TypeVar("L", bound=Launched)
_HOPS = 4  # a queue's key -> the IaC's queue -> the function, declared in another file of the module


class Consumer(NamedTuple):
    """A queue consumer's own trigger, the path declaring it and the functions it runs."""

    trigger: Trigger
    path: str
    targets: List[str]


class Held(NamedTuple):
    """A consumer kept back, with the functions sending to its queue: it stands again if one of them
    is reached by nothing."""

    consumer: Consumer
    sending: Set[str]


class FedQueues:
    def __init__(self, entries: Entries, resolve: Callable[[Expr], List[str]],
                 triggers: Sequence[Tuple[Trigger, str]] = (),
                 constant: Callable[[str], Optional[str]] = lambda name: None) -> None:
        for key, found in list(entries.items()):  # an output binding's function, by the name it gives
            for fn in resolve(["str", key[len(QUEUE_SENDER_KEY):]]) if key.startswith(QUEUE_SENDER_KEY) else ():
                entries.setdefault(LAUNCH + fn, []).extend(found)
        scope_sqs_sends(entries)
        kafka_topics(entries, triggers, resolve, constant)
        senders: Dict[str, Set[str]] = {}  # a queue's key -> the functions sending to it
        for key, found in entries.items():
            for trigger, _ in found if key.startswith(LAUNCH) else ():
                if trigger.source == QUEUE_SEND_SOURCE and trigger.target and trigger.target[0] == "entry":
                    senders.setdefault(str(trigger.target[1]), set()).add(key[len(LAUNCH):])
        self.unnamed_sqs = SQS_ANY_QUEUE in senders  # a send to a queue the scan cannot name: any may be fed so
        self.unnamed_kafka = KAFKA_ANY_TOPIC in senders
        self.fed: Dict[str, Set[str]] = {}  # a consumer's function -> the functions sending to its queue
        # An SQS event (its template's path and line, where its consumer entries are declared too)
        # -> the functions sending to that event's queue: a function reading two queues is held per queue.
        self.events: Dict[Tuple[str, int], Set[str]] = {}
        for key, sending in senders.items():
            for fn, path, line in _consumers(entries, key, resolve):
                self.fed.setdefault(fn, set()).update(sending)
                self.events.setdefault((path, line), set()).update(sending)
        self.held: List[Held] = []

    def holds(self, trigger: Trigger, path: str, targets: List[str]) -> bool:
        """Keep back a near-real-time trigger on consumers whose senders are all in the scan."""
        if trigger.source not in FED_SOURCES or not targets:
            return False
        if trigger.source == SQS_CONSUMER_SOURCE:  # this event's queue's senders, none unnamed
            sending = set() if self.unnamed_sqs else self.events.get((path, trigger.line), set())
        elif trigger.source == KAFKA_CONSUMER_SOURCE and self.unnamed_kafka:
            sending = set()
        else:
            sending = set().union(*(self.fed[t] for t in targets)) if all(t in self.fed for t in targets) else set()
        if not sending:
            return False
        self.held.append(Held(Consumer(trigger, path, targets), sending))
        return True

    def unless_held(self, trigger: Trigger, path: str, launched: List[L]) -> List[L]:
        """The seeds a trigger naming an entry launches, none where it is a consumer's event held for
        its senders (an SQS event on a Terraform consumer its ``archive_file`` names)."""
        return [] if self.holds(trigger, path, [t for s in launched for t in s.targets]) else launched

    def unfed(self, reached: Mapping[str, Sequence[Walked]]) -> Iterator[Consumer]:
        """The consumers kept back that some sender of theirs nothing reaches (``reached``: what the
        walks reached each function by): an event runs them still."""
        for held in self.held:
            if any(not reached.get(sender) for sender in held.sending):
                yield held.consumer


def _consumers(
    entries: Entries, key: str, resolve: Callable[[Expr], List[str]], hops: int = 0,
    declared: Optional[Tuple[str, int]] = None,
) -> Set[Tuple[str, str, int]]:
    """The functions consuming the queue ``key`` names, with the path and line of the consumer entry
    declaring each (where its SQS event is declared too), through the entries that name it in turn (a
    Terraform queue's variable leads to the queue, the queue to its consumer: ``sources/_terraform_sqs``;
    the consumer to the handler its ``archive_file`` packs, whose line declares no event)."""
    found: Set[Tuple[str, str, int]] = set()
    for trigger, path in entries.get(key, ()):
        target = trigger.target
        if trigger.source != QUEUE_CONSUMER_SOURCE and not hops or not target:
            continue
        at = (path, trigger.line) if trigger.source == QUEUE_CONSUMER_SOURCE or declared is None else declared
        if target[0] == "entry" and hops < _HOPS:
            found |= _consumers(entries, str(target[1]), resolve, hops + 1, at)
        elif target[0] != "entry":
            found.update((fn, *at) for fn in resolve(target))
    return found

def scope_sqs_sends(entries: Entries) -> None:
    """A send to the SQS queue whose URL a variable holds (``sqs-queue-env:QUEUE_URL``) reaches the
    queue a template sets that variable to only from code of a function setting it (its code folder:
    ``sqs-queue-env:QUEUE_URL@digest/src``, ``sources/aws_lambda.py``); two templates' ``QUEUE_URL``
    are two queues. A variable some IaC reader gives the whole project (no folder) is left as it is;
    one no function of the sender's folder sets names no queue the scan knows: an unnamed send."""
    folders: Dict[str, List[str]] = {}  # a variable -> the code folders of the functions setting it
    for key in entries:
        variable, folder = sqs_env_scope(key) if key.startswith(SQS_QUEUE_ENV_KEY) else ("", None)
        if folder is not None:
            folders.setdefault(variable, []).append(folder)
    for key, found in entries.items():
        for i, (trigger, path) in enumerate(found if key.startswith(LAUNCH) else ()):
            sent = str(trigger.target[1]) if trigger.source == QUEUE_SEND_SOURCE and len(trigger.target) > 1 else ""
            if not sent.startswith(SQS_QUEUE_ENV_KEY) or sqs_env_scope(sent)[1] is not None or sent in entries:
                continue
            variable = sqs_env_scope(sent)[0]
            own = [f for f in folders.get(variable, ()) if not f or path.startswith(f + "/")]
            scoped = sqs_env_key(variable, max(own, key=len)) if own else SQS_ANY_QUEUE
            found[i] = (replace(trigger, target=["entry", scoped]), path)


def kafka_topics(entries: Entries, triggers: Sequence[Tuple[Trigger, str]], resolve: Callable[[Expr], List[str]],
                 constant: Callable[[str], Optional[str]]) -> None:
    """Name each Kafka topic by its literal (``kafka-topic:@pkg.settings.TOPIC`` -> the constant's
    value, where the project holds one) and turn the functions building a topic's consumer into the
    functions reading it: the builder when it reads the consumer itself (its own consumer trigger),
    else the loops over the builder's result (a consumer trigger whose receiver is its call)."""
    def named(key: str) -> str:
        value = constant(key[len(KAFKA_TOPIC_KEY) + 1:]) if key.startswith(KAFKA_TOPIC_KEY + "@") else None
        return KAFKA_TOPIC_KEY + value if value else key

    readers: Dict[str, List[str]] = {}  # a function building a consumer -> the functions reading it
    for trigger, _ in triggers:
        if trigger.source != KAFKA_CONSUMER_SOURCE:
            continue
        for fn in resolve(trigger.target):
            receiver = trigger.receiver
            builders = resolve(receiver[1]) if receiver and receiver[0] == "call" and receiver[1] else [fn]
            for builder in builders:
                readers.setdefault(builder, []).append(fn)
    for key in [k for k in entries if k.startswith(KAFKA_TOPIC_KEY)]:
        found = entries.pop(key)
        kept: List[Tuple[Trigger, str]] = []
        for trigger, path in found:
            if trigger.source != KAFKA_BUILT_SOURCE:
                kept.append((trigger, path))
                continue
            for builder in resolve(trigger.target):
                kept.extend((replace(trigger, source=QUEUE_CONSUMER_SOURCE, target=["name", reader]), path)
                            for reader in dict.fromkeys(readers.get(builder, ())))
        entries.setdefault(named(key), []).extend(kept)
    for key, found in entries.items():
        for i, (trigger, path) in enumerate(found if key.startswith(LAUNCH) else ()):
            sent = str(trigger.target[1]) if trigger.source == QUEUE_SEND_SOURCE and len(trigger.target) > 1 else ""
            if sent.startswith(KAFKA_TOPIC_KEY + "@") and named(sent) != sent:
                found[i] = (replace(trigger, target=["entry", named(sent)]), path)
