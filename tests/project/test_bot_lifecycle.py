"""A bot's lifecycle hooks run once each time the process starts the client: they take the class
of whatever starts the process. A bot a schedule starts, that does its work in ``on_ready`` and
exits, is scheduled; started by hand, real-time. Its message handlers stay real-time."""
from __future__ import annotations

import pytest
from test_graph import project
from test_reach import classes_of

WORKFLOW = ("on:\n  schedule:\n    - cron: '0 9 * * *'\njobs:\n  digest:\n    runs-on: ubuntu-latest\n"
            "    steps:\n      - run: python bot.py\n")
HEAD = ("import discord\nfrom openai import OpenAI\n\nllm = OpenAI()\n\n\n"
        "def summarize():\n    return llm.chat.completions.create(model='m', messages=[])\n\n\n")
DECORATED = HEAD + (
    "client = discord.Client(intents=discord.Intents.default())\n\n\n"
    "@client.event\nasync def on_ready():\n    summarize()\n    await client.close()\n\n\n"
    "def main():\n    client.run('token')\n\n\nif __name__ == '__main__':\n    main()\n"
)
NESTED = HEAD + (
    "class NewsBot:\n    def __init__(self):\n        self.client = discord.Client(intents=discord.Intents.default())\n\n\n"
    "async def main():\n    bot = NewsBot()\n\n    @bot.client.event\n    async def on_ready():\n"
    "        summarize()\n        await bot.client.close()\n\n    await bot.client.start('token')\n\n\n"
    "if __name__ == '__main__':\n    import asyncio\n    asyncio.run(main())\n"
)
SUBCLASS = HEAD + (
    "class Digest(discord.Client):\n    async def setup_hook(self):\n        summarize()\n        await self.close()\n\n\n"
    "def main():\n    bot = Digest(intents=discord.Intents.default())\n    bot.run('token')\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)
SITE = ("bot.py", 8)


@pytest.mark.parametrize("bot", [DECORATED, NESTED, SUBCLASS], ids=["event", "nested-event", "subclass"])
def test_a_bot_a_schedule_starts_does_its_on_ready_work_on_schedule(tmp_path, bot):
    result = project(tmp_path, {"bot.py": bot, ".github/workflows/digest.yml": WORKFLOW})
    assert classes_of(result) == {SITE: "scheduled"}
    hook = "setup_hook" if "setup_hook" in bot else "on_ready"
    assert any(e.note.endswith(f"calls {hook}") or e.note.endswith(f"calls Digest.{hook}")
               for e in result.sites[0].evidence)


@pytest.mark.parametrize("bot", [DECORATED, SUBCLASS], ids=["event", "subclass"])
def test_a_bot_started_by_hand_is_real_time(tmp_path, bot):
    assert classes_of(project(tmp_path, {"bot.py": bot})) == {SITE: "real-time"}


def test_a_start_that_is_not_the_clients_calls_no_hook(tmp_path):
    """``asyncio.run(main())`` is no client start; a hook with no start stays unreached."""
    bot = HEAD + ("client = discord.Client(intents=discord.Intents.default())\n\n\n"
                  "@client.event\nasync def on_ready():\n    summarize()\n")
    assert classes_of(project(tmp_path, {"bot.py": bot})) == {SITE: "unknown"}


def test_the_message_handlers_of_a_scheduled_bot_stay_real_time(tmp_path):
    bot = DECORATED.replace("@client.event\nasync def on_ready():\n    summarize()\n",
                            "@client.event\nasync def on_message(message):\n    summarize()\n")
    result = project(tmp_path, {"bot.py": bot, ".github/workflows/digest.yml": WORKFLOW})
    assert classes_of(result) == {SITE: "real-time"}


PTB = (
    "from openai import OpenAI\nfrom telegram.ext import Application\n\nllm = OpenAI()\n\n\n"
    "async def post_digest(context):\n    llm.chat.completions.create(model='m', messages=[])\n"
    "    context.application.stop_running()\n\n\n"
    "async def post_init(application):\n    application.job_queue.run_once(post_digest, when=0)\n\n\n"
    "def main():\n    Application.builder().token('T').post_init(post_init).build().run_polling()\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)


def test_a_telegram_bots_post_init_job_runs_when_the_schedule_starts_it(tmp_path):
    result = project(tmp_path, {"bot.py": PTB, ".github/workflows/digest.yml": WORKFLOW})
    assert classes_of(result) == {SITE: "scheduled"}


@pytest.mark.parametrize("start", ["server.run(port=8080)", "server.run('0.0.0.0', 8080)"])
def test_a_web_server_started_beside_a_client_subclass_calls_no_hook(tmp_path, start):
    """A keep-alive server's ``run(...)`` with an unknown receiver is no client start: ``on_ready``
    is not credited to the function that starts the server."""
    bot = HEAD + ("class MyBot(discord.Client):\n    async def on_ready(self):\n        summarize()\n\n\n"
                  f"def serve(server):\n    {start}\n")
    result = project(tmp_path, {"bot.py": bot, ".github/workflows/digest.yml":
                                WORKFLOW.replace("python bot.py", "python -c 'import bot; bot.serve(None)'")})
    assert classes_of(result) == {SITE: "unknown"}


def test_a_client_of_unknown_origin_started_with_a_token_runs_its_hooks(tmp_path):
    bot = HEAD + ("class MyBot(discord.Client):\n    async def on_ready(self):\n        summarize()\n\n\n"
                  "def main(bot):\n    bot.run(os.environ['DISCORD_TOKEN'])\n\n\n"
                  "if __name__ == '__main__':\n    main(MyBot(intents=None))\n")
    assert classes_of(project(tmp_path, {"bot.py": "import os\n" + bot})) == {("bot.py", 9): "real-time"}
