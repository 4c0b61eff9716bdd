"""Telethon event handlers: ``@client.on(events.NewMessage(pattern=r"^/today$"))``,
``client.add_event_handler(fn, events.NewMessage(...))`` and ``@events.register(events.X(...))``.

Telethon is mostly a *user* client: its handlers often watch channels and groups for posts that
nobody addressed to the code (indexing, forwarding, per-post summaries). So the event says who
waits (``EVENT_KINDS``): a button press (``CallbackQuery``) or an inline query is a person
waiting; a message handler is one only where its ``pattern`` is a command a person types
(``/digest``, ``!ask``, ``\\.ai``: ``COMMAND_OPENINGS`` after the regex's anchors); any other
message, edit or chat action arriving is an event: near-real-time (round 17's Sergey051291/TgBot
post watcher, round 20's igoropaniuk/teledigest ``/today`` command).
"""
from __future__ import annotations

from typing import Dict, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.resolve import callable_target, short
from llm_latency_lint.model import Expr, Trigger
from llm_latency_lint.syntax.literals import kwarg, positional

REAL_TIME, NEAR_REAL_TIME = "real-time", "near-real-time"
# Where the event classes live: ``telethon.events`` and its re-export in ``telethon.sync`` (Telethon's
# quick start writes ``from telethon.sync import TelegramClient, events``).
ROOTS = ("telethon.events", "telethon.sync.events")
# event class -> who waits: ``None`` where the message's ``pattern`` decides (``COMMAND_OPENINGS``)
EVENT_KINDS: Dict[str, Optional[str]] = {
    "NewMessage": None,
    "MessageEdited": None,
    "CallbackQuery": REAL_TIME,
    "InlineQuery": REAL_TIME,
    "ChatAction": NEAR_REAL_TIME,
    "Album": NEAR_REAL_TIME,
    "MessageDeleted": NEAR_REAL_TIME,
    "MessageRead": NEAR_REAL_TIME,
    "UserUpdate": NEAR_REAL_TIME,
    "Raw": NEAR_REAL_TIME,
}
# How a command a person types opens, in a regex: ``/digest``, ``!ask``, an escaped dot (``\\.ai``;
# a bare ``.`` matches any character).
COMMAND_OPENINGS = ("/", "!", "\\/", "\\!", "\\.")
# ... or a character class of those marks (``[./!]ai``: a userbot answering any of its prefixes; a
# dot inside a class is a dot).
COMMAND_MARKS = frozenset("/!.")
# What a regex may open with before its first character: anchors, inline flags, a group.
_OPENERS = ("^", "\\A", "(?i)", "(?s)", "(?m)", "(?x)", "(?:", "(")
REGISTRARS = ("on", "register")  # ``@client.on(event)``, ``@events.register(event)``
ADD_HANDLER = "add_event_handler"


def event_class(ctx: "Context", node: Optional[cst.BaseExpression]) -> Optional[Tuple[str, Optional[cst.Call]]]:
    """The Telethon event an argument builds (``events.NewMessage(...)``) or names (``events.Raw``)."""
    call = node if isinstance(node, cst.Call) else None
    qualified = ctx.qualified(call.func if call is not None else node) or ""
    module, _, name = qualified.rpartition(".")
    if name in EVENT_KINDS and any(module == root or module.startswith(root + ".") for root in ROOTS):
        return name, call
    return None


def is_command(pattern: object) -> bool:
    """``r"^/(today|digest)$"``, ``"!ask"``, ``r"\\.ai (.*)"``, ``r"^[./!]ai"``: a command a person types."""
    if not isinstance(pattern, str):
        return False
    text = pattern
    opener = next((o for o in _OPENERS if text.startswith(o)), None)
    while opener is not None:
        text = text[len(opener):]
        opener = next((o for o in _OPENERS if text.startswith(o)), None)
    if text.startswith("["):
        members = text[1:text.find("]")].replace("\\", "") if "]" in text else ""
        return bool(members) and set(members) <= COMMAND_MARKS
    return text.startswith(COMMAND_OPENINGS)


def kind_of(ctx: "Context", name: str, call: Optional[cst.Call]) -> Tuple[str, str]:
    """The class of a handler of event ``name`` built by ``call``, with the words saying why."""
    fixed = EVENT_KINDS[name]
    if fixed is not None:
        return fixed, "a person's button press or query: they wait" if fixed == REAL_TIME else "nobody waits on it"
    pattern = kwarg(call, "pattern") if call is not None else None
    if isinstance(pattern, cst.Name) and isinstance(ctx.module_value(pattern.value), cst.Call):
        pattern = ctx.module_value(pattern.value)  # ``TODAY = re.compile(r"^/today$")`` at module level
    value = ctx.literal(pattern.args[0].value if isinstance(pattern, cst.Call) and pattern.args else pattern)
    if is_command(value):
        return REAL_TIME, f"the command {value!r} a person types: they wait for the reply"
    return NEAR_REAL_TIME, "a message arriving in a watched chat, no command: nobody waits on it"


class TelethonHandlers(Recognizer):
    id = "telethon-events"
    words = ("telethon",)

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        """One trigger per event the handler is registered for: stacked ``@client.on(...)`` each count
        (a watched channel's posts and a button press: the press is a person waiting)."""
        if not ctx.imports("telethon"):
            return
        for dec in decorators:
            if dec.attr in REGISTRARS and dec.call is not None:
                found = event_class(ctx, positional(dec.call, 0))
                if found is not None:
                    what = f"@{short(ctx, dec.node.decorator, 60)} -> {node.name.value}"
                    self._add(ctx, ["name", qualname], dec.line, what, *found)

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == ADD_HANDLER and ctx.imports("telethon")):
            return
        handler = positional(node, 0) or kwarg(node, "callback")
        found = event_class(ctx, positional(node, 1) or kwarg(node, "event"))
        target = callable_target(ctx, handler)
        if found is not None and target is not None and handler is not None:
            what = f"{short(ctx, func, 40)}({short(ctx, handler)}, {found[0]})"
            self._add(ctx, target, ctx.line(node), what, *found)

    @staticmethod
    def _add(ctx: "Context", target: Expr, line: int, what: str, name: str, call: Optional[cst.Call]) -> None:
        kind, why = kind_of(ctx, name, call)
        source = "telethon-command" if kind == REAL_TIME else "telethon-event"
        ctx.add_trigger(Trigger(kind=kind, source=source, target=target, line=line,
                                note=f"Telethon {name} handler {what} ({why})"))


RECOGNIZERS = [TelethonHandlers()]
