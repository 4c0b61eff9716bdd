"""How one step of a chain reads in the evidence, and which steps a walk does not take.

A callable handed to a scheduler or a framework at the line that registers it as a trigger
(``schedule.every().day.at("09:30").do(job)``, ``scheduler.add_job(job, "cron")``) is run by that
trigger, not by the code that registers it: a request handler that adds a daily job does not run
the job while the person waits. Such ``ref`` edges are left to the trigger (``registrations``),
whatever its class: a handler registered on a bot (``CommandHandler("ask", ask)``) answers the
people who write to the bot, even when a scheduled command builds the bot and starts its polling.
A walk carries its steps as ``Link``s and writes a step's text only for the reaches a call site
reads (``Walked.reach``): most functions a walk reaches hold no call site.
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Set, Tuple

from llm_latency_lint.catalog.conversations import CHAT_SOURCES
from llm_latency_lint.catalog.dispatch import TOOL_ARGUMENTS
from llm_latency_lint.catalog.queues import (
    HANDOFF_LAUNCHES,
    REPLYING_SOURCES,
    SERVING_SOURCES,
)
from llm_latency_lint.model import REGISTERED, Trigger
from llm_latency_lint.project.graph import Edge, Project
from llm_latency_lint.project.modules import COMPUTED_NOTE
from llm_latency_lint.project.reaches import Chain, Evidence, Reach

Registration = Tuple[str, int, str]  # (path, line, the function the trigger runs)
REGISTERED_KINDS = ("scheduled", "near-real-time", "real-time")


def short_name(qualname: str, project: Project) -> str:
    fn = project.functions.get(qualname)
    if fn is not None and fn[0].cls:
        return ".".join(qualname.split(".")[-2:])
    return qualname.rsplit(".", 1)[-1]


def registrations(seeds: Iterable[Tuple[str, str, int, Iterable[str]]]) -> Set[Registration]:
    """(path, line, target) of every trigger from (kind, path, line, targets)."""
    return {(path, line, target) for kind, path, line, targets in seeds if kind in REGISTERED_KINDS
            for target in targets}


def hands_to_trigger(edge: Edge, registered: Set[Registration]) -> bool:
    """Is ``edge`` the registration of a trigger's function (a callable handed on, not run here)?"""
    return edge.kind == "ref" and (edge.path, edge.line, edge.dst) in registered


def loop_of(trigger: Trigger) -> Tuple[int, int]:
    """The lines of its function a serving trigger stands for: the loop (``end_line``), else all."""
    return (trigger.line, trigger.end_line) if trigger.end_line else (0, 1 << 30)


def serving_loops(seeds: Iterable[Tuple[Trigger, Iterable[str]]]) -> Dict[str, List[Tuple[int, int]]]:
    """The lines of each function's serving loops (a bot's polling loop), from (trigger, targets)
    of every seed: another trigger that runs the function does not walk into them."""
    found: Dict[str, List[Tuple[int, int]]] = {}
    for trigger, targets in seeds:
        if trigger.source in SERVING_SOURCES:
            for target in targets:
                found.setdefault(target, []).append(loop_of(trigger))
    return found


def own_loop(trigger: Trigger, fn: str, targets: Iterable[str]) -> Optional[Tuple[int, int]]:
    """The loop a serving trigger's walk keeps to in its own function ``fn``: the code before and
    after it runs for whoever starts the function (``covers``)."""
    return loop_of(trigger) if trigger.source in SERVING_SOURCES and fn in targets else None


def covers(reach: Reach, fn: str, line: int, serving: Dict[str, List[Tuple[int, int]]], alone: Set[str]) -> bool:
    """Does a reach of ``fn`` stand for its code at ``line``? In a function holding a serving loop,
    the loop's own trigger stands for the loop (for all of it where nothing else starts the
    function: ``alone``), any other trigger for the lines outside its serving loops."""
    loops = serving.get(fn)
    if not loops or reach.trigger is None:
        return True
    if reach.trigger.source in SERVING_SOURCES and reach.start == fn:
        a, b = loop_of(reach.trigger)
        return fn in alone or a <= line <= b
    return not any(a <= line <= b for a, b in loops)


def started_alone(found: List["Walked"], fn: str) -> bool:
    """Does nothing but ``fn``'s own serving loops start ``fn`` (weak evidence aside)? Then the
    code around the loop runs whenever the bot does: the loop's trigger stands for all of it."""
    return all(w.weak or (w.trigger.source in SERVING_SOURCES and w.start == fn) for w in found)


