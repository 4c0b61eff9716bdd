"""Chat bots and sockets: a person sent a command or a message and waits for the answer.

Real-time handlers, as tables:

- Decorators (``BOT_DECORATORS``): Slack Bolt ``@app.command/event/message/action/shortcut/view/
  options``; discord.py ``@bot.command``, ``@bot.hybrid_command``, ``@commands.command()``,
  ``@app_commands.command``, ``@tree.command``, py-cord's bare ``@slash_command`` / ``@message_command``
  (imported from ``discord.commands``), ``@bot.event`` on an ``on_*`` event (not the
  start-up ones) and ``@commands.Cog.listener()``; aiogram ``@router.message``, ``@dp.message``,
  ``@dp.message_handler``, ``@router.callback_query``; pyrogram ``@app.on_message``;
  pyTelegramBotAPI ``@bot.message_handler``. The receiver must be built by the framework, or the
  file must import it when the receiver's origin is not visible here.
- Handler objects (``HANDLER_CALLS``): python-telegram-bot ``CommandHandler("start", fn)``,
  ``MessageHandler(filters, fn)``, ``CallbackQueryHandler(fn)`` ...; pyTelegramBotAPI
  ``bot.register_message_handler(fn)``,
  ``bot.register_next_step_handler(msg, fn)`` (the user's next message).
- Event methods (``EVENT_FAMILIES``): a ``discord.Client`` / ``commands.Bot`` subclass's ``async def
  on_message(self, message)``; a Django Channels consumer's ``connect`` / ``receive`` (a person on a
  websocket). Socket.IO ``@sio.on("message")`` / ``@socketio.event`` are in the decorator table.

Scheduled, in the same bots (``BOT_SCHEDULES``): python-telegram-bot's JobQueue
``run_repeating(fn, interval=...)``, ``run_daily(fn, time=...)``, ``run_monthly``; discord.py
``@tasks.loop(hours=...)``.

Lifecycle hooks (``BotLifecycle``) are no trigger of their own: ``on_ready`` / ``setup_hook`` /
``on_connect`` run once each time the process starts the client, so the code that starts it
(``client.run(token)``, ``await bot.start(token)``) calls them, and they take the class of
whatever runs that code: a bot a schedule starts, that does its work in ``on_ready`` and closes,
is scheduled; one a person starts by hand, real-time.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog import schedule_words
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.http_common import (
    ViewClassRecognizer,
    ViewFamily,
)
from llm_latency_lint.catalog.triggers.resolve import (
    callable_target,
    followable,
    origin,
    short,
)
from llm_latency_lint.catalog.triggers.schedule_args import (
    interval_words,
    literal_kwargs,
)
from llm_latency_lint.model import CallRef, Expr, Trigger
from llm_latency_lint.syntax.literals import arg, kwarg, positional

REAL_TIME = "real-time"
SCHEDULED = "scheduled"


@dataclass(frozen=True)
class BotDecorator:
    roots: Tuple[str, ...]  # the framework's import roots (the receiver's constructor lies under one)
    attrs: Tuple[str, ...]  # ``@<receiver>.<attr>`` (or ``@<root>...<attr>`` qualified)
    label: str
    source: str
    events_only: bool = False  # ``@bot.event``: the function's name says which event (``on_message``)


_SLACK = ("slack_bolt",)
_DISCORD = ("discord", "nextcord", "disnake", "interactions")
_AIOGRAM = ("aiogram",)
BOT_DECORATORS: Tuple[BotDecorator, ...] = (
    BotDecorator(_SLACK, ("command", "event", "message", "action", "shortcut", "view", "options", "function",
                          "block_action", "view_submission",
                          # the ``Assistant`` of AI apps (``app.use(assistant)``): a person's thread
                          "user_message", "thread_started", "thread_context_changed", "bot_message"),
                 "Slack Bolt", "slack-bolt"),
    BotDecorator(_DISCORD, ("command", "hybrid_command", "slash_command", "user_command", "message_command",
                            "group", "hybrid_group"), "discord.py command", "discord-command"),
    BotDecorator(_DISCORD, ("event",), "discord.py event", "discord-event", events_only=True),
    BotDecorator(_DISCORD, ("listener",), "discord.py Cog listener", "discord-event", events_only=True),
    BotDecorator(_AIOGRAM, ("message", "edited_message", "callback_query", "inline_query", "message_handler",
                            "callback_query_handler", "inline_handler", "channel_post"), "aiogram handler",
                 "aiogram-handler"),
    BotDecorator(("pyrogram",), ("on_message", "on_callback_query", "on_inline_query"), "Pyrogram handler",
                 "pyrogram-handler"),
    BotDecorator(("socketio", "flask_socketio"), ("on", "event", "on_event"), "Socket.IO handler", "socketio-handler"),
    BotDecorator(("telebot",), ("message_handler", "callback_query_handler", "inline_handler",
                                "channel_post_handler", "edited_message_handler"), "pyTelegramBotAPI handler",
                 "telebot-handler"),
)
# Events nobody waits on: start-up, connection and bookkeeping hooks.
QUIET_EVENTS = frozenset({
    "on_ready", "on_connect", "on_disconnect", "on_resumed", "on_shard_ready", "on_error", "setup_hook",
    "on_guild_join", "on_guild_remove", "on_member_join", "on_member_remove", "on_message_delete",
    "on_message_edit", "on_raw_message_delete", "on_typing", "on_presence_update",
})
# Handler constructors: qualified-name suffix -> (label, keyword of the callback, its position).
HANDLER_CALLS: Dict[str, Tuple[str, str, int]] = {
    "telegram.ext.CommandHandler": ("python-telegram-bot CommandHandler", "callback", 1),
    "telegram.ext.MessageHandler": ("python-telegram-bot MessageHandler", "callback", 1),
    "telegram.ext.CallbackQueryHandler": ("python-telegram-bot CallbackQueryHandler", "callback", 0),
    "telegram.ext.InlineQueryHandler": ("python-telegram-bot InlineQueryHandler", "callback", 0),
    "telegram.ext.PrefixHandler": ("python-telegram-bot PrefixHandler", "callback", 2),
    "telegram.ext.ChosenInlineResultHandler": ("python-telegram-bot ChosenInlineResultHandler", "callback", 0),
    "telegram.ext.PollAnswerHandler": ("python-telegram-bot PollAnswerHandler", "callback", 0),
}
# ``bot.register_message_handler(fn, ...)`` (pyTelegramBotAPI), by method name: (roots, label,
# position of the callback). A next-step handler answers the user's next message.
REGISTER_METHODS: Dict[str, Tuple[Tuple[str, ...], str, int]] = {
    "register_message_handler": (("telebot",), "pyTelegramBotAPI register_message_handler", 0),
    "register_callback_query_handler": (("telebot",), "pyTelegramBotAPI register_callback_query_handler", 0),
    "register_next_step_handler": (("telebot",), "pyTelegramBotAPI register_next_step_handler", 1),
    "register_next_step_handler_by_chat_id": (("telebot",), "pyTelegramBotAPI register_next_step_handler", 1),
}
# JobQueue methods (python-telegram-bot): method -> (keywords that say when, position of the callback).
JOB_QUEUE: Dict[str, Tuple[str, ...]] = {
    "run_repeating": ("interval",),
    "run_daily": ("time",),
    "run_monthly": ("when",),
    "run_custom": (),
}
# Classes whose methods answer a person: a discord.py client or bot subclass's ``on_message``
# (also through a project base class in the same file), a Django Channels consumer's
# ``connect`` / ``receive``.
EVENT_FAMILIES = (
    ViewFamily("discord.py event handler", "discord-event",
               ("discord.Client", "discord.AutoShardedClient", "discord.ext.commands.Bot",
                "discord.ext.commands.AutoShardedBot", "nextcord.Client", "nextcord.ext.commands.Bot",
                "disnake.Client", "disnake.ext.commands.Bot"),
               frozenset({"on_message", "on_reaction_add", "on_raw_reaction_add", "on_interaction",
                          "on_application_command", "on_command"})),
    ViewFamily("Django Channels consumer", "channels-consumer",
               ("channels.generic.websocket.", "channels.consumer.AsyncConsumer", "channels.consumer.SyncConsumer",
                "channels.generic.http."),
               frozenset({"connect", "receive", "receive_json", "websocket_connect", "websocket_receive",
                          "http_request", "handle"})),
)


def _real_time(target, line: int, note: str, source: str) -> Trigger:
    return Trigger(kind=REAL_TIME, source=source, target=target, line=line, note=note)


def _built_by(ctx: "Context", receiver: cst.BaseExpression, roots: Sequence[str]) -> bool:
    """The receiver was built by one of ``roots`` (or by a class of this file subclassing one of
    theirs: ``class Client(discord.Client)``); when this file cannot tell, the import decides."""
    built = origin(ctx, ctx.expr(receiver))
    own = ctx.facts.classes.get(built.ctor) if built is not None else None
    ctors = [built.ctor] if built is not None else []
    ctors += [str(b[1]) for b in own.bases if b and b[0] == "name"] if own is not None else []
    if any(c == r or c.startswith(r + ".") for c in ctors for r in roots):
        return True
    qualified = ctx.qualified(receiver)
    if qualified and any(qualified == r or qualified.startswith(r + ".") for r in roots):
        return True  # ``@commands.command()`` / ``@discord.app_commands.command``
    return built is None and any(ctx.imports(root) for root in roots)


class BotHandlers(Recognizer):
    """Command and message handlers of Slack, Discord and Telegram bots."""

    id = "chat-bots"
    words = ("slack_bolt", "discord", "nextcord", "disnake", "aiogram", "pyrogram", "telebot", "telegram")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            specs = self._specs(ctx, dec, node.name.value)
            for spec, receiver in specs:
                what = self._what(ctx, dec)
                note = f"{spec.label} @{short(ctx, dec.node.decorator, 50)}{what} -> {node.name.value}"
                trigger = _real_time(["name", qualname], dec.line, note, spec.source)
                if receiver is not None:  # counts if the project finds the framework built it
                    trigger.receiver, trigger.receiver_roots = receiver, list(spec.roots)
                ctx.add_trigger(trigger)
            if specs:
                return

    @staticmethod
    def _specs(ctx: "Context", dec: Decorator, name: str) -> Sequence[Tuple[BotDecorator, Optional[Expr]]]:
        """The framework the decorator belongs to, with no receiver to check; or, when this file
        cannot tell what built the receiver (a parameter, ``self.app``, another module's object),
        every framework it may belong to, each with the receiver the project stage checks."""
        callee = dec.call.func if dec.call is not None else dec.node.decorator
        if isinstance(callee, cst.Name):  # the framework's own function (py-cord's ``@slash_command(...)``)
            qual = dec.name or ""
            return [(s, None) for s in BOT_DECORATORS if dec.attr in s.attrs and not s.events_only
                    and any(qual.startswith(r + ".") for r in s.roots)][:1]
        if not isinstance(callee, cst.Attribute):
            return []
        specs = [s for s in BOT_DECORATORS if dec.attr in s.attrs
                 and not (s.events_only and (not name.startswith("on_") or name in QUIET_EVENTS))]
        if any(ctx.imports(r) for s in BOT_DECORATORS if dec.attr in s.attrs for r in s.roots):
            return [(s, None) for s in specs if any(ctx.imports(r) for r in s.roots)
                    and _built_by(ctx, callee.value, s.roots)][:1]
        receiver = followable(ctx.expr(callee.value))
        if receiver is None or origin(ctx, receiver) is not None:
            return []  # built in this file by no bot framework (a FastAPI app, an own class)
        return [(s, receiver) for s in specs]

    @staticmethod
    def _what(ctx: "Context", dec: Decorator) -> str:
        if dec.call is None:
            return ""
        value = ctx.literal(kwarg(dec.call, "name") or positional(dec.call, 0))
        return f" '{value}'" if isinstance(value, str) else ""

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        if callee:
            last = callee.rsplit(".", 1)[-1]
            spec = HANDLER_CALLS.get(callee) or (
                HANDLER_CALLS.get(f"telegram.ext.{last}") if callee.startswith("telegram.") else None
            )
            if spec is not None:
                label, keyword, index = spec
                handler = arg(node, keyword, index)
                target = callable_target(ctx, handler)
                if target is not None and handler is not None:
                    command = ctx.literal(positional(node, 0)) if "Command" in label else None
                    what = f" '/{command}'" if isinstance(command, str) else ""
                    note = f"{label}{what} -> {short(ctx, handler)}"
                    ctx.add_trigger(_real_time(target, ctx.line(node), note, "telegram-handler"))
                return
        func = node.func
        if isinstance(func, cst.Call) and isinstance(func.func, cst.Attribute) and node.args:
            self._applied(ctx, node, func, func.func)
        if isinstance(func, cst.Attribute) and func.attr.value in REGISTER_METHODS:
            roots, label, index = REGISTER_METHODS[func.attr.value]
            handler = arg(node, "callback", index)
            target = callable_target(ctx, handler)
            if target is not None and handler is not None and _built_by(ctx, func.value, roots):
                ctx.add_trigger(_real_time(target, ctx.line(node), f"{label} -> {short(ctx, handler)}",
                                           "telebot-handler"))


    @staticmethod
    def _applied(ctx: "Context", node: cst.Call, call: cst.Call, callee: cst.Attribute) -> None:
        """``app.message()(self.on_message)``: a listener decorator applied by a call, not with ``@``
        (on a receiver the file's framework import may have built: ``self._handler.app``)."""
        handler = positional(node, 0)
        target = callable_target(ctx, handler)
        if target is None or handler is None:
            return
        specs = [s for s in BOT_DECORATORS if callee.attr.value in s.attrs and not s.events_only
                 and any(ctx.imports(r) for r in s.roots) and _built_by(ctx, callee.value, s.roots)]
        for spec in specs[:1]:
            note = f"{spec.label} {short(ctx, call, 50)}({short(ctx, handler)})"
            ctx.add_trigger(_real_time(target, ctx.line(node), note, spec.source))


class BotSchedules(Recognizer):
    """python-telegram-bot JobQueue jobs and discord.py ``@tasks.loop``: scheduled inside a bot."""

    id = "chat-bot-schedules"
    words = ("run_repeating", "run_daily", "run_monthly", "run_custom", "tasks.loop")

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in JOB_QUEUE and ctx.imports("telegram")):
            return
        handler = arg(node, "callback", 0)
        target = callable_target(ctx, handler)
        if target is None or handler is None:
            return
        method = func.attr.value
        schedule = None
        if method == "run_repeating":
            schedule = interval_words(ctx, self, arg(node, "interval", 1))
        elif method == "run_daily":
            schedule = "daily"
        elif method == "run_monthly":
            schedule = "monthly"
        when = f" {schedule}" if schedule else ""
        note = f"python-telegram-bot JobQueue.{method}{when} -> {short(ctx, handler)}"
        ctx.add_trigger(Trigger(kind=SCHEDULED, source="telegram-jobqueue", target=target, line=ctx.line(node),
                                note=note, schedule=schedule))

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            if dec.attr != "loop" or dec.name is None or not dec.name.endswith("tasks.loop"):
                continue
            if not any(dec.name.startswith(root + ".") for root in _DISCORD):
                continue
            schedule = None
            if dec.call is not None:
                values = literal_kwargs(ctx, self, dec.call, ("hours", "minutes", "seconds"))
                seconds = schedule_words.duration_seconds({k: v for k, v in values.items() if isinstance(v, (int, float))})
                schedule = schedule_words.interval(seconds) if seconds else ("daily" if kwarg(dec.call, "time") else None)
            when = f" {schedule}" if schedule else ""
            note = f"discord.py @tasks.loop{when} -> {node.name.value}"
            ctx.add_trigger(Trigger(kind=SCHEDULED, source="discord-tasks-loop", target=["name", qualname],
                                    line=dec.line, note=note, schedule=schedule))
            return


# Client lifecycle hooks: run once per start of the client, by the code that starts it.
LIFECYCLE_EVENTS = frozenset({"on_ready", "setup_hook", "on_connect"})
START_METHODS = frozenset({"run", "start"})
DISCORD_CLIENTS = tuple(base for family in EVENT_FAMILIES[:1] for base in family.bases)


class BotLifecycle(Recognizer):
    """``@client.event async def on_ready()`` (or a client subclass's ``on_ready`` / ``setup_hook``)
    is called by the function that runs ``client.run(token)`` / ``await client.start(token)``."""

    id = "chat-bot-lifecycle"
    words = ("discord", "nextcord", "disnake")

    def on_class(self, ctx: "Context", node: cst.ClassDef, qualname: str, bases: List[Optional[str]]) -> None:
        clients = ctx.state(self).setdefault("classes", {})
        if any(b and (b in clients or b.startswith(DISCORD_CLIENTS)) for b in bases):
            clients[qualname] = []

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        name = node.name.value
        if name not in LIFECYCLE_EVENTS:
            return
        state = ctx.state(self)
        owner = qualname.rpartition(".")[0]
        if owner in state.get("classes", {}):
            state["classes"][owner].append(qualname)
            return
        for dec in decorators:
            callee = dec.call.func if dec.call is not None else dec.node.decorator
            if dec.attr in ("event", "listen") and isinstance(callee, cst.Attribute) \
                    and any(ctx.imports(root) for root in _DISCORD):  # ``@bot.client.event`` too
                state.setdefault("hooks", []).append((ctx.code(callee.value), qualname))

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in START_METHODS and node.args):
            return
        root: cst.BaseExpression = func.value
        while isinstance(root, cst.Attribute):
            root = root.value
        if not isinstance(root, cst.Name) or root.value in ctx.facts.imports:  # ``asyncio.run(main())``
            return
        built = origin(ctx, ctx.expr(func.value))
        ctx.state(self).setdefault("starts", []).append(
            (ctx.code(func.value), built.ctor if built else None, ctx.function, ctx.line(node), _token_start(ctx, node)))

    def on_module_end(self, ctx: "Context") -> None:
        state = ctx.state(self)
        classes: Dict[str, List[str]] = state.get("classes", {})
        for receiver, ctor, function, line, token in state.get("starts", []):
            hooks = [q for code, q in state.get("hooks", []) if code == receiver]
            if ctor in classes:
                hooks += classes[ctor]
            elif ctor is None and token and len([c for c in classes.values() if c]) == 1:
                hooks += next(c for c in classes.values() if c)  # ``bot = MyBot(); bot.run(token)`` in a function
            for hook in hooks:
                note = f"{receiver}.run/start starts the client, which runs {hook.rsplit('.', 1)[-1]} once"
                ctx.add_call(CallRef(["name", hook], line, 0, kind="call", note=note), function)


def _token_start(ctx: "Context", node: cst.Call) -> bool:
    """Does ``x.run(...)`` look like a client's start (``run(TOKEN)``, ``start(os.getenv("BOT_TOKEN"))``)
    rather than a web server's (``app.run(host=..., port=8080)``)? Decides for a receiver of unknown origin."""
    first = node.args[0]
    if first.keyword is not None or first.star:
        return False
    code = ctx.code(first.value).lower()
    if any(word in code for word in _TOKEN_WORDS):
        return True
    if isinstance(first.value, cst.SimpleString) and len(code) > 50 and " " not in code:
        return True  # a token pasted in
    plain = not isinstance(first.value, (cst.SimpleString, cst.Integer, cst.ConcatenatedString, cst.FormattedString))
    return plain and len(node.args) == 1


_TOKEN_WORDS = ("token", "secret", "key")


class BotEventMethods(ViewClassRecognizer):
    """Event methods of discord.py client subclasses and Django Channels consumers."""

    id = "chat-bot-event-methods"
    words = ("discord", "nextcord", "disnake", "channels")
    families = EVENT_FAMILIES


RECOGNIZERS = [BotHandlers(), BotSchedules(), BotLifecycle(), BotEventMethods()]
