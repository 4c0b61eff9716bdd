"""Scheduler trigger recognisers (triggers/<scheduler>.py) and the schedule_words helper."""
from __future__ import annotations

import textwrap
from typing import List, Optional, Tuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from llm_latency_lint.catalog import schedule_words as sw
from llm_latency_lint.facts.visitor import extract
from llm_latency_lint.model import FileFacts, Trigger


def facts(src: str, path: str = "proj/jobs.py", module: str = "proj.jobs") -> FileFacts:
    return extract(textwrap.dedent(src), path, module)


def found(src: str, source: str, path: str = "proj/jobs.py", module: str = "proj.jobs") -> List[Trigger]:
    return [t for t in facts(src, path, module).triggers if t.source == source]


def summary(triggers: List[Trigger]) -> List[Tuple[str, list, str, Optional[str]]]:
    return [(t.kind, t.target, t.note, t.schedule) for t in triggers]


# ---- schedule_words ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "expr, words",
    [
        ("0 2 * * *", "daily 02:00"),
        ("*/15 * * * *", "every 15 minutes"),
        ("0 * * * *", "hourly"),
        ("30 * * * *", "hourly at :30"),
        ("0 7 * * 1", "weekly Mon 07:00"),
        ("0 7 * * MON", "weekly Mon 07:00"),
        ("0 7 * * 1-5", "weekdays 07:00"),
        ("0 9 * * 1,3,5", "weekly Mon,Wed,Fri 09:00"),
        ("0 3 1 * *", "monthly day 1 03:00"),
        ("0 0 1 1 *", "yearly Jan 1 00:00"),
        ("0 */6 * * *", "every 6 hours"),
        ("0 9,17 * * *", "daily 09:00,17:00"),
        ("* * * * *", "every minute"),
        ("*/15 9-17 * * 1-5", "every 15 minutes 09:00-17:59 on weekdays"),
        ("0 0 * * 7", "weekly Sun 00:00"),
        ("@daily", "daily 00:00"),
        ("@hourly", "hourly"),
        ("@weekly", "weekly Sun 00:00"),
        ("@monthly", "monthly day 1 00:00"),
        ("@quarterly", "quarterly day 1 00:00"),
        # Not describable: the expression itself.
        ("*/7 * * * *", "cron '*/7 * * * *'"),
        ("0 0 1 * 1", "cron '0 0 1 * 1'"),
        ("0 2 * * * *", "cron '0 2 * * * *'"),
        ("61 * * * *", "cron '61 * * * *'"),
        ("@reboot", "cron '@reboot'"),
        ("0 9 5-1 * *", "cron '0 9 5-1 * *'"),
        # cronsim reads these; there are no short words for them, so the expression is quoted.
        ("0 0 L * *", "cron '0 0 L * *'"),
        ("0 0 * * 5#2", "cron '0 0 * * 5#2'"),
        # Spellings other tools accept.
        ("0 7 ? * MON", "weekly Mon 07:00"),
        ("0 7 * * Monday", "weekly Mon 07:00"),
        ("0,30 * * * *", "every 30 minutes"),
        ("0 6 * * sun-thu", "Sun-Thu 06:00"),
        ("25 13 * * 0-4", "Sun-Thu 13:25"),
        ("0 8 * * 5,6,0,1", "Fri-Mon 08:00"),
        ("0 8 * * 1,2,4,5", "weekly Mon,Tue,Thu,Fri 08:00"),
        ("*/30 * * * 2-4", "every 30 minutes on Tue-Thu"),
        ("0 6 * * 1-7/2", "weekly Mon,Wed,Fri,Sun 06:00"),
    ],
)
def test_describe_cron(expr: str, words: str) -> None:
    assert sw.describe_cron(expr) == words


_CRON_CHARS = "0123456789*/-,?LW# monfrisunjanAPR"


@given(st.lists(st.text(alphabet=_CRON_CHARS, max_size=8), min_size=5, max_size=5))
def test_any_cron_fields_expand_within_range_or_to_none(fields: List[str]) -> None:
    """Whatever a schedule file holds, expanding it never raises and never leaves a field's range."""
    sets = sw.expand(fields)
    if sets is not None:
        for values, (lo, hi) in zip(sets, ((0, 59), (0, 23), (1, 31), (1, 12), (0, 6))):
            assert values and all(lo <= v <= hi for v in values)
    assert sw.describe_cron(" ".join(fields))
    assert sw.apscheduler_cron({"day_of_week": fields[4], "second": fields[0], "hour": fields[1]})
    assert sw.arq_cron({"weekday": fields[4], "minute": fields[0]})


