"""What makes a chat bot's hand-off the answer the person waits for (label policy 5).

A bot handler that hands its slow work off (a Celery ``.delay()``, ``asyncio.create_task``, a
thread) often does so only to acknowledge the message at once: the handed-off work posts the answer
back into the same conversation, and the person who wrote still waits for it. The hand-off shows
that when it passes the conversation on: the handler's update, message or callback object itself
(``create_task(run_digest(update, ...))``), or an address read off it (``callback.from_user.id``,
``message.chat.id``, ``callback_data.chat_id``, ``event["channel"]``), directly or through a local.
A hand-off passing only content (``message.text``, a link to store for a later digest) answers no
one: near-real-time (policy 4).
"""
from __future__ import annotations

# Trigger sources of chat bot handlers: a person sent the message the handler answers
# (``catalog/triggers/chat_bots.py``, ``bot_dialogs.py``, ``http_common.CHAT_WEBHOOK``, a Telethon
# command a person typed: ``telethon_events.py``).
CHAT_SOURCES = frozenset({
    "slack-bolt", "slack-bolt-lazy", "discord-command", "discord-event", "aiogram-handler", "aiogram-dialog",
    "pyrogram-handler", "telebot-handler", "telegram-handler", "chat-webhook", "telethon-command",
})
# Handler parameters that are the conversation itself: passing one on lets the work reply to it
# (python-telegram-bot's ``update`` / ``context``, aiogram's ``message`` / ``callback``, discord.py's
# ``ctx`` / ``interaction``, Slack Bolt's ``say`` / ``respond`` / ``body`` / ``event``).
CONVERSATION_OBJECTS = frozenset({
    "update", "context", "message", "msg", "callback", "call", "callback_query", "query", "inline_query",
    "ctx", "interaction", "event", "body", "say", "respond", "payload",
})
# Fields that address a conversation, read off any of the handler's parameters.
ADDRESS_FIELDS = frozenset({
    "chat_id", "user_id", "channel_id", "channel", "thread_ts", "ts", "response_url", "from_user", "chat",
    "effective_chat", "effective_user", "effective_message", "author", "sender", "peer_id", "from_id",
    "reply_to_message", "conversation_id", "conversation",
})
# ``<addressee>.id``: an ``id`` addresses the conversation only when read off one of these.
ADDRESSEES = frozenset({
    "from_user", "chat", "user", "author", "channel", "sender", "effective_chat", "effective_user", "message",
    "conversation",
})
# Annotations of plain data: a ``message: str`` parameter is the message's text, not the message.
PLAIN_ANNOTATIONS = frozenset({"str", "bytes", "int", "float", "bool", "list", "dict", "List", "Dict", "Sequence"})
# Calls serialising a message body: ``MessageBody=json.dumps({"channel": channel, ...})`` carries
# what the serialised value holds (a queue message's body is text).
SERIALIZERS = frozenset({"dumps", "to_json", "b64encode"})
