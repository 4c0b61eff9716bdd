"""Messenger bots that poll by hand: a loop over the Telegram Bot API's ``getUpdates``.

A bot without a framework (``while self.running: updates = client.get_updates(offset)`` over raw
HTTP, or python-telegram-bot's ``bot.get_updates`` in a loop of the project's own) answers each
update while the person who wrote it waits: real-time, like a framework's message handler (corpus
label policy 5). The trigger is the function holding the loop. A loop that ``break``s (draining
pending updates once, as a scheduled digest does) is no bot and is left alone; a ``break`` under a
stop signal (``if stop_event.is_set(): break``, ``if not self.running``) only ends the bot on
shutdown. The loop serves its users whoever starts it (``SERVING_SOURCES``): a scheduled watchdog
restarting the poller thread does not make the replies scheduled; what the function does outside
the loop (``end_line``) is walked for whoever starts it, and by the loop's trigger only where
nothing else starts the function (``project/hops.covers``).
"""
from __future__ import annotations

import re
from typing import Iterator, Sequence, Set

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.walk import children

# The Bot API method (https://core.telegram.org/bots/api#getupdates) as SDKs and wrappers name it.
POLL_METHODS = frozenset({"get_updates", "getUpdates", "get_updates_async"})
POLL_URL_PART = "/getUpdates"
# Words of a flag or event that ends a serving loop on shutdown, not when the pending updates run out.
# Matched against a name's words (``stop_event``, ``isRunning``), not inside other words (``skill``).
STOP_WORDS = frozenset({"stop", "stopped", "stopping", "shutdown", "running", "exit", "exiting", "quit", "cancel",
                        "cancelled", "canceled", "terminate", "terminated", "kill", "killed", "alive"})
# Words after ``stop`` that make the name a bound, not a signal: ``stop_at``, ``stop_after``.
_BOUND_WORDS = frozenset({"at", "after", "before", "index", "idx", "offset", "line", "time", "date", "id"})
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)
_LOOPS = (cst.For, cst.While)


def _own(node: cst.CSTNode, loops: bool = True) -> Iterator[cst.CSTNode]:
    """Nodes under ``node`` in the same scope (and, with ``loops=False``, outside inner loops)."""
    stack = children(node)
    while stack:
        child = stack.pop()
        yield child
        if not isinstance(child, _SCOPES) and (loops or not isinstance(child, _LOOPS)):
            stack.extend(children(child))


def _polls(ctx: "Context", node: cst.CSTNode) -> bool:
    """A ``get_updates`` call, or a request whose URL (a string, an f-string, a module constant)
    names ``/getUpdates``."""
    if isinstance(node, (cst.SimpleString, cst.FormattedString)):
        return POLL_URL_PART in ctx.code(node)
    if isinstance(node, cst.Name):
        value = ctx.literal(node)
        return isinstance(value, str) and POLL_URL_PART in value
    if isinstance(node, cst.Call):
        func = node.func
        name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        return name in POLL_METHODS
    return False


def _names(node: cst.CSTNode) -> Iterator[str]:
    yield from (n.value for n in [node, *_own(node)] if isinstance(n, cst.Name))


def _signals_stop(name: str) -> bool:
    """Is ``name`` a stop flag or event (``stop_event``, ``SHUTDOWN``, ``self_running``), by its words?"""
    words = [w.lower() for w in _WORD.findall(name)]
    return any(w in STOP_WORDS and not (w == "stop" and i + 1 < len(words) and words[i + 1] in _BOUND_WORDS)
               for i, w in enumerate(words))


def _drains(loop: cst.While) -> bool:
    """Does the loop ``break`` other than on a stop signal (``if stop_event.is_set(): break``)?"""
    guarded: Set[int] = set()
    for node in _own(loop.body, loops=False):
        if isinstance(node, cst.If) and any(_signals_stop(name) for name in _names(node.test)):
            lines = node.body.body if isinstance(node.body, cst.IndentedBlock) else [node.body]
            guarded.update(id(n) for line in lines if isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite))
                           for n in line.body if isinstance(n, cst.Break))
    return any(isinstance(n, cst.Break) and id(n) not in guarded for n in _own(loop.body, loops=False))


def _last_line(ctx: "Context", loop: cst.While) -> int:
    """The loop's last line, from its code (which starts with the blank and comment lines before it)."""
    return ctx.line(loop) + ctx.code(loop).rstrip("\n").count("\n") - len(loop.leading_lines)


class BotPolling(Recognizer):
    id = "bot-polling"
    words = ("get_updates", "getUpdates", "get_updates_async")

    def on_function(self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]) -> None:
        if not any(ctx.mentions(word) for word in ("get_updates", "getUpdates")):
            return
        for loop in _own(node.body):
            if not isinstance(loop, cst.While) or not any(_polls(ctx, n) for n in _own(loop.body)):
                continue
            if _drains(loop):
                continue  # drains the pending updates and stops: not a bot serving people
            note = f"Telegram getUpdates polling loop in {qualname.rsplit('.', 1)[-1]}: each update is a message a person waits on"
            ctx.add_trigger(Trigger(kind="real-time", source="bot-polling", target=["name", qualname],
                                    line=ctx.line(loop), note=note, end_line=_last_line(ctx, loop)))
            return


RECOGNIZERS = [BotPolling()]