def test_celery_crontab_defaults_every_field_to_star() -> None:
    assert sw.celery_crontab({"hour": 2, "minute": 0}) == "daily 02:00"
    # Celery's minute defaults to "*": crontab(hour=2) fires every minute of that hour.
    assert sw.celery_crontab({"hour": 2}) == "every minute 02:00-02:59"
    assert sw.celery_crontab({"minute": 30, "hour": 7, "day_of_week": "monday"}) == "weekly Mon 07:30"
    assert sw.celery_crontab({"minute": 0, "hour": 3, "day_of_month": 1}) == "monthly day 1 03:00"
    assert sw.celery_crontab({"minute": "*/15"}) == "every 15 minutes"


def test_apscheduler_cron_fills_lower_fields_with_their_minimum() -> None:
    assert sw.apscheduler_cron({"hour": 2}) == "daily 02:00"
    assert sw.apscheduler_cron({"day_of_week": "mon", "hour": 7}) == "weekly Mon 07:00"
    assert sw.apscheduler_cron({"minute": "*/15"}) == "every 15 minutes"
    assert sw.apscheduler_cron({"second": "*/30"}) == "every 30 seconds"
    # APScheduler numbers weekdays from Monday = 0.
    assert sw.apscheduler_cron({"day_of_week": 0, "hour": 7, "minute": 30}) == "weekly Mon 07:30"
    assert sw.apscheduler_cron({"day_of_week": "4-6", "hour": 1}) == "Fri-Sun 01:00"
    assert sw.apscheduler_cron({"day": "last"}) == "cron '0 0 last * *'"
    # A step over Monday-first days: Mon, Wed, Fri, Sun (cron's own */2 would be Sun, Tue, ...).
    assert sw.apscheduler_cron({"day_of_week": "*/2", "hour": 5}) == "weekly Mon,Wed,Fri,Sun 05:00"
    assert sw.apscheduler_cron({"day_of_week": "sat-sun", "hour": 5}) == "weekends 05:00"
    assert sw.apscheduler_cron({"day_of_week": 7, "hour": 5}) == "cron '0 5 * * 7'"  # Monday-first has no 7
    assert sw.apscheduler_cron({"second": "*/61"}) == "cron '* * * * *'"


def test_arq_cron() -> None:
    assert sw.arq_cron({"hour": 2, "minute": 0}) == "daily 02:00"
    assert sw.arq_cron({"weekday": "mon", "hour": 7, "minute": 0}) == "weekly Mon 07:00"
    assert sw.arq_cron({"minute": [0, 30]}) == "every 30 minutes"
    assert sw.arq_cron({"hour": 2}) == "every minute 02:00-02:59"


@pytest.mark.parametrize(
    "seconds, words",
    [(900, "every 15 minutes"), (3600, "hourly"), (86400, "daily"), (604800, "weekly"), (30, "every 30 seconds"),
     (5400, "every 90 minutes"), (7200, "every 2 hours"), (60, "every minute"), (0.5, "every 0.5 seconds")],
)
def test_interval(seconds: float, words: str) -> None:
    assert sw.interval(seconds) == words


def test_period_and_clock() -> None:
    assert sw.describe_period({"months": 1}) == "monthly"
    assert sw.describe_period({"days": 1, "hours": 2}) == "every 26 hours"
    assert sw.describe_period({"months": 1, "days": 1}) is None
    assert sw.duration_seconds({"minutes": 15}) == 900
    assert sw.clock("2:00") == "02:00" and sw.clock(":15") == ":15" and sw.clock("noon") is None


# ---- Celery ------------------------------------------------------------------------------
CELERY_APP = """
from datetime import timedelta
from celery import Celery
from celery.schedules import crontab, solar

app = Celery("proj")
BASE = {"cleanup": {"task": "app.tasks.cleanup", "schedule": 3600}}
app.conf.beat_schedule = {
    **BASE,
    "nightly-summary": {"task": "app.tasks.nightly_report", "schedule": crontab(hour=2, minute=0)},
    "sunset": {"task": "app.tasks.lights", "schedule": solar("sunset", -37.81, 144.96)},
    "often": {"task": "app.tasks.poll", "schedule": timedelta(minutes=15), "args": (1,)},
}
"""


def test_celery_beat_schedule_dict() -> None:
    got = summary(found(CELERY_APP, "celery-beat", "proj/celery.py", "proj.celery"))
    assert got == [
        ("scheduled", ["str", "app.tasks.cleanup"], "beat_schedule 'cleanup' 3600", "hourly"),
        ("scheduled", ["str", "app.tasks.nightly_report"], "beat_schedule 'nightly-summary' crontab(hour=2, minute=0)",
         "daily 02:00"),
        ("scheduled", ["str", "app.tasks.lights"], "beat_schedule 'sunset' solar(\"sunset\", -37.81, 144.96)",
         "solar sunset"),
        ("scheduled", ["str", "app.tasks.poll"], "beat_schedule 'often' timedelta(minutes=15)", "every 15 minutes"),
    ]


