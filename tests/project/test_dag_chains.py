"""Airflow DAG chains (issue 15, round 2 holdout): a DAG with ``schedule=None`` that another
DAG's ``TriggerDagRunOperator`` runs inherits that DAG's class, over several hops; its own
manual runs (and a manual test copy of it) never outrank the schedule."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of

STEP = ("from openai import OpenAI\n\n\ndef summarise():\n"
        "    return OpenAI().chat.completions.create(model='m', messages=[])\n")


def dag(dag_id: str, schedule: str, body: str) -> str:
    return ("from airflow.decorators import dag, task\n"
            "from airflow.operators.trigger_dagrun import TriggerDagRunOperator\n\n\n"
            f"@dag(dag_id={dag_id!r}, schedule={schedule})\ndef pipeline():\n{body}\n\n\npipeline()\n")


TASK = ("    @task\n    def step():\n        from modules.steps import summarise\n        return summarise()\n\n"
        "    step()\n")


SHARED = "from airflow.datasets import Dataset\n\nRAW = Dataset('s3://raw')\n"
PRODUCER = ("from airflow.decorators import dag, task\nfrom shared import RAW\n\n\n"
            "@dag(dag_id='load', schedule='@hourly')\ndef load():\n"
            "    @task(outlets=[RAW])\n    def fetch():\n        pass\n\n    fetch()\n\n\nload()\n")


def trigger(dag_id: str) -> str:
    return f"    TriggerDagRunOperator(task_id='next', trigger_dag_id={dag_id!r})\n"


def files(first_schedule: str, **extra: str):
    found = {"modules/__init__.py": "", "modules/steps.py": STEP,
             "dags/a.py": dag("a", first_schedule, trigger("b")),
             "dags/b.py": dag("b", "None", trigger("c") + trigger("a")),  # a cycle back to a
             "dags/c.py": dag("c", "None", TASK)}
    found.update(extra)
    return found


def test_a_dag_triggered_by_a_scheduled_dag_is_scheduled_over_two_hops(tmp_path):
    result = project(tmp_path, files("'0 2 * * *'"))
    assert classes_of(result) == {("modules/steps.py", 5): "scheduled"}
    chain = " | ".join(e.note for e in result.sites[0].evidence)
    assert "TriggerDagRunOperator DAG 'b'" in chain and "TriggerDagRunOperator DAG 'c'" in chain


def test_a_manual_test_copy_of_the_dag_does_not_outrank_the_chain(tmp_path):
    result = project(tmp_path, files("'@daily'", **{"dags/c_test.py": dag("c_test", "None", TASK)}))
    assert classes_of(result) == {("modules/steps.py", 5): "scheduled"}


def test_a_chain_nothing_schedules_stays_manual(tmp_path):
    """The first DAG has no schedule either: a cycle of manual DAGs ends, and someone starts it."""
    result = project(tmp_path, files("None"))
    assert classes_of(result) == {("modules/steps.py", 5): "near-real-time"}


def test_a_dag_a_dataset_triggers_stays_near_real_time(tmp_path):
    """No scanned task updates the dataset (the scheduled DAG's outlet is another one)."""
    consumer = dag("c", "[Dataset('s3://x')]", TASK).replace(
        "from airflow.decorators", "from airflow.datasets import Dataset\nfrom airflow.decorators")
    result = project(tmp_path, {"modules/__init__.py": "", "modules/steps.py": STEP, "dags/c.py": consumer,
                                "dags/load.py": PRODUCER, "dags/shared.py": SHARED})
    assert classes_of(result) == {("modules/steps.py", 5): "near-real-time"}


def test_a_dag_scheduled_on_a_dataset_a_scheduled_task_updates_is_scheduled(tmp_path):
    """The producer and the consumer import the same constant; the consumer's own
    near-real-time trigger (data landing) adds nothing beside the producer's schedule."""
    consumer = dag("c", "[RAW]", TASK).replace("from airflow.decorators", "from shared import RAW\nfrom airflow.decorators")
    result = project(tmp_path, {"modules/__init__.py": "", "modules/steps.py": STEP, "dags/load.py": PRODUCER,
                                "dags/shared.py": SHARED,
                                "dags/c.py": consumer})
    assert classes_of(result) == {("modules/steps.py", 5): "scheduled"}


def test_a_classic_operator_outlet_by_uri_runs_the_dataset_dag(tmp_path):
    producer = ("from airflow import DAG\nfrom airflow.datasets import Dataset\n"
                "from airflow.operators.python import PythonOperator\n\n\ndef fetch():\n    pass\n\n\n"
                "with DAG('load', schedule='@daily'):\n"
                "    PythonOperator(task_id='f', python_callable=fetch, outlets=[Dataset('s3://raw')])\n")
    consumer = dag("c", "[Dataset('s3://raw')]", TASK).replace(
        "from airflow.decorators", "from airflow.datasets import Dataset\nfrom airflow.decorators")
    result = project(tmp_path, {"modules/__init__.py": "", "modules/steps.py": STEP, "dags/load.py": producer,
                                "dags/c.py": consumer})
    assert classes_of(result) == {("modules/steps.py", 5): "scheduled"}
