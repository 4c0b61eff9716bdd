"""Telethon handlers: a command a person types (or a button they press) is real-time; a message
arriving in a watched chat is an event nobody waits on (round 20's igoropaniuk/teledigest
``/today`` beside its self-timed loop: mixed; round 17's Sergey051291/TgBot post watcher)."""
from __future__ import annotations

from support.scan import project_classes
from test_triggers_web_events import summary, triggers

from llm_latency_lint.catalog.triggers.telethon_events import is_command


def test_a_command_pattern_is_a_person_and_a_plain_message_an_event():
    found = triggers(
        """
        from telethon import TelegramClient, events
        bot = TelegramClient("bot", 1, "h")
        user = TelegramClient("user", 1, "h")

        async def today(event): ...
        async def stored(event): ...

        bot.add_event_handler(today, events.NewMessage(pattern=r"^/(today|digest)$"))
        user.add_event_handler(stored, events.NewMessage)

        @user.on(events.NewMessage(incoming=True, chats=["news"]))
        async def on_post(event): ...

        @bot.on(events.CallbackQuery(data=b"more"))
        async def more(event): ...
        """,
        source=None,
    )
    assert sorted((t[1], k, s) for k, s, t, _ in summary(found)) == [
        ("app.mod.more", "real-time", "telethon-command"),
        ("app.mod.on_post", "near-real-time", "telethon-event"),
        ("app.mod.stored", "near-real-time", "telethon-event"),
        ("app.mod.today", "real-time", "telethon-command"),
    ]
    assert any("the command '^/(today|digest)$' a person types" in t.note for t in found)


def test_events_register_and_a_userbots_dot_command():
    found = triggers(
        """
        from telethon import events

        @events.register(events.NewMessage(outgoing=True, pattern=r"\\.ai (.+)"))
        async def ask(event): ...

        @events.register(events.ChatAction)
        async def joined(event): ...
        """,
    )
    assert [(t.kind, t.target[1]) for t in found] == [("real-time", "app.mod.ask"), ("near-real-time", "app.mod.joined")]


def test_command_patterns():
    assert all(is_command(p) for p in ("/start", "^/today$", r"(?i)^/ask (.*)", r"^\.ai", "!gpt", r"^(/a|/b)$"))
    assert not any(is_command(p) for p in (None, "", r"(?i).*bitcoin.*", "^hello", r"\d+"))


def test_a_bot_command_beside_a_self_timed_loop_is_mixed(tmp_path):
    files = {
        "llm.py": """
            from openai import OpenAI
            client = OpenAI()

            def summarize(text):
                return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
            """,
        "bot.py": """
            import asyncio
            import datetime as dt
            from telethon import TelegramClient, events
            from llm import summarize

            bot = TelegramClient("bot", 1, "h")

            async def today(event):
                await event.reply(summarize("day").choices[0].message.content)

            async def scheduler():
                while True:
                    now = dt.datetime.now()
                    if now.hour == 9 and now.minute == 0:
                        summarize("day")
                    await asyncio.sleep(30)

            async def main():
                bot.add_event_handler(today, events.NewMessage(pattern=r"^/today$"))
                await asyncio.gather(bot.run_until_disconnected(), scheduler())

            if __name__ == "__main__":
                asyncio.run(main())
            """,
    }
    assert project_classes(tmp_path, files) == {("llm.py", 5): "mixed"}


def test_a_channel_watcher_is_an_event(tmp_path):
    files = {
        "watch.py": """
            from openai import OpenAI
            from telethon import TelegramClient, events

            client = OpenAI()
            user = TelegramClient("user", 1, "h")

            @user.on(events.NewMessage(chats=["news"]))
            async def on_post(event):
                client.embeddings.create(model="text-embedding-3-small", input=event.raw_text)

            user.start()
            user.run_until_disconnected()
            """,
    }
    assert project_classes(tmp_path, files) == {("watch.py", 9): "near-real-time"}


def test_a_command_handing_the_event_to_a_task_keeps_the_person_waiting(tmp_path):
    # the task is handed the event: it replies into the chat, the person who typed /ask waits (policy 5)
    files = {
        "bot.py": """
            import asyncio
            from openai import OpenAI
            from telethon import TelegramClient, events

            llm = OpenAI()
            bot = TelegramClient("bot", 1, "h")

            async def answer(event):
                r = llm.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": event.raw_text}])
                await event.reply(r.choices[0].message.content)

            @bot.on(events.NewMessage(pattern=r"^/ask (.+)"))
            async def ask(event):
                asyncio.create_task(answer(event))

            bot.run_until_disconnected()
            """,
    }
    assert project_classes(tmp_path, files) == {("bot.py", 9): "real-time"}


def test_events_imported_through_telethon_sync():
    # ``telethon.sync`` re-exports ``events`` (Telethon's quick start: ``from telethon.sync import TelegramClient, events``)
    found = triggers(
        """
        from telethon.sync import TelegramClient, events
        from telethon.sync import events as ev
        client = TelegramClient("user", 1, "h")

        @client.on(events.NewMessage(chats=["news"]))
        async def on_post(event): ...

        @client.on(ev.NewMessage(pattern="/ask"))
        async def ask(event): ...
        """,
    )
    assert [(t.kind, t.target[1]) for t in found] == [
        ("near-real-time", "app.mod.on_post"), ("real-time", "app.mod.ask")]


def test_every_event_a_handler_is_registered_for_counts():
    # the button press waits whichever decorator comes first
    for first, second in (("NewMessage(chats=['news'])", "CallbackQuery(data=b'x')"),
                          ("CallbackQuery(data=b'x')", "NewMessage(chats=['news'])")):
        found = triggers(
            f"""
            from telethon import TelegramClient, events
            bot = TelegramClient("bot", 1, "h")

            @bot.on(events.{first})
            @bot.on(events.{second})
            async def explain(event): ...
            """,
        )
        assert sorted((t.kind, t.source) for t in found) == [
            ("near-real-time", "telethon-event"), ("real-time", "telethon-command")]


def test_command_patterns_in_a_character_class_or_a_compiled_constant():
    assert all(is_command(p) for p in (r"^[./!]ai (.+)", r"(?i)^[/!]ask", r"[\.!]gpt"))
    assert not any(is_command(p) for p in (r"^[a-z]+", r"[/a]x", "[/", "[]"))
    found = triggers(
        """
        import re
        from telethon import TelegramClient, events
        bot = TelegramClient("bot", 1, "h")
        TODAY = re.compile(r"^/today$")
        CHATTER = re.compile(r"(?i)bitcoin")

        @bot.on(events.NewMessage(pattern=TODAY))
        async def today(event): ...

        @bot.on(events.NewMessage(pattern=CHATTER))
        async def chatter(event): ...
        """,
    )
    assert [(t.kind, t.target[1]) for t in found] == [("real-time", "app.mod.today"), ("near-real-time", "app.mod.chatter")]