def test_celery_beat_entry_line_is_the_entry_key() -> None:
    (nightly,) = [t for t in found(CELERY_APP, "celery-beat") if "nightly" in t.note]
    assert nightly.line == 10


def test_celery_beat_from_settings_list_comprehension() -> None:
    src = """
    from celery.schedules import crontab
    BEAT_TASKS = [
        ("nightly", "app.tasks.nightly", crontab(minute=0, hour=3)),
        ("poll", "app.tasks.poll", 30.0),
    ]
    CELERY_BEAT_SCHEDULE = {name: {"task": task, "schedule": when} for name, task, when in BEAT_TASKS}
    """
    got = found(src, "celery-beat", "proj/settings.py", "proj.settings")
    assert summary(got) == [
        ("scheduled", ["str", "app.tasks.nightly"], "CELERY_BEAT_SCHEDULE 'nightly' crontab(minute=0, hour=3)",
         "daily 03:00"),
        ("scheduled", ["str", "app.tasks.poll"], "CELERY_BEAT_SCHEDULE 'poll' 30.0", "every 30 seconds"),
    ]
    assert [t.line for t in got] == [4, 5]


def test_celery_conf_update_subscript_and_shared_dict_are_read_once() -> None:
    src = """
    from celery import Celery
    from celery.schedules import crontab
    app = Celery()
    CELERY_BEAT_SCHEDULE = {"a": {"task": "t.a", "schedule": crontab(minute="*/5")}}
    app.conf.beat_schedule = CELERY_BEAT_SCHEDULE
    app.conf.update(beat_schedule=dict(b=dict(task="t.b", schedule=60)))
    app.conf.beat_schedule["c"] = {"task": "t.c", "schedule": crontab(minute=0, hour=7, day_of_week="mon-fri")}
    """
    got = summary(found(src, "celery-beat"))
    assert got == [
        ("scheduled", ["str", "t.a"], "CELERY_BEAT_SCHEDULE 'a' crontab(minute=\"*/5\")", "every 5 minutes"),
        ("scheduled", ["str", "t.b"], "beat_schedule 'b' 60", "every minute"),
        ("scheduled", ["str", "t.c"], "beat_schedule 'c' crontab(minute=0, hour=7, day_of_week=\"mon-fri\")",
         "weekdays 07:00"),
    ]


def test_a_dict_not_named_beat_schedule_is_not_a_schedule() -> None:
    src = """
    from celery.schedules import crontab
    ROUTES = {"nightly": {"task": "app.tasks.nightly", "schedule": crontab(hour=2)}}
    """
    assert found(src, "celery-beat") == []


def test_celery_task_names_and_plain_tasks_are_not_scheduled() -> None:
    src = """
    from celery import Celery, shared_task
    app = Celery("proj")
    celery = app

    @app.task
    def plain():
        pass

    @app.task(name="custom.name", bind=True)
    def named(self):
        pass

    @shared_task
    def shared():
        pass

    @celery.task(bind=True)
    def bound(self):
        pass
    """
    result = facts(src, "proj/tasks.py", "proj.tasks")
    assert result.task_names == {
        "proj.tasks.plain": "proj.tasks.plain",
        "proj.tasks.named": "proj.tasks.named",
        "custom.name": "proj.tasks.named",
        "proj.tasks.shared": "proj.tasks.shared",
        "proj.tasks.bound": "proj.tasks.bound",
    }
    assert [t for t in result.triggers if t.source == "celery-beat"] == []


def test_huey_task_is_not_registered_as_a_celery_task() -> None:
    src = """
    from huey import RedisHuey
    huey = RedisHuey()

    @huey.task()
    def queued():
        pass
    """
    assert facts(src).task_names == {}


def test_celery_add_periodic_task() -> None:
    src = """
    from datetime import timedelta
    from celery import Celery, signature
    from celery.schedules import crontab
    app = Celery()

    @app.task
    def test(arg):
        pass

    @app.task
    def add(x, y):
        pass

    def register(sender, schedule, sig):
        sender.add_periodic_task(schedule, sig)

    @app.on_after_configure.connect
    def setup_periodic_tasks(sender, **kwargs):
        sender.add_periodic_task(crontab(hour=7, minute=30, day_of_week=1), test.s("Happy Mondays!"), name="mondays")
        sender.add_periodic_task(10.0, add.si(2, 2))
        sender.add_periodic_task(schedule=timedelta(hours=1), sig=test.signature(("x",)))
        sender.add_periodic_task(60, signature("proj.tasks.report"))
        sig = add.s(1, 1)
        sender.add_periodic_task(300, sig)
    """
    got = summary(found(src, "celery-beat", "proj/celery.py", "proj.celery"))
    assert got == [
        ("scheduled", ["name", "proj.celery.test"],
         "add_periodic_task 'mondays' crontab(hour=7, minute=30, day_of_week=1)", "weekly Mon 07:30"),
        ("scheduled", ["name", "proj.celery.add"], "add_periodic_task 10.0", "every 10 seconds"),
        ("scheduled", ["name", "proj.celery.test"], "add_periodic_task timedelta(hours=1)", "hourly"),
        ("scheduled", ["str", "proj.tasks.report"], "add_periodic_task 60", "every minute"),
        ("scheduled", ["name", "proj.celery.add"], "add_periodic_task 300", "every 5 minutes"),
    ]


