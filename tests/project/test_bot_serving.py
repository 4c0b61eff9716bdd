"""A chat bot's polling loop is a real-time trigger wherever it is started (issue 15): a process
that runs a scheduler and also starts a bot's long-polling loop (by hand over ``getUpdates``, or
a framework's ``run_polling()``) answers people with the bot and runs jobs with the scheduler. The
replies are the bot's, whoever starts the loop: a scheduled watchdog restarting the poller thread,
or a scheduled command that registers the handlers, does not make them scheduled."""
from __future__ import annotations

from test_graph import project, sites

CLIENT = "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
CHAT = "client.chat.completions.create(model='m', messages=[])"

LLM = CLIENT + "def answer(text):\n    return " + CHAT + "\n\n\ndef brief():\n    return " + CHAT + "\n"
POLLER = (
    "import requests\n\nfrom llm import answer\n\n"
    "API = 'https://api.telegram.org/bot{}/getUpdates'\n\n\n"
    "def run_poller(stop_event=None):\n"
    "    offset = 0\n"
    "    while True:\n"
    "        if stop_event and stop_event.is_set():\n"
    "            print('stopping')\n"
    "            break\n"
    "        for update in requests.get(API, params={'offset': offset}).json():\n"
    "            answer(update['message']['text'])\n"
)
MAIN = (
    "import threading\n\nfrom apscheduler.schedulers.blocking import BlockingScheduler\n"
    "from apscheduler.triggers.cron import CronTrigger\n\nfrom llm import brief\nfrom poller import run_poller\n\n\n"
    "def morning_job():\n    brief()\n\n\n"
    "def _start_poller():\n    threading.Thread(target=run_poller, daemon=True).start()\n\n\n"
    "def main():\n"
    "    scheduler = BlockingScheduler()\n"
    "    scheduler.add_job(morning_job, CronTrigger(hour=7))\n"
    "    scheduler.add_job(_start_poller, CronTrigger(minute='*/2'))\n"
    "    {start}\n"
    "    scheduler.start()\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)


def test_a_scheduled_watchdog_restarting_the_poller_thread_leaves_the_replies_real_time(tmp_path):
    result = project(tmp_path, {"llm.py": LLM, "poller.py": POLLER, "main.py": MAIN.replace("{start}", "_start_poller()")})
    assert sites(result) == {("llm.py", 7): ("chat.completions.create", "real-time"),
                             ("llm.py", 11): ("chat.completions.create", "scheduled")}
    (reply,) = [s for s in result.sites if s.resolved.site.line == 7]
    assert any("getUpdates polling loop in run_poller" in e.note for e in reply.evidence)


def test_a_break_on_a_stop_signal_keeps_the_loop_a_bot(tmp_path):
    """``if stop_event.is_set(): break`` ends the bot on shutdown; it drains nothing."""
    for at, stop in enumerate(("stop_event.is_set()", "not self_running", "SHUTDOWN")):
        poller = POLLER.replace("stop_event and stop_event.is_set()", stop)
        root = tmp_path / str(at)
        result = project(root, {"llm.py": LLM, "poller.py": poller, "main.py": MAIN.replace("{start}", "pass")})
        assert sites(result)[("llm.py", 7)] == ("chat.completions.create", "real-time"), stop


def test_a_break_on_a_name_that_only_contains_a_stop_word_drains(tmp_path):
    """``skill`` holds ``kill``, ``stop_at`` is a bound: a loop breaking on them drains and stops."""
    for at, test in enumerate(("skill_found", "offset >= stop_at")):
        poller = POLLER.replace("stop_event and stop_event.is_set()", test)
        result = project(tmp_path / str(at), {"llm.py": LLM, "poller.py": poller, "main.py": MAIN.replace("{start}", "pass")})
        (reply,) = [s for s in result.sites if s.resolved.site.line == 7]
        assert reply.latency_class == "scheduled", test
        assert not any("polling loop" in e.note for e in reply.evidence), test


def test_a_scheduled_job_reaching_the_replies_by_a_call_is_still_mixed(tmp_path):
    """Only the bot's loop is a barrier: a job calling ``answer`` itself is the schedule's work."""
    main = MAIN.replace("    brief()\n", "    brief()\n    answer('today')\n").replace(
        "from llm import brief", "from llm import answer, brief").replace("{start}", "pass")
    result = project(tmp_path, {"llm.py": LLM, "poller.py": POLLER, "main.py": main})
    assert sites(result)[("llm.py", 7)] == ("chat.completions.create", "mixed")


PTB = (
    "from telegram.ext import Application, CommandHandler\n\nfrom llm import answer, brief\n\n\n"
    "async def ask(update, context):\n    await update.message.reply_text(answer(update.message.text))\n\n\n"
    "def run_bot():\n"
    "    application = Application.builder().token('t').build()\n"
    "    application.add_handler(CommandHandler('ask', ask))\n"
    "    application.run_polling()\n\n\n"
    "def main():\n"
    "    brief()\n"
    "    run_bot()\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)
CRON = "0 7 * * * cd /srv/bot && python bot.py\n"


def test_handlers_registered_by_a_scheduled_command_are_the_bots(tmp_path):
    """A crontab runs ``bot.py``, which briefs and then serves ``/ask`` with python-telegram-bot:
    the brief is scheduled, the handler's reply real-time."""
    result = project(tmp_path, {"llm.py": LLM, "bot.py": PTB, "crontab": CRON})
    assert sites(result) == {("llm.py", 7): ("chat.completions.create", "real-time"),
                             ("llm.py", 11): ("chat.completions.create", "scheduled")}


POLLING_MAIN = (
    "import requests\n\nfrom llm import answer, brief\n\n"
    "API = 'https://api.telegram.org/bot{}/getUpdates'\n\n\n"
    "def run():\n"
    "    brief()\n"
    "    while True:\n"
    "        for update in requests.get(API).json():\n"
    "            answer(update['message']['text'])\n"
    "    {after}\n\n\n"
    "if __name__ == '__main__':\n    run()\n"
)


def test_work_outside_the_polling_loop_is_the_schedules(tmp_path):
    """A daily cron job runs ``run``, which briefs and then polls: only the loop is closed to the
    schedule, and the loop's trigger stands for the loop only: the brief before it (and a call
    after it) is the schedule's work alone."""
    for at, after in enumerate(("pass", "answer('bye')")):
        bot = POLLING_MAIN.replace("{after}", after)
        result = project(tmp_path / str(at), {"llm.py": LLM, "bot.py": bot, "crontab": CRON})
        assert sites(result) == {("llm.py", 7): ("chat.completions.create", "mixed" if at else "real-time"),
                                 ("llm.py", 11): ("chat.completions.create", "scheduled")}, after


INLINE_MAIN = (
    "import requests\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
    "API = 'https://api.telegram.org/bot{}/getUpdates'\n\n\n"
    "def run():\n"
    "    intro = client.chat.completions.create(model='m', messages=[])\n"
    "    while True:\n"
    "        for update in requests.get(API).json():\n"
    "            client.chat.completions.create(model='m', messages=[])\n"
    "{main}"
)


def test_calls_in_the_polling_function_take_the_class_of_their_side_of_the_loop(tmp_path):
    """The model calls written in the function itself: before the loop the schedule's, inside it
    the bot's."""
    bot = INLINE_MAIN.replace("{main}", "\n\nif __name__ == '__main__':\n    run()\n")
    result = project(tmp_path, {"bot.py": bot, "crontab": CRON})
    assert sites(result) == {("bot.py", 9): ("chat.completions.create", "scheduled"),
                             ("bot.py", 12): ("chat.completions.create", "real-time")}


def test_a_polling_function_nothing_else_starts_is_the_bots_throughout(tmp_path):
    """Nothing in the repository starts ``run`` (or only a person running the script does): the
    code before the loop runs whenever the bot does, as the bot's."""
    for at, main in enumerate(("", "\n\nif __name__ == '__main__':\n    run()\n")):
        result = project(tmp_path / str(at), {"bot.py": INLINE_MAIN.replace("{main}", main)})
        assert sites(result) == {("bot.py", 9): ("chat.completions.create", "real-time"),
                                 ("bot.py", 12): ("chat.completions.create", "real-time")}, main
