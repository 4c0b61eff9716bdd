"""What runs notebooks: command lines, Databricks jobs (bundles, job JSON), Airflow operators."""
from __future__ import annotations

import json
import textwrap

import pytest
from support.notebooks import write_notebook

from llm_latency_lint.catalog.command_lines import describe_key, entry_keys
from llm_latency_lint.catalog.sources import databricks, source_for
from llm_latency_lint.config import Config
from llm_latency_lint.engine import run


@pytest.mark.parametrize("command, keys", [
    ("papermill notebooks/enrich.ipynb out.ipynb -p day 1", ["script:notebooks/enrich.ipynb"]),
    ("cd /srv/app && papermill enrich.ipynb s3://bucket/out.ipynb", ["script:/srv/app/enrich.ipynb"]),
    ("python -m papermill nb.ipynb out.ipynb", ["script:nb.ipynb"]),
    ("jupyter nbconvert --to notebook --execute notebooks/report.ipynb", ["script:notebooks/report.ipynb"]),
    ("jupyter nbconvert --to html notebooks/report.ipynb", []),  # converts, runs nothing
    ("jupyter execute a.ipynb b.ipynb", ["script:a.ipynb", "script:b.ipynb"]),
    ("python -m jupyter nbconvert --execute --inplace x.ipynb", ["script:x.ipynb"]),
    ("ipython notebooks/x.ipynb", ["script:notebooks/x.ipynb"]),
    ("uv run papermill x.ipynb y.ipynb", ["script:x.ipynb"]),
    ("databricks bundle run -t prod nightly_enrich", ["databricks:nightly_enrich"]),
    ("databricks bundle deploy", []),
])
def test_notebook_command_lines(command, keys):
    assert entry_keys(command) == keys


def test_databricks_key_is_described():
    assert describe_key("databricks:nightly") == "Databricks job nightly"


@pytest.mark.parametrize("expr, words", [
    ("0 0 2 * * ?", "daily 02:00"),
    ("0 30 6 ? * MON-FRI", "weekdays 06:30"),
    ("0 0 6 ? * 2", "weekly Mon 06:00"),  # Quartz weekdays: 1 = Sunday
    ("0 0/15 * * * ?", "every 15 minutes"),
    ("0 0 */4 ? * * 2026", "every 4 hours"),
    ("0 0 0 L * ?", "Quartz cron '0 0 0 L * ?'"),
    ("30 * * * * ?", "Quartz cron '30 * * * * ?'"),
    ("nonsense", "Quartz cron 'nonsense'"),
])
def test_quartz_cron_in_words(expr, words):
    assert databricks.quartz_words(expr) == words


@pytest.mark.parametrize("path, name, hit", [
    ("databricks.yml", "databricks.yml", True), ("bundle/databricks.yaml", "databricks.yaml", True),
    ("resources/enrich.job.yml", "enrich.job.yml", True), ("jobs/nightly.json", "nightly.json", True),
    ("databricks/jobs.json", "jobs.json", True), ("package.json", "package.json", False),
    ("k8s/cron.yaml", "cron.yaml", False), (".github/workflows/deploy.job.yml", "deploy.job.yml", False),
])
def test_databricks_files(path, name, hit):
    assert (source_for(path, name) is databricks.SOURCE) is hit


BUNDLE = textwrap.dedent("""\
    bundle:
      name: enrichment
    resources:
      jobs:
        nightly:
          name: nightly-enrich
          schedule:
            quartz_cron_expression: "0 30 2 * * ?"
            timezone_id: UTC
            pause_status: PAUSED
          tasks:
            - task_key: enrich
              notebook_task:
                notebook_path: ../notebooks/enrich
            - task_key: each
              for_each_task:
                inputs: "[1, 2]"
                task:
                  task_key: one
                  spark_python_task:
                    python_file: ../src/one.py
        hourly:
          trigger:
            periodic: {interval: 2, unit: HOURS}
          tasks:
            - notebook_task: {notebook_path: ../notebooks/hourly.ipynb}
        landing:
          trigger:
            file_arrival: {url: "s3://bucket/in/"}
          tasks:
            - notebook_task: {notebook_path: ../notebooks/landing.ipynb}
        manual:
          tasks:
            - notebook_task: {notebook_path: /Workspace/Shared/manual.ipynb}
    targets:
      prod:
        resources:
          jobs:
            manual:
              schedule:
                quartz_cron_expression: "0 0 7 ? * 2"
""")