def test_celery_periodic_task_decorator() -> None:
    src = """
    from celery.decorators import periodic_task
    from celery.schedules import crontab

    @periodic_task(run_every=crontab(minute=0))
    def hourly_digest():
        pass
    """
    result = facts(src)
    assert summary([t for t in result.triggers if t.source == "celery-beat"]) == [
        ("scheduled", ["name", "proj.jobs.hourly_digest"], "@periodic_task run_every=crontab(minute=0)", "hourly"),
    ]
    assert result.task_names == {"proj.jobs.hourly_digest": "proj.jobs.hourly_digest"}


# ---- APScheduler -------------------------------------------------------------------------
def test_apscheduler_jobs() -> None:
    src = """
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    scheduler = BackgroundScheduler()

    def nightly():
        pass

    def run_job(fn):
        fn()

    scheduler.add_job(nightly, "cron", hour=2)
    scheduler.add_job(nightly, CronTrigger(day_of_week="mon", hour=7))
    scheduler.add_job(nightly, CronTrigger.from_crontab("0 2 * * *"))
    scheduler.add_job(nightly, "interval", minutes=15)
    scheduler.add_job(func=nightly, trigger=IntervalTrigger(hours=1))
    scheduler.add_job("pkg.mod:function", "cron", minute="*/5")
    scheduler.add_job(run_job, "cron", args=[nightly], hour=4)

    @scheduler.scheduled_job("cron", day_of_week="mon-fri", hour=9, minute=30)
    def weekday_report():
        pass
    """
    nightly = ["name", "proj.jobs.nightly"]
    assert summary(found(src, "apscheduler")) == [
        ("scheduled", nightly, 'scheduler.add_job(nightly, "cron", hour=2)', "daily 02:00"),
        ("scheduled", nightly, 'scheduler.add_job(nightly, CronTrigger(day_of_week="mon", hour=7))',
         "weekly Mon 07:00"),
        ("scheduled", nightly, 'scheduler.add_job(nightly, CronTrigger.from_crontab("0 2 * * *"))', "daily 02:00"),
        ("scheduled", nightly, 'scheduler.add_job(nightly, "interval", minutes=15)', "every 15 minutes"),
        ("scheduled", nightly, "scheduler.add_job(func=nightly, trigger=IntervalTrigger(hours=1))", "hourly"),
        ("scheduled", ["str", "pkg.mod:function"], 'scheduler.add_job("pkg.mod:function", "cron", minute="*/5")',
         "every 5 minutes"),
        ("scheduled", ["name", "proj.jobs.run_job"], 'scheduler.add_job(run_job, "cron", args=[nightly], hour=4)',
         "daily 04:00"),
        ("scheduled", nightly, 'scheduler.add_job(run_job, "cron", args=[nightly], hour=4) (passed in args)',
         "daily 04:00"),
        ("scheduled", ["name", "proj.jobs.weekday_report"],
         '@scheduler.scheduled_job("cron", day_of_week="mon-fri", hour=9, minute=30)', "weekdays 09:30"),
    ]


def test_apscheduler_date_job_runs_once_and_is_not_scheduled() -> None:
    src = """
    from apscheduler.schedulers.background import BackgroundScheduler
    scheduler = BackgroundScheduler()

    def later():
        pass

    scheduler.add_job(later, "date", run_date="2030-01-01 09:00")
    scheduler.add_job(later)
    """
    got = found(src, "apscheduler")
    assert [t.kind for t in got] == ["near-real-time", "near-real-time"]
    assert all(t.schedule is None and "runs once" in t.note for t in got)


def test_add_job_needs_apscheduler_or_its_trigger_shape() -> None:
    src = """
    def work():
        pass

    def enqueue(queue):
        queue.add_job(work)
        queue.add_job(work, "cron", hour=3)
    """
    assert summary(found(src, "apscheduler")) == [
        ("scheduled", ["name", "proj.jobs.work"], 'queue.add_job(work, "cron", hour=3)', "daily 03:00"),
    ]


