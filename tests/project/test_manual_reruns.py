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


def test_a_command_line_tool_calling_the_job_two_schedules_share_repeats_it(tmp_path):
    """The ``schedule`` loop's ``run_scheduled`` and the cron command's ``main`` both call
    ``run_daily``: that is the job, so ``run_for_date.py`` (``sys.argv`` read by hand) calling it
    for a past date repeats the job (policy 1), not a tool of its own making the site mixed."""
    files = {
        "agent.py": CLIENT + "def summarise():\n    return client.chat.completions.create(model='m', messages=[])\n",
        "coordinator.py": ("import agent\n\ndef run_daily(day=None):\n    return agent.summarise()\n\n"
                           "def main():\n    run_daily()\n\nif __name__ == '__main__':\n    main()\n"),
        "scheduler.py": ("import time\nimport schedule\nfrom coordinator import run_daily\n\n"
                         "def run_scheduled():\n    run_daily()\n\n"
                         "def start():\n    schedule.every().day.at('16:00').do(run_scheduled)\n"
                         "    while True:\n        schedule.run_pending()\n        time.sleep(60)\n\n"
                         "if __name__ == '__main__':\n    start()\n"),
        "run_for_date.py": ("import sys\nfrom coordinator import run_daily\n\n"
                            "def run_for_date(day):\n    run_daily(day)\n\n"
                            "if __name__ == '__main__':\n    if len(sys.argv) != 2:\n        sys.exit(1)\n"
                            "    run_for_date(sys.argv[1])\n"),
        ".github/workflows/daily.yml": ("name: d\non:\n  schedule:\n    - cron: '0 16 * * *'\njobs:\n  j:\n"
                                        "    runs-on: ubuntu-latest\n    steps:\n      - run: python coordinator.py\n"),
    }
    assert by_line(project(tmp_path, files))[("agent.py", 5)].latency_class == "scheduled"


def test_a_command_line_tool_calling_what_two_jobs_of_one_scheduler_share_runs_its_own_configuration(tmp_path):
    """``scheduler.py`` registers a crawl job and an analysis job that both build an ``Analyzer`` and
    call ``run_full_analysis``: two jobs, so that method is a step of each, not the job. ``main.py``,
    another command line with its own ``--provider`` flag, building its own ``Analyzer`` and
    calling it runs its own configuration beside the schedule: mixed (round 9's iPad7/Kukbingwan)."""
    files = {
        "analyzer.py": CLIENT + ("class Analyzer:\n    def __init__(self, provider=None):\n        self.provider = provider\n\n"
                                 "    def run_full_analysis(self):\n        return self.report()\n\n"
                                 "    def report(self):\n"
                                 "        return client.chat.completions.create(model='m', messages=[])\n"),
        "scheduler.py": ("from apscheduler.schedulers.blocking import BlockingScheduler\n"
                         "from analyzer import Analyzer\n\n"
                         "def crawl():\n    return []\n\n"
                         "def run_crawl_job():\n    crawl()\n    Analyzer().run_full_analysis()\n\n"
                         "def run_analysis_job():\n    Analyzer().run_full_analysis()\n\n"
                         "def main():\n    scheduler = BlockingScheduler()\n"
                         "    scheduler.add_job(run_crawl_job, 'interval', hours=24)\n"
                         "    scheduler.add_job(run_analysis_job, 'cron', day_of_week='mon')\n"
                         "    scheduler.start()\n\n"
                         "if __name__ == '__main__':\n    main()\n"),
        "main.py": ("import argparse\nfrom analyzer import Analyzer\n\n"
                    "def run_analysis(provider):\n    return Analyzer(provider=provider).run_full_analysis()\n\n"
                    "def main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--provider')\n"
                    "    args = parser.parse_args()\n    run_analysis(args.provider)\n\n"
                    "if __name__ == '__main__':\n    main()\n"),
    }
    assert by_line(project(tmp_path, files))[("analyzer.py", 12)].latency_class == "mixed"
