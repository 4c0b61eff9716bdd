"""aiogram-dialog (aiogram-dialog.readthedocs.io, "Widgets" and "Windows"): a dialog's widgets and
windows call the functions they are given when a person writes or presses a button in the chat,
and the bot answers while they wait: real-time. ``MessageInput(handler)``, ``TextInput(id,
on_success=...)``, ``Button(text, id, on_click=...)``, ``Select(..., on_click=...)``,
``Window(..., getter=...)`` (rendered for the person), ``Dialog(..., on_start=...)``. The dialog is
included in the dispatcher's routers; the widget that names the handler is where it is declared,
as a decorator is for aiogram's own handlers (``chat_bots.py``).
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.catalog.triggers.resolve import callable_target, short
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import kwarg, positional

ROOT = "aiogram_dialog."
# Keywords of widgets, windows and dialogs that take a callback the library calls for the person.
CALLBACK_KEYWORDS = ("func", "on_click", "on_success", "on_error", "on_state_changed", "on_page_changed",
                     "on_text_changed", "on_process_result", "on_start", "on_close", "getter")
# Widgets whose first positional argument is the handler.
FIRST_ARGUMENT = frozenset({"MessageInput"})


class DialogWidgets(Recognizer):
    """Callbacks handed to aiogram-dialog's widgets, windows and dialogs."""

    id = "aiogram-dialog"
    words = ("aiogram_dialog",)

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        if not callee or not callee.startswith(ROOT):
            return
        widget = callee.rsplit(".", 1)[-1]
        handlers = [kwarg(node, keyword) for keyword in CALLBACK_KEYWORDS]
        if widget in FIRST_ARGUMENT:
            handlers.append(positional(node, 0))
        for handler in handlers:
            target = callable_target(ctx, handler) if handler is not None else None
            if target is None or handler is None:
                continue
            note = f"aiogram-dialog {widget} -> {short(ctx, handler)}"
            ctx.add_trigger(Trigger(kind="real-time", source="aiogram-dialog", target=target,
                                    line=ctx.line(node), note=note))


RECOGNIZERS = [DialogWidgets()]