def test_flask_apscheduler_task_decorator_and_jobs_config() -> None:
    src = """
    from flask_apscheduler import APScheduler
    scheduler = APScheduler()

    class Config:
        JOBS = [{"id": "job1", "func": "app.jobs:job1", "trigger": "interval", "seconds": 10}]

    @scheduler.task("interval", id="poll", seconds=30)
    def poll():
        pass
    """
    result = facts(src)
    assert summary([t for t in result.triggers if t.source == "apscheduler"]) == [
        ("scheduled", ["str", "app.jobs:job1"], "JOBS 'job1' interval seconds=10", "every 10 seconds"),
        ("scheduled", ["name", "proj.jobs.poll"], '@scheduler.task("interval", id="poll", seconds=30)',
         "every 30 seconds"),
    ]
    assert result.task_names == {}


# ---- schedule ----------------------------------------------------------------------------
def test_schedule_library() -> None:
    src = """
    import schedule
    from schedule import every, repeat

    def job(arg=None):
        pass

    schedule.every().day.at("02:00").do(job)
    schedule.every(10).minutes.do(job)
    schedule.every().monday.at("07:00").do(job, "arg")
    schedule.every().hour.at(":30").do(job)
    schedule.every(5).to(10).minutes.do(job)
    schedule.every(3).days.at("4:15").do(job)

    @repeat(every().hour)
    def hourly():
        pass
    """
    job = ["name", "proj.jobs.job"]
    assert summary(found(src, "schedule")) == [
        ("scheduled", job, 'schedule.every().day.at("02:00")', "daily 02:00"),
        ("scheduled", job, "schedule.every(10).minutes", "every 10 minutes"),
        ("scheduled", job, 'schedule.every().monday.at("07:00")', "weekly Mon 07:00"),
        ("scheduled", job, 'schedule.every().hour.at(":30")', "hourly at :30"),
        ("scheduled", job, "schedule.every(5).to(10).minutes", "every 5-10 minutes"),
        ("scheduled", job, 'schedule.every(3).days.at("4:15")', "every 3 days at 04:15"),
        ("scheduled", ["name", "proj.jobs.hourly"], "@repeat(every().hour)", "hourly"),
    ]


def test_every_do_chain_without_schedule_is_ignored() -> None:
    src = """
    def job():
        pass

    def wire(bus):
        bus.every().day.do(job)
    """
    assert found(src, "schedule") == []


# ---- Airflow -----------------------------------------------------------------------------
AIRFLOW_DAGS = """
from datetime import datetime, timedelta
from airflow import DAG
from airflow.datasets import Dataset
from airflow.decorators import dag, task
from airflow.operators.python import PythonOperator

def summarize():
    pass

def manual_step():
    pass

with DAG("nightly_summary", schedule="@daily", start_date=datetime(2024, 1, 1)) as nightly:
    PythonOperator(task_id="summarize", python_callable=summarize)

with DAG(dag_id="manual", schedule=None) as manual:
    PythonOperator(task_id="manual_step", python_callable=manual_step)

hourly_dag = DAG("hourly", schedule_interval=timedelta(hours=1))
step = PythonOperator(task_id="step", python_callable=summarize, dag=hourly_dag)

@task
def extract():
    pass

with DAG("cron_dag", schedule="0 2 * * *"):
    extract()

@dag(schedule="@weekly", start_date=datetime(2024, 1, 1))
def weekly_pipeline():
    @task
    def load():
        pass

    load()

@dag(schedule=[Dataset("s3://bucket/raw")])
def on_new_data():
    pass

@dag(schedule="@once")
def backfill():
    pass
"""


def test_airflow_dags() -> None:
    assert summary(found(AIRFLOW_DAGS, "airflow", "dags/nightly.py", "dags.nightly")) == [
        ("scheduled", ["name", "dags.nightly.summarize"],
         "Airflow DAG 'nightly_summary' schedule=\"@daily\" runs task 'summarize'", "daily 00:00"),
        ("near-real-time", ["name", "dags.nightly.manual_step"],
         "Airflow DAG 'manual' schedule=None runs task 'manual_step' (manual runs: weak evidence)", None),
        ("scheduled", ["name", "dags.nightly.summarize"],
         "Airflow DAG 'hourly' schedule_interval=timedelta(hours=1) runs task 'step'", "hourly"),
        ("scheduled", ["name", "dags.nightly.extract"],
         "Airflow DAG 'cron_dag' schedule=\"0 2 * * *\" runs @task extract", "daily 02:00"),
        ("scheduled", ["name", "dags.nightly.weekly_pipeline"],
         "Airflow DAG 'weekly_pipeline' schedule=\"@weekly\"", "weekly Sun 00:00"),
        ("near-real-time", ["name", "dags.nightly.on_new_data"],
         "Airflow DAG 'on_new_data' schedule=[Dataset(\"s3://bucket/raw\")]", None),
        ("near-real-time", ["name", "dags.nightly.backfill"], "Airflow DAG 'backfill' schedule=\"@once\"", None),
    ]


