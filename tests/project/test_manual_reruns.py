"""Dispatch-only workflows beside schedules: a re-run of the scheduled process or a run of its own."""
from __future__ import annotations

from tests.project.test_unknown_and_policies import CLIENT, by_line, project

_BOT = CLIENT + (
    "import sys\n"
    "from apscheduler.schedulers.blocking import BlockingScheduler\n"
    "from apscheduler.triggers.cron import CronTrigger\n\n"
    "def briefing():\n"
    "    return client.chat.completions.create(model='m', messages=[])\n\n"
    "def main():\n"
    "    if len(sys.argv) > 1:\n"
    "        briefing()\n"
    "        return\n"
    "    scheduler = BlockingScheduler()\n"
    "    scheduler.add_job(briefing, CronTrigger(hour=7))\n"
    "    scheduler.start()\n\n"
    "if __name__ == '__main__':\n"
    "    main()\n"
)
_DISPATCH = ("name: w\non: workflow_dispatch\njobs:\n  j:\n    runs-on: ubuntu-latest\n"
             "    steps:\n      - run: python -m bot.main morning\n")


def test_a_manual_workflow_running_the_command_that_starts_an_in_process_schedule_re_runs_it(tmp_path):
    """``bot/main.py`` starts the APScheduler cron itself: dispatching that command re-runs the
    scheduled process (weak), not a run of its own (policy 4)."""
    files = {"bot/__init__.py": "", "bot/main.py": _BOT, ".github/workflows/manual.yml": _DISPATCH}
    assert by_line(project(tmp_path, files))[("bot/main.py", 9)].latency_class == "scheduled"
