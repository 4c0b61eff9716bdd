"""Airflow operators of the project (issue 15, reach8): a DAG that instantiates a project
``BaseOperator`` subclass runs its ``execute`` (a sensor's ``poke``, through the class hierarchy)
on the DAG's schedule, and the ``on_*_callback`` callables on task, DAG or ``default_args``."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of

OPERATOR = ("from airflow.models import BaseOperator\n\n\n"
            "def _call(prompt):\n"
            "    from openai import OpenAI\n"
            "    return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
            "class LlmBase(BaseOperator):\n"
            "    def execute(self, context):\n"
            "        return _call('x')\n\n\n"
            "class SummarizeOperator(LlmBase):\n"
            "    def __init__(self, model, **kwargs):\n"
            "        super().__init__(**kwargs)\n"
            "        self.model = model\n")


def dag(schedule: str, body: str) -> str:
    return ("from airflow import DAG\nfrom operators.llm import SummarizeOperator\n\n"
            f"dag = DAG('books', schedule={schedule})\n\n{body}")


def test_a_project_operator_in_a_scheduled_dag_runs_execute_on_the_schedule(tmp_path):
    body = "summarize = SummarizeOperator(task_id='llm', model='m', dag=dag)\n"
    result = project(tmp_path, {"operators/__init__.py": "", "operators/llm.py": OPERATOR,
                                "dags/books.py": dag("'@hourly'", body)})
    assert classes_of(result) == {("operators/llm.py", 6): "scheduled"}
    chain = " | ".join(e.note for e in result.sites[0].evidence)
    assert "task 'llm' SummarizeOperator.execute" in chain


def test_an_operator_nothing_instantiates_stays_unknown(tmp_path):
    result = project(tmp_path, {"operators/__init__.py": "", "operators/llm.py": OPERATOR,
                                "dags/books.py": dag("'@hourly'", "")})
    assert classes_of(result) == {("operators/llm.py", 6): "unknown"}


def test_an_operator_in_a_dag_without_a_schedule_is_near_real_time(tmp_path):
    body = "SummarizeOperator(task_id='llm', model='m', dag=dag)\n"
    result = project(tmp_path, {"operators/__init__.py": "", "operators/llm.py": OPERATOR,
                                "dags/books.py": dag("None", body)})
    assert classes_of(result) == {("operators/llm.py", 6): "near-real-time"}


SENSOR = ("from airflow.sensors.base import BaseSensorOperator\n\n\n"
          "class ReviewSensor(BaseSensorOperator):\n"
          "    def poke(self, context):\n"
          "        from openai import OpenAI\n"
          "        return OpenAI().chat.completions.create(model='m', messages=[])\n")


def test_a_project_sensor_in_a_dag_function_runs_poke(tmp_path):
    dag_file = ("from airflow.decorators import dag\nfrom sensors import ReviewSensor\n\n\n"
                "@dag(schedule='0 3 * * *')\ndef review():\n"
                "    ReviewSensor.partial(task_id='wait').expand(x=[1])\n\n\nreview()\n")
    result = project(tmp_path, {"sensors.py": SENSOR, "dags/review.py": dag_file})
    assert classes_of(result) == {("sensors.py", 7): "scheduled"}


NOTIFY = ("def notify(context):\n    from openai import OpenAI\n"
          "    return OpenAI().chat.completions.create(model='m', messages=[])\n")


def test_a_task_callback_list_runs_on_the_schedule(tmp_path):
    body = ("from airflow.operators.bash import BashOperator\nfrom alerts import notify\n\n"
            "BashOperator(task_id='t', bash_command='true', on_failure_callback=[notify], dag=dag)\n")
    result = project(tmp_path, {"alerts.py": NOTIFY, "operators/__init__.py": "",
                                "operators/llm.py": "", "dags/books.py": dag("'@daily'", body)})
    assert classes_of(result) == {("alerts.py", 3): "scheduled"}


def test_a_dag_default_args_callback_runs_on_the_schedule(tmp_path):
    dag_file = ("from airflow import DAG\nfrom alerts import notify\n\n"
                "ARGS = {'owner': 'x', 'on_failure_callback': notify}\n"
                "dag = DAG('books', schedule='@daily', default_args=ARGS)\n")
    result = project(tmp_path, {"alerts.py": NOTIFY, "dags/books.py": dag_file})
    assert classes_of(result) == {("alerts.py", 3): "scheduled"}


def test_a_raw_post_to_an_operators_constructor_url_reads_what_the_dag_passes(tmp_path):
    """``self.embed_url = embed_url`` in ``__init__`` and ``requests.post(self.embed_url, json={"model",
    "input"})`` in a method: the URL is what the DAG building the operator passes (Ollama's port
    here); an operator built with a webhook's URL makes no site."""
    operator = ("import requests\nfrom airflow.models import BaseOperator\n\n\n"
                "class EmbedOperator(BaseOperator):\n"
                "    def __init__(self, embed_url, embed_model='nomic-embed-text', **kwargs):\n"
                "        super().__init__(**kwargs)\n"
                "        self.embed_url = embed_url\n"
                "        self.embed_model = embed_model\n\n"
                "    def embed(self, text):\n"
                "        return requests.post(self.embed_url, json={'model': self.embed_model, 'input': text})\n\n"
                "    def execute(self, context):\n"
                "        return [self.embed(t) for t in ('a', 'b')]\n")
    body = "EmbedOperator(task_id='embed', embed_url='{url}', dag=dag)\n"
    files = {"plugins/operators/__init__.py": "", "plugins/operators/embed.py": operator,
             "dags/books.py": dag("'@daily'", body.format(url="http://host.docker.internal:11434/api/embed"))
             .replace("operators.llm import SummarizeOperator", "operators.embed import EmbedOperator")}
    result = project(tmp_path, files)
    assert classes_of(result) == {("plugins/operators/embed.py", 12): "scheduled"}
    assert result.sites[0].resolved.match.provider.id == "ollama"
    files["dags/books.py"] = files["dags/books.py"].replace("http://host.docker.internal:11434/api/embed",
                                                            "https://hooks.example.com/notify")
    assert classes_of(project(tmp_path, files)) == {}