def test_airflow_dag_without_schedule_follows_the_airflow_version() -> None:
    two = """
    from airflow import DAG
    from airflow.operators.python import PythonOperator
    def fn():
        pass
    with DAG("d"):
        PythonOperator(task_id="t", python_callable=fn)
    """
    three = """
    from airflow.sdk import dag

    @dag()
    def d():
        pass
    """
    assert [(t.kind, t.schedule) for t in found(two, "airflow")] == [("scheduled", "daily")]
    assert [(t.kind, t.schedule) for t in found(three, "airflow")] == [("near-real-time", None)]


# ---- Dagster -----------------------------------------------------------------------------
def test_dagster_schedules() -> None:
    src = """
    from dagster import AssetSelection, RunRequest, ScheduleDefinition, asset, define_asset_job, job, op
    from dagster import schedule, sensor

    @op
    def summarize():
        pass

    @job
    def nightly_job():
        summarize()

    @asset
    def report():
        pass

    @asset(name="other_asset")
    def other():
        pass

    nightly = ScheduleDefinition(job=nightly_job, cron_schedule="0 2 * * *")
    assets_job = define_asset_job("assets_job", selection=[report, "other_asset"])
    quarter_hour = ScheduleDefinition(name="assets_sched", job=assets_job, cron_schedule="*/15 * * * *")
    all_job = define_asset_job("all", selection=AssetSelection.all())
    everything = ScheduleDefinition(job=all_job, cron_schedule="@hourly")

    @schedule(cron_schedule="0 7 * * 1", job=nightly_job)
    def weekly_schedule(context):
        return {}

    @sensor(job=nightly_job)
    def new_files(context):
        yield RunRequest()
    """
    result = facts(src)
    job, report, other = ["name", "proj.jobs.nightly_job"], ["name", "proj.jobs.report"], ["name", "proj.jobs.other"]
    assert summary([t for t in result.triggers if t.source == "dagster" and not t.weak]) == [
        ("scheduled", job, 'ScheduleDefinition cron_schedule="0 2 * * *"', "daily 02:00"),
        ("scheduled", report, "ScheduleDefinition 'assets_sched' cron_schedule=\"*/15 * * * *\"", "every 15 minutes"),
        ("scheduled", ["str", "other_asset"], "ScheduleDefinition 'assets_sched' cron_schedule=\"*/15 * * * *\"",
         "every 15 minutes"),
        ("scheduled", report, 'ScheduleDefinition cron_schedule="@hourly"', "hourly"),
        ("scheduled", other, 'ScheduleDefinition cron_schedule="@hourly"', "hourly"),
        ("scheduled", ["entry", "dagster-loaded:proj.jobs"], 'ScheduleDefinition cron_schedule="@hourly"', "hourly"),
        ("scheduled", job, '@schedule(cron_schedule="0 7 * * 1")', "weekly Mon 07:00"),
        ("scheduled", ["name", "proj.jobs.weekly_schedule"], '@schedule(cron_schedule="0 7 * * 1")',
         "weekly Mon 07:00"),
        ("near-real-time", job, "@sensor new_files", None),
    ]
    assert result.task_names["other_asset"] == "proj.jobs.other"
    assert result.task_names["nightly_job"] == "proj.jobs.nightly_job"


def test_dagster_job_without_schedule_is_only_a_weak_manual_run() -> None:
    """Launched from the Dagster UI: near-real-time, weak (any schedule of the job wins)."""
    src = """
    from dagster import job, op

    @op
    def step():
        pass

    @job
    def manual_job():
        step()
    """
    assert [(t.kind, t.target, t.weak) for t in found(src, "dagster")] == [
        ("near-real-time", ["name", "proj.jobs.manual_job"], True)]


# ---- Prefect -----------------------------------------------------------------------------
def test_prefect_deployments() -> None:
    src = """
    from datetime import timedelta
    from prefect import flow, serve
    from prefect.deployments import Deployment
    from prefect.server.schemas.schedules import CronSchedule, IntervalSchedule

    @flow
    def etl():
        pass

    @flow
    def sync():
        pass

    if __name__ == "__main__":
        etl.serve(name="nightly", cron="0 2 * * *")
        sync.serve(interval=900)
        etl.deploy(name="d", work_pool_name="pool", cron="0 3 * * *")
        Deployment.build_from_flow(flow=etl, name="b", schedule=CronSchedule(cron="0 4 * * *"))
        Deployment.build_from_flow(etl, name="c", schedule=IntervalSchedule(interval=timedelta(hours=1)))
        serve(sync.to_deployment(name="y", cron="0 5 * * 1"), etl.to_deployment(name="manual"))
        flow.from_source(source="https://example.invalid/repo", entrypoint="flows/etl.py:etl").deploy(
            name="z", cron="0 6 * * *"
        )
    """
    etl, sync = ["name", "proj.jobs.etl"], ["name", "proj.jobs.sync"]
    assert summary(found(src, "prefect")) == [
        ("scheduled", etl, 'etl.serve(name="nightly", cron="0 2 * * *")', "daily 02:00"),
        ("scheduled", sync, "sync.serve(interval=900)", "every 15 minutes"),
        ("scheduled", etl, 'etl.deploy(name="d", cron="0 3 * * *")', "daily 03:00"),
        ("scheduled", etl, 'Deployment.build_from_flow(name="b", schedule=CronSchedule(cron="0 4 * * *"))',
         "daily 04:00"),
        ("scheduled", etl,
         'Deployment.build_from_flow(name="c", schedule=IntervalSchedule(interval=timedelta(hours=1)))', "hourly"),
        ("scheduled", sync, 'sync.to_deployment(name="y", cron="0 5 * * 1")', "weekly Mon 05:00"),
        ("near-real-time", etl, "etl.to_deployment without a schedule (runs on demand)", None),
        ("scheduled", ["str", "flows.etl:etl"], 'from_source(...).deploy(name="z", cron="0 6 * * *")', "daily 06:00"),
    ]


