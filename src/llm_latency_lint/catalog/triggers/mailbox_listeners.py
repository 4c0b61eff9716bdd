"""Mailbox listeners: a loop that waits on an inbox and answers each new email.

A daemon holding an IMAP connection in IMAP IDLE (imapclient's ``idle()`` / ``idle_check()``,
aioimaplib's ``idle_start()`` / ``wait_server_push()``, imaplib2's ``idle()``), or polling
``search('UNSEEN')`` in a loop, or an Exchange streaming subscription (exchangelib
``get_streaming_events``), is started by a container's command or a service and runs the whole
process. Each new email is an event; its sender reads the reply later: near-real-time (corpus label
policies 4 and 5), not a command a person waits on. The trigger is the function holding the loop;
like a bot's polling loop it serves its senders whoever starts it (``SERVING_SOURCES``). A loop
that ``break``s other than on a stop signal (reading the unseen mail once, as a scheduled digest
does) is no listener.
"""
from __future__ import annotations

from typing import Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.bot_polling import _drains, _own
from llm_latency_lint.model import Trigger

# Modules whose clients read a mailbox (IMAP, Exchange Web Services).
MAIL_CLIENTS = ("imaplib", "imapclient", "aioimaplib", "imaplib2", "exchangelib")
# Methods that wait for the server to announce new mail (IMAP IDLE, EWS streaming notifications).
WAIT_METHODS = frozenset({"idle", "idle_check", "idle_start", "wait_server_push", "get_streaming_events"})
# Search methods and the IMAP search keys that ask for mail not yet handled.
SEARCH_METHODS = frozenset({"search", "uid"})
NEW_MAIL_KEYS = ("UNSEEN", "RECENT")


def _listens(ctx: "Context", node: cst.CSTNode) -> Optional[str]:
    """What a call in the loop does with the mailbox: waits for new mail, or searches for unseen mail."""
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        return None
    method = node.func.attr.value
    if method in WAIT_METHODS:
        return f"{method}()"
    if method in SEARCH_METHODS:
        for arg in node.args:
            for part in [arg.value, *_own(arg.value)]:
                text = ctx.literal(part) if isinstance(part, (cst.SimpleString, cst.Name)) else None
                if isinstance(text, str) and any(key in text.upper() for key in NEW_MAIL_KEYS):
                    return f"{method}({text!r})"
    return None


class MailboxListeners(Recognizer):
    id = "mailbox-listener"
    words = ("idle", "UNSEEN", "RECENT", "get_streaming_events", "wait_server_push")

    def on_function(self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]) -> None:
        if not any(ctx.imports(root) for root in MAIL_CLIENTS):
            return
        for loop in _own(node.body):
            if not isinstance(loop, cst.While) or _drains(loop):
                continue
            how = next((found for found in (_listens(ctx, n) for n in _own(loop.body)) if found), None)
            if how is None:
                continue
            note = (f"mailbox listener loop in {qualname.rsplit('.', 1)[-1]} ({how}): each new email is an event "
                    "whose sender reads the reply later")
            ctx.add_trigger(Trigger(kind="near-real-time", source="mailbox-listener", target=["name", qualname],
                                    line=ctx.line(loop), note=note))
            return


RECOGNIZERS = [MailboxListeners()]
