"""Periodic jobs of the smaller scheduling libraries (``catalog/triggers/periodic_libs.py``): the
decorator, class or setting that declares the cadence schedules the job (survey12a)."""
from __future__ import annotations

from test_graph import project

SDK = "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(text):\n    return client.chat.completions.create(model='m', messages=[])\n"
SITE = ("llm.py", 7)


def evidence(tmp_path, files):
    result = project(tmp_path, {"llm.py": SDK, **files})
    site = next(s for s in result.sites if (s.resolved.facts.path, s.resolved.site.line) == SITE)
    return site.latency_class, [e.note for e in site.evidence]


def test_repeat_every_under_a_startup_hook_runs_on_its_cadence(tmp_path):
    """The start-up hook only starts the loop: the decorator's cadence is the schedule."""
    cls, notes = evidence(tmp_path, {"main.py": (
        "from fastapi import FastAPI\nfrom fastapi_utils.tasks import repeat_every\nfrom llm import ask\n\n"
        "app = FastAPI()\n\n\n@app.on_event('startup')\n@repeat_every(seconds=6 * 60 * 60)\n"
        "def refresh():\n    ask('x')\n")})
    assert cls == "scheduled"
    assert notes[0] == "@repeat_every(seconds=6 * 60 * 60) -> refresh"


def test_a_route_beside_a_repeating_job_is_mixed(tmp_path):
    cls, _ = evidence(tmp_path, {"main.py": (
        "from fastapi import FastAPI\nfrom fastapi_utilities import repeat_at\nfrom llm import ask\n\n"
        "app = FastAPI()\n\n\n@repeat_at(cron='0 7 * * *')\ndef digest():\n    ask('x')\n\n\n"
        "@app.get('/digest')\ndef now():\n    return ask('y')\n")})
    assert cls == "mixed"


def test_aiocron_decorator_and_call_forms(tmp_path):
    decorated, notes = evidence(tmp_path, {"bot.py": (
        "import aiocron\nfrom llm import ask\n\n\n@aiocron.crontab('0 9 * * *')\nasync def morning():\n    ask('x')\n")})
    assert (decorated, notes[0]) == ("scheduled", "@aiocron.crontab('0 9 * * *') -> morning")
    called, notes = evidence(tmp_path / "call", {"bot.py": (
        "from aiocron import crontab\nfrom llm import ask\n\n\ndef evening():\n    ask('x')\n\n\n"
        "job = crontab('0 18 * * *', func=evening, start=True)\n")})
    assert called == "scheduled" and notes[0].startswith("crontab('0 18 * * *', func=evening")


def test_a_timeloop_job_on_the_scheduler_object(tmp_path):
    cls, notes = evidence(tmp_path, {"jobs.py": (
        "from datetime import timedelta\nfrom timeloop import Timeloop\nfrom llm import ask\n\ntl = Timeloop()\n\n\n"
        "@tl.job(interval=timedelta(hours=1))\ndef refresh():\n    ask('x')\n")})
    assert (cls, notes[0]) == ("scheduled", "@tl.job(interval=timedelta(hours=1)) -> refresh")


def test_a_job_method_of_another_object_is_not_a_schedule(tmp_path):
    cls, _ = evidence(tmp_path, {"jobs.py": (
        "from llm import ask\n\nqueue = make_queue()\n\n\n@queue.job(interval=5)\ndef refresh():\n    ask('x')\n")})
    assert cls == "unknown"


def test_django_cron_class_runs_its_do_method(tmp_path):
    cls, notes = evidence(tmp_path, {"news/__init__.py": "", "news/cron.py": (
        "from django_cron import CronJobBase, Schedule\nfrom llm import ask\n\n\nclass Digest(CronJobBase):\n"
        "    schedule = Schedule(run_every_mins=120)\n    code = 'news.digest'\n\n    def do(self):\n        ask('x')\n")})
    assert cls == "scheduled"
    assert notes[0] == "django-cron Digest.schedule = Schedule(run_every_mins=120)"


def test_django_crontab_setting_names_the_function_by_its_dotted_path(tmp_path):
    cls, notes = evidence(tmp_path, {
        "proj/__init__.py": "", "news/__init__.py": "",
        "proj/settings.py": "CRONJOBS = [\n    ('0 6 * * *', 'news.cron.summarize'),\n    ('*/5 * * * *', 'news.cron.other'),\n]\n",
        "news/cron.py": "from llm import ask\n\n\ndef summarize():\n    ask('x')\n\n\ndef other():\n    pass\n",
    })
    assert (cls, notes[0]) == ("scheduled", "django-crontab CRONJOBS ('0 6 * * *', 'news.cron.summarize')")
