"""An APScheduler run-once job (``trigger="date"`` or none) that a function adds is work the function
hands off (label policy 4): it carries the class of whoever runs that function, a person's turned
near-real-time, and a method nothing calls starts nothing (round 12's test-run helper beside the
daily cron job)."""
from __future__ import annotations

import pytest
from support.fixlib import write_project

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run

DIGEST = """import openai
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from datetime import datetime, timedelta


def digest():
    return openai.OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "x"}])


class Jobs:
    def __init__(self):
        self.scheduler = BlockingScheduler()

    def daily(self):
        self.scheduler.add_job(digest, trigger=CronTrigger(hour=7, minute=0))

    def test_run(self):
        self.scheduler.add_job(digest, trigger="date", run_date=datetime.now() + timedelta(minutes=1))

    def start(self):
        self.daily()
        self.scheduler.start()

CALLER
"""


@pytest.mark.parametrize("caller, expected", [
    ('if __name__ == "__main__":\n    Jobs().start()\n', "scheduled"),  # the test-run helper nobody calls
    # a request hands the run-once job off: an event path beside the cron job (policy 4)
    ('from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.post("/test")\ndef test():\n'
     '    Jobs().test_run()\n    return "ok"\n', "near-real-time"),
])
def test_a_run_once_job_carries_the_class_of_the_code_adding_it(tmp_path, caller, expected):
    root = write_project(tmp_path, {"jobs.py": DIGEST.replace("CALLER", caller)})
    result = run([root], Config(), root=tmp_path)
    assert {s.latency_class for s in result.sites} == {expected}