def test_serve_outside_prefect_is_ignored() -> None:
    src = """
    import uvicorn
    def app():
        pass
    def main(server):
        server.serve()
        server.deploy(cron="0 1 * * *")
    """
    assert found(src, "prefect") == []


def test_a_deploy_script_importing_the_flow_from_the_project_is_prefects_by_its_shape() -> None:
    # round 18's s16vc/contact_enrichment: deploy.py imports the flow, not Prefect
    src = """
    from hello import enrich, other

    if __name__ == "__main__":
        enrich.from_source(source="https://example.invalid/repo", entrypoint="hello.py:enrich").deploy(name="hook")
        other.deploy(name="o", work_pool_name="pool")
        other.deploy(name="plain")
    """
    assert summary(found(src, "prefect")) == [
        ("near-real-time", ["str", "hello:enrich"], "from_source(...).deploy without a schedule (runs on demand)", None),
        ("near-real-time", ["name", "hello.other"], "other.deploy without a schedule (runs on demand)", None),
    ]


# ---- Huey --------------------------------------------------------------------------------
def test_huey_periodic_tasks() -> None:
    src = """
    from huey import RedisHuey, crontab
    from huey.contrib.djhuey import db_periodic_task
    huey = RedisHuey()

    @huey.periodic_task(crontab(minute="0", hour="2"))
    def nightly():
        pass

    @db_periodic_task(crontab(minute="*/5"))
    def every_five():
        pass

    @huey.task()
    def queued():
        pass
    """
    assert summary(found(src, "huey")) == [
        ("scheduled", ["name", "proj.jobs.nightly"], '@periodic_task(crontab(minute="0", hour="2"))', "daily 02:00"),
        ("scheduled", ["name", "proj.jobs.every_five"], '@db_periodic_task(crontab(minute="*/5"))', "every 5 minutes"),
    ]


# ---- arq ---------------------------------------------------------------------------------
def test_arq_cron_jobs() -> None:
    src = """
    from arq import cron

    async def nightly(ctx):
        pass

    async def queued(ctx):
        pass

    class WorkerSettings:
        functions = [queued]
        cron_jobs = [cron(nightly, hour=2, minute=0), cron(nightly, weekday="mon", hour={9, 17}, minute=0)]
    """
    nightly = ["name", "proj.jobs.nightly"]
    assert summary(found(src, "arq")) == [
        ("scheduled", nightly, "arq cron(nightly, hour=2, minute=0)", "daily 02:00"),
        ("scheduled", nightly, 'arq cron(nightly, weekday="mon", hour={9, 17}, minute=0)', "weekly Mon 09:00,17:00"),
    ]


# ---- rq-scheduler ------------------------------------------------------------------------
def test_rq_scheduler() -> None:
    src = """
    from datetime import datetime, timedelta
    from redis import Redis
    from rq_scheduler import Scheduler
    scheduler = Scheduler(connection=Redis())

    def nightly():
        pass

    scheduler.cron("0 2 * * *", func=nightly, queue_name="default")
    scheduler.schedule(scheduled_time=datetime.utcnow(), func=nightly, interval=3600, repeat=None)
    scheduler.schedule(datetime.utcnow(), "proj.jobs.nightly")
    scheduler.enqueue_in(timedelta(minutes=10), nightly)
    """
    nightly = ["name", "proj.jobs.nightly"]
    assert summary(found(src, "rq-scheduler")) == [
        ("scheduled", nightly, 'scheduler.cron("0 2 * * *")', "daily 02:00"),
        ("scheduled", nightly, "scheduler.schedule(interval=3600)", "hourly"),
        ("near-real-time", ["str", "proj.jobs.nightly"], "scheduler.schedule() without interval: runs once", None),
        ("near-real-time", nightly, ".enqueue_in() runs once later", None),
    ]