def test_a_bundle_schedules_its_notebooks_in_words():
    triggers = databricks.parse("bundle/databricks.yml", BUNDLE)
    scheduled = {(t.target[1], t.kind, t.schedule) for t in triggers if t.kind != "entry"}
    assert scheduled == {
        ("script:notebooks/enrich.ipynb", "scheduled", "daily 02:30"),
        ("script:notebooks/enrich.py", "scheduled", "daily 02:30"),  # no extension: either kind
        ("script:src/one.py", "scheduled", "daily 02:30"),
        ("script:notebooks/hourly.ipynb", "scheduled", "every 2 hours"),
        ("script:notebooks/landing.ipynb", "near-real-time", None),
        ("script:Workspace/Shared/manual.ipynb", "scheduled", "weekly Mon 07:00"),  # the prod target's schedule
    }
    paused = next(t for t in triggers if t.kind == "scheduled" and "enrich.ipynb" in t.target[1])
    assert "PAUSED" in paused.note and paused.line == 8
    entries = {(t.entry_key, t.target[1]) for t in triggers if t.kind == "entry"}
    assert ("databricks:manual", "script:Workspace/Shared/manual.ipynb") in entries


def test_job_json_from_the_jobs_api():
    job = {"job_id": 7, "settings": {"name": "enrich", "schedule": {"quartz_cron_expression": "0 0 3 * * ?"},
                                     "tasks": [{"task_key": "a", "notebook_task": {"notebook_path": "/Repos/me/app/nb/enrich"}}]}}
    text = json.dumps(job, indent=2)
    triggers = [t for t in databricks.parse("jobs/enrich.json", text) if t.kind == "scheduled"]
    assert {t.target[1] for t in triggers} == {"script:Repos/me/app/nb/enrich.ipynb", "script:Repos/me/app/nb/enrich.py"}
    assert {t.schedule for t in triggers} == {"daily 03:00"}
    assert triggers[0].line == text.splitlines().index('      "quartz_cron_expression": "0 0 3 * * ?"') + 1
    assert databricks.parse("jobs/x.json", "{not json") == []


NB_CALL = "from openai import OpenAI\n\nclient = OpenAI()\nclient.chat.completions.create(model='m', messages=[])\n"


def _finding(root):
    result = run([root], Config(), root=root)
    assert not result.errors
    return result.findings


def test_a_databricks_bundle_job_run_from_a_workflow(tmp_path):
    write_notebook(tmp_path / "notebooks" / "enrich.ipynb", [("code", NB_CALL)])
    (tmp_path / "databricks.yml").write_text(
        "resources:\n  jobs:\n    enrich:\n      tasks:\n        - notebook_task:\n            notebook_path: notebooks/enrich\n")
    wf = tmp_path / ".github" / "workflows" / "nightly.yml"
    wf.parent.mkdir(parents=True)
    wf.write_text("on:\n  schedule:\n    - cron: '0 1 * * *'\njobs:\n  run:\n    runs-on: ubuntu-latest\n"
                  "    steps:\n      - run: databricks bundle run enrich\n")
    (finding,) = _finding(tmp_path)
    assert finding.code == "LLM001" and finding.path == "notebooks/enrich.ipynb"
    assert [e.path for e in finding.evidence][:2] == [".github/workflows/nightly.yml", "databricks.yml"]


@pytest.mark.parametrize("operator", [
    "PapermillOperator(task_id='nb', input_nb='/opt/airflow/notebooks/enrich.ipynb', output_nb='/tmp/o.ipynb')",
    "DatabricksSubmitRunOperator(task_id='nb', notebook_task={'notebook_path': '/Repos/x/notebooks/enrich'})",
])
def test_airflow_operators_that_run_notebooks(tmp_path, operator):
    write_notebook(tmp_path / "notebooks" / "enrich.ipynb", [("code", NB_CALL)])
    (tmp_path / "dags").mkdir()
    (tmp_path / "dags" / "nb.py").write_text(
        "from airflow import DAG\n"
        "from airflow.providers.papermill.operators.papermill import PapermillOperator\n"
        "from airflow.providers.databricks.operators.databricks import DatabricksSubmitRunOperator\n\n"
        f"with DAG('nb', schedule='0 5 * * *'):\n    {operator}\n")
    (finding,) = _finding(tmp_path)
    assert finding.code == "LLM001" and "(daily 05:00)" in finding.message
    assert finding.evidence[0].path == "dags/nb.py"


