"""A schedule registered inside a function nothing starts registers nothing (round 7's
chithu221995/ARI ``schedule_jobs``, round 18's LitovchenkoYevhen/telegram-summary
``run_scheduler``); the same function called, handed to a thread or decorated does."""
from __future__ import annotations

import pytest
from test_graph import project
from test_reach import classes_of

BOT = ("import time\n\nimport schedule\nfrom openai import OpenAI\nfrom telegram.ext import ApplicationBuilder, CommandHandler\n\n\n"
       "def analyze():\n    return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
       "async def start(update, context):\n    analyze()\n\n\n"
       "def run_scheduler():\n    schedule.every().day.at('09:00').do(analyze)\n"
       "    while True:\n        schedule.run_pending()\n        time.sleep(60)\n\n\n"
       "def main():\n    app = ApplicationBuilder().token('t').build()\n"
       "    app.add_handler(CommandHandler('start', start))\n{extra}    app.run_polling()\n\n\n"
       "if __name__ == '__main__':\n    main()\n")
SITE = ("bot.py", 9)




def test_a_dead_scheduler_function_adds_no_schedule(tmp_path):
    assert classes_of(project(tmp_path, {"bot.py": BOT.format(extra="")})) == {SITE: "real-time"}


@pytest.mark.parametrize("extra", [
    "    run_scheduler()\n",
    "    import threading\n    threading.Thread(target=run_scheduler, daemon=True).start()\n",
])
def test_a_scheduler_function_the_program_starts_schedules(tmp_path, extra):
    assert classes_of(project(tmp_path, {"bot.py": BOT.format(extra=extra)})) == {SITE: "mixed"}


APS = ("from apscheduler.schedulers.asyncio import AsyncIOScheduler\nfrom apscheduler.triggers.cron import CronTrigger\n"
       "from openai import OpenAI\n\n\ndef summarize():\n    return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
       "{decorator}async def schedule_jobs(app):\n    scheduler = AsyncIOScheduler()\n"
       "    scheduler.add_job(summarize, CronTrigger(hour=6))\n    scheduler.start()\n")


def test_an_add_job_in_a_coroutine_nothing_awaits_registers_nothing(tmp_path):
    files = {"jobs.py": APS.format(decorator=""), "main.py": "from fastapi import FastAPI\n\nimport jobs\n\napp = FastAPI()\n"}
    assert classes_of(project(tmp_path, files)) == {("jobs.py", 7): "unknown"}


def test_a_module_nothing_imports_or_runs_may_be_a_console_scripts_entry(tmp_path):
    """``bots/bot.py`` with a ``main()`` and no ``__main__``: a console script or ``python -c`` runs it."""
    assert classes_of(project(tmp_path, {"jobs.py": APS.format(decorator="")})) == {("jobs.py", 7): "scheduled"}


IMPORTER = {"main.py": "from fastapi import FastAPI\n\nimport jobs\n\napp = FastAPI()\n"}  # the project shows jobs.py's use


@pytest.mark.parametrize("header, decorator", [
    ("from fastapi import FastAPI\n\napp = FastAPI()\n\n", "@app.on_event('startup')\n"),
    ("from botkit import lifecycle\n\n", "@lifecycle.on_boot\n"),  # a hook no recogniser knows
])
def test_a_decorated_registration_is_the_frameworks_to_run(tmp_path, header, decorator):
    files = {"jobs.py": header + APS.format(decorator=decorator), **IMPORTER}
    assert classes_of(project(tmp_path, files))[("jobs.py", 7 + header.count("\n"))] == "scheduled"


def test_a_method_registering_a_schedule_may_be_a_frameworks_hook(tmp_path):
    """A Dagster component's ``build_defs`` (round 17's coding-kelps/epi-flipboard), an app config's
    ``ready``: the framework calls them, the project never does."""
    hook = ("import schedule\nfrom openai import OpenAI\n\n\ndef summarize():\n"
            "    return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
            "class Jobs(Component):\n    def build_defs(self, context):\n"
            "        schedule.every().day.do(summarize)\n")
    assert classes_of(project(tmp_path, {"jobs.py": hook, **IMPORTER})) == {("jobs.py", 6): "scheduled"}


@pytest.mark.parametrize("runner", [
    'worker: python -c "import asyncio; from jobs import schedule_jobs; asyncio.run(schedule_jobs(None))"\n',
    "worker: python -c 'import jobs, asyncio; asyncio.run(jobs.schedule_jobs(None))'\n",
])
def test_a_function_a_command_line_calls_is_started(tmp_path, runner):
    """``python -c "...; run()"`` in a Procfile, a Dockerfile or a crontab starts the function it calls
    (the entry ``call:jobs.schedule_jobs``): what that function registers counts."""
    files = {"jobs.py": APS.format(decorator=""), **IMPORTER, "Procfile": runner}
    assert classes_of(project(tmp_path, files))[("jobs.py", 7)] == "scheduled"