def test_cron_method_outside_rq_scheduler_is_ignored() -> None:
    src = """
    def job():
        pass

    def plan(planner):
        planner.cron("0 2 * * *", func=job)
    """
    assert found(src, "rq-scheduler") == []


# ---- Dramatiq ----------------------------------------------------------------------------
def test_dramatiq_periodiq_and_dramatiq_crontab() -> None:
    src = """
    import dramatiq
    from periodiq import cron
    from dramatiq_crontab import cron as crontab_cron

    @dramatiq.actor(periodic=cron("0 2 * * *"))
    def nightly():
        pass

    @crontab_cron("*/10 * * * *")
    @dramatiq.actor
    def often():
        pass

    @dramatiq.actor
    def plain():
        pass
    """
    assert summary(found(src, "dramatiq-periodic")) == [
        ("scheduled", ["name", "proj.jobs.nightly"], '@actor(periodic=cron("0 2 * * *"))', "daily 02:00"),
        ("scheduled", ["name", "proj.jobs.often"], '@crontab_cron("*/10 * * * *")', "every 10 minutes"),
    ]


# ---- Modal -------------------------------------------------------------------------------
def test_modal_scheduled_functions() -> None:
    src = """
    import modal
    app = modal.App("x")
    stub = modal.Stub("y")

    @app.function(schedule=modal.Cron("0 2 * * *"))
    def nightly():
        pass

    @stub.function(schedule=modal.Period(hours=1))
    def hourly():
        pass

    @app.function(schedule=modal.Period(months=1))
    def monthly():
        pass

    @app.function(gpu="any")
    def on_demand():
        pass
    """
    assert summary(found(src, "modal")) == [
        ("scheduled", ["name", "proj.jobs.nightly"], 'modal schedule=modal.Cron("0 2 * * *")', "daily 02:00"),
        ("scheduled", ["name", "proj.jobs.hourly"], "modal schedule=modal.Period(hours=1)", "hourly"),
        ("scheduled", ["name", "proj.jobs.monthly"], "modal schedule=modal.Period(months=1)", "monthly"),
    ]


# ---- Frappe ------------------------------------------------------------------------------
def test_frappe_scheduler_events() -> None:
    src = """
    app_name = "shop"
    scheduler_events = {
        "all": ["shop.tasks.tick"],
        "daily": ["shop.tasks.digest"],
        "hourly_long": ["shop.tasks.reindex"],
        "cron": {"0 2 * * *": ["shop.tasks.nightly"]},
    }
    """
    assert summary(found(src, "frappe", "shop/hooks.py", "shop.hooks")) == [
        ("scheduled", ["str", "shop.tasks.tick"], "scheduler_events['all'] runs shop.tasks.tick",
         "every scheduler tick (about 4 minutes)"),
        ("scheduled", ["str", "shop.tasks.digest"], "scheduler_events['daily'] runs shop.tasks.digest", "daily"),
        ("scheduled", ["str", "shop.tasks.reindex"], "scheduler_events['hourly_long'] runs shop.tasks.reindex",
         "hourly"),
        ("scheduled", ["str", "shop.tasks.nightly"], "scheduler_events['cron']['0 2 * * *'] runs shop.tasks.nightly",
         "daily 02:00"),
    ]


# ---- Django management commands ----------------------------------------------------------
COMMAND = """
from django.core.management.base import BaseCommand

class Command(BaseCommand):
    help = "Send the digest"

    def handle(self, *args, **options):
        pass
"""


def test_django_command_is_an_entry_point() -> None:
    path, module = "shop/management/commands/send_digest.py", "shop.management.commands.send_digest"
    (entry,) = found(COMMAND, "django-command", path, module)
    assert (entry.kind, entry.target, entry.entry_key, entry.note, entry.line) == (
        "entry", ["name", f"{module}.Command.handle"], "command:send_digest", "management command 'send_digest'", 4,
    )


def test_interactive_django_command_is_also_real_time() -> None:
    src = COMMAND.replace("        pass", "        if input('Send to everyone? ') != 'y':\n            return")
    path, module = "shop/management/commands/send_digest.py", "shop.management.commands.send_digest"
    got = found(src, "django-command", path, module)
    assert [(t.kind, t.entry_key) for t in got] == [("entry", "command:send_digest"), ("real-time", None)]
    assert got[1].note == "management command 'send_digest' waits for input() at the terminal"


@pytest.mark.parametrize(
    "path", ["shop/commands/send_digest.py", "shop/management/commands/_helpers.py", "shop/management/views.py"]
)
def test_command_class_outside_management_commands_is_not_an_entry(path: str) -> None:
    assert found(COMMAND, "django-command", path, path[:-3].replace("/", ".")) == []