def test_python_that_runs_a_notebook_with_papermill(tmp_path):
    write_notebook(tmp_path / "notebooks" / "enrich.ipynb", [("code", NB_CALL)])
    (tmp_path / "run.py").write_text("import papermill as pm\n\n\ndef main():\n    pm.execute_notebook('notebooks/enrich.ipynb', 'o.ipynb')\n\n\n"
                                     "if __name__ == '__main__':\n    main()\n")
    (tmp_path / "crontab").write_text("0 1 * * * python run.py\n")
    (finding,) = _finding(tmp_path)
    assert finding.path == "notebooks/enrich.ipynb" and "(daily 01:00)" in finding.message
    assert [e.path for e in finding.evidence] == ["crontab", "run.py", "run.py", "run.py"]


def test_a_databricks_notebook_that_runs_another(tmp_path):
    write_notebook(tmp_path / "notebooks" / "enrich.ipynb", [("code", NB_CALL)])
    write_notebook(tmp_path / "notebooks" / "driver.ipynb", [("code", "dbutils.notebook.run('./enrich', 600)\n")])
    (tmp_path / "databricks.yml").write_text(
        "resources:\n  jobs:\n    d:\n      schedule:\n        quartz_cron_expression: '0 0 5 * * ?'\n"
        "      tasks:\n        - notebook_task:\n            notebook_path: ./notebooks/driver\n")
    (finding,) = _finding(tmp_path)
    assert finding.path == "notebooks/enrich.ipynb" and "(daily 05:00)" in finding.message
    assert finding.evidence[-1].path == "notebooks/driver.ipynb"


@pytest.mark.parametrize("path, module", [
    ("notebooks/enrich users.ipynb", "enrich_users"), ("./enrich", "enrich"), ("/Repos/a/2024-report", "_2024_report"),
    ("data.csv", None), ("nb_{{ ds }}", None),
])
def test_notebook_module_names(path, module):
    from llm_latency_lint.catalog.triggers.notebook_runs import notebook_module

    assert notebook_module(path) == module


def test_makefile_and_shell_script_running_notebooks(tmp_path):
    write_notebook(tmp_path / "notebooks" / "a.ipynb", [("code", NB_CALL)])
    write_notebook(tmp_path / "notebooks" / "b.ipynb", [("code", NB_CALL)])
    (tmp_path / "Makefile").write_text("nb:\n\tcd notebooks && papermill a.ipynb /tmp/out.ipynb\n")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "run_b.sh").write_text("#!/bin/sh\nset -e\njupyter nbconvert --to notebook --execute notebooks/b.ipynb\n")
    (tmp_path / "crontab").write_text("0 1 * * * make nb\n0 2 * * 0 /srv/app/bin/run_b.sh\n")
    findings = _finding(tmp_path)
    assert [(f.path, f.message.split("(")[1].split(")")[0]) for f in findings] == [
        ("notebooks/a.ipynb", "daily 01:00"), ("notebooks/b.ipynb", "weekly Sun 02:00")]


def test_run_magic_runs_the_other_notebook(tmp_path):
    write_notebook(tmp_path / "notebooks" / "shared" / "enrich.ipynb", [("code", NB_CALL)])
    write_notebook(tmp_path / "notebooks" / "nightly.ipynb", [("code", "%run ./shared/enrich\n")])
    (tmp_path / "crontab").write_text("0 1 * * * papermill notebooks/nightly.ipynb out.ipynb\n")
    (finding,) = _finding(tmp_path)
    assert finding.path == "notebooks/shared/enrich.ipynb" and "(daily 01:00)" in finding.message


def test_a_dagstermill_asset_selected_by_a_scheduled_job(tmp_path):
    write_notebook(tmp_path / "notebooks" / "enrich.ipynb", [("code", NB_CALL)])
    (tmp_path / "defs.py").write_text(
        "from dagster import ScheduleDefinition, define_asset_job, file_relative_path\n"
        "from dagstermill import define_dagstermill_asset\n\n"
        "enrich = define_dagstermill_asset(name='enrich', notebook_path=file_relative_path(__file__, 'notebooks/enrich.ipynb'))\n"
        "job = define_asset_job('nightly', selection=['enrich'])\n"
        "schedule = ScheduleDefinition(job=job, cron_schedule='0 3 * * *')\n")
    (finding,) = _finding(tmp_path)
    assert finding.path == "notebooks/enrich.ipynb" and "(daily 03:00)" in finding.message
