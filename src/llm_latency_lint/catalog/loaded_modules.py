"""Triggers that count only where their module is loaded: a Django signal receiver is connected
only when its module is imported, a discord.py cog only when the bot loads its extension."""
from __future__ import annotations

# Triggers that count only where their module is loaded (``project/classify_entries.connected``):
# Django signal receivers outside the modules Django imports itself when an app loads (the app's
# package, ``apps``, ``models``, ``admin``), connected only where some module imports them;
# discord.py cog commands and listeners (``triggers/chat_bots.py``), registered only by an extension
# the bot loads (``triggers/discord_extensions.py``: ``discord-extension:<name>``, ``*`` when computed).
SIGNAL_SOURCE = "django-signal"
AUTOLOADED = frozenset({"__init__", "apps", "models", "admin"})
COG_SOURCES = frozenset({"discord-command", "discord-event"})
EXTENSION = "discord-extension"
ANY_EXTENSION = "*"
