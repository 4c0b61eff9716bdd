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
    result = project(tmp_path, files("'@daily'", **{
        "dags/c.py": dag("c", "[Dataset('s3://x')]", TASK).replace(
            "from airflow.decorators", "from airflow.datasets import Dataset\nfrom airflow.decorators")}))
    assert classes_of(result) == {("modules/steps.py", 5): "near-real-time"}