def hop_note(edge: Edge, project: Project) -> str:
    src, dst = short_name(edge.src, project), short_name(edge.dst, project)
    answers = ", passing the conversation on (the work answers the person)" if edge.answers and not edge.waited else ""
    if edge.kind == "queue" and edge.handoff:
        return f"{src} starts {dst} with {edge.note}" + (" and waits for it" if edge.waited else " and does not wait") + answers
    if edge.kind == "queue":
        waits = " and waits for the result" if edge.waited else ""
        return f"{src} queues {dst} with {edge.note or 'a task queue'}{waits}{answers}"
    if edge.kind == "http":
        return edge.note  # "job POSTs to /api/chat, the project's own route chat (...)"
    by_name = f" ({dst} resolved by name: the receiver has no known type)" if edge.by_name else ""
    if edge.kind == "ref" and edge.note in TOOL_ARGUMENTS:
        return f"{src} gives {dst} to {TOOL_ARGUMENTS[edge.note]}"
    if edge.kind == "ref" and edge.note == REGISTERED:
        return f"{src} registers {dst} (no run of what it registers into is found)"
    if edge.kind == "ref" and edge.note == "hook":
        return f"{src} hands its instance to a framework that calls {dst} back"
    if edge.kind == "ref":
        return f"{src} passes {dst} as a callable{by_name}"
    if edge.kind == "call" and edge.note.startswith(COMPUTED_NOTE):
        return f"{src} calls {dst} ({edge.note}: every module there is reachable)"
    return f"{src} calls {dst}{by_name}"


class Link:
    """A walk's chain so far: the step (``edge``) after the chain of ``parent``, or a whole
    ``base`` chain with its functions. Most queued steps reach a function already seen; the
    evidence text of a step (``hop_note``) is written only when a reach keeps its chain."""

    __slots__ = ("parent", "edge", "_chain", "_functions")

    def __init__(self, parent: Optional["Link"], edge: Optional[Edge],
                 base: Optional[Chain] = None, functions: Tuple[str, ...] = ()) -> None:
        self.parent, self.edge = parent, edge
        self._chain = base
        self._functions = functions if parent is None else None

    def chain(self, project: Project) -> Chain:
        if self._chain is None:
            pending: List[Link] = []  # the links up to one already written, nearest first
            link: Optional[Link] = self
            while link is not None and link._chain is None:
                pending.append(link)
                link = link.parent
            for step in reversed(pending):
                edge = step.edge
                assert step.parent is not None and step.parent._chain is not None and edge is not None
                step._chain = step.parent._chain + [Evidence(edge.path, edge.line, hop_note(edge, project))]
        assert self._chain is not None  # written by the loop above
        return self._chain

    def functions(self) -> Tuple[str, ...]:
        if self._functions is None:
            pending: List[Link] = []
            link: Optional[Link] = self
            while link is not None and link._functions is None:
                pending.append(link)
                link = link.parent
            for step in reversed(pending):
                assert step.parent is not None and step.parent._functions is not None and step.edge is not None
                step._functions = step.parent._functions + (step.edge.dst,)
        assert self._functions is not None  # written by the loop above
        return self._functions


def answers_first(source: str, edge: Edge, link: Optional[Link]) -> bool:
    """Does this hand-off from a ``source`` trigger make the reply its person waits for (policy 5)?
    Only the first hand-off does: a chat platform's webhook or a desktop GUI's callback answers from
    the work it hands off; a chat bot's handler does where the hand-off passes the conversation on
    (``catalog/conversations.py``). What that work hands off in turn answers no one. An item put on
    a work queue (``project/work_queues.py``: the edge names its queue) answers only where it carries
    the conversation: the worker serves every producer's items, and can reply only to whom one names."""
    fed = edge.kind == "queue" and bool(edge.containers)
    return (source in REPLYING_SOURCES and not fed or edge.answers and source in CHAT_SOURCES | REPLYING_SOURCES) \
        and not handed_off(link)


def hands_off_launch(source: str, entry: Trigger, link: Optional[Link]) -> bool:
    """Does this launch from a ``source`` trigger hand its work off (an async invoke, a queue send:
    ``HANDOFF_LAUNCHES``), so the person no longer waits? Not a chat handler's first hand-off passing
    the conversation on (policy 5, ``Trigger.answers``: ``sqs.send_message(QueueUrl=...,
    MessageBody=json.dumps({"channel": event["channel"], ...}))``, a serverless Slack bot
    acknowledging within three seconds): its work makes the reply."""
    answers = entry.answers and source in CHAT_SOURCES | REPLYING_SOURCES and not handed_off(link)
    return entry.source in HANDOFF_LAUNCHES and not answers


def handed_off(link: Optional[Link]) -> bool:
    """Has the chain so far crossed a hand-off it does not wait for (a thread, a task)?"""
    while link is not None:
        if link.edge is not None and link.edge.kind == "queue" and not link.edge.waited:
            return True
        link = link.parent
    return False


class Walked:
    """One trigger's walk to one function, before its evidence is written: what the walks
    themselves read (class, weakness, trigger), and the ``Link`` the chain is written from."""

    __slots__ = ("cls", "link", "weak", "trigger", "start")

    def __init__(self, cls: str, link: Link, weak: bool, trigger: Trigger, start: str) -> None:
        self.cls, self.link, self.weak, self.trigger, self.start = cls, link, weak, trigger, start

    def reach(self, project: Project) -> Reach:
        return Reach(self.cls, self.link.chain(project), self.weak, self.trigger.schedule, self.trigger, self.start,
                     self.link.functions())
