"""Schedules that call the project's own routes (``project/route_entries.py``, label policy 6): a
cron job's ``curl``, a Vercel ``crons`` path, an App Engine ``cron.yaml`` URL reach what the route
runs. A route people may call becomes ``mixed``; a route whose path says it is there for the
schedule (``/tasks/...``, ``/api/cron/...``) is ``scheduled``; someone else's host, a path no route
declares, or a request to a provider's endpoint reach nothing."""
from __future__ import annotations

import json

from test_graph import project, sites

LLM = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(q):\n    return client.chat.completions.create(model='m', messages=[])\n"
       "\n\ndef summarise(q):\n    return client.chat.completions.create(model='m', messages=[])\n")
APP = (
    "from fastapi import FastAPI\n"
    "from app.llm import ask, summarise\n\n"
    "app = FastAPI()\n\n\n"
    "@app.post('/run-digest')\n"
    "def run_digest():\n    return ask('digest')\n\n\n"
    "@app.get('/tasks/summary')\n"
    "def summary():\n    return summarise('summary')\n"
)
SITE, SUMMARY = ("app/llm.py", 7), ("app/llm.py", 11)
ROUTE = ("chat.completions.create", "real-time")


def app_with(tmp_path, files):
    return project(tmp_path, {"app/__init__.py": "", "app/llm.py": LLM, "app/main.py": APP, **files})


def test_a_render_cron_job_curling_a_route_people_call_makes_its_site_mixed(tmp_path):
    """Parently's shape: the job list is not valid YAML (``: `` in an unquoted command), read line by line."""
    cron = ("crons:\n  - name: daily-digest\n    schedule: \"45 11 * * *\"  # UTC\n"
            "    command: curl -s -X POST $BACKEND_PUBLIC_URL/run-digest -H \"x-api-key: $SECRET\"\n")
    result = app_with(tmp_path, {"cron.yaml": cron})
    assert sites(result) == {SITE: ("chat.completions.create", "mixed"), SUMMARY: ROUTE}
    notes = [step.note for step in result.sites[0].chain_for("scheduled")]
    assert notes[:2] == ["cron job 'daily-digest' '45 11 * * *' (cron.yaml) runs a request POST "
                         "{BACKEND_PUBLIC_URL}/run-digest",
                         "POST /run-digest is the project's own route run_digest"]


def test_a_crontab_line_calling_a_route_for_the_schedule_makes_it_scheduled(tmp_path):
    files = {"deploy/crontab": "0 7 * * * curl -fsS http://localhost:8000/tasks/summary\n"}
    result = app_with(tmp_path, files)
    assert sites(result) == {SITE: ROUTE, SUMMARY: ("chat.completions.create", "scheduled")}
    assert result.sites[1].evidence[0].schedule == "daily 07:00"


def test_the_verb_must_match_and_someone_elses_host_reaches_nothing(tmp_path):
    crontab = ("0 7 * * * curl http://localhost:8000/run-digest\n"  # a GET: the route takes POST
               "0 8 * * * curl -X POST https://hc-ping.com/run-digest\n"  # a monitor's ping
               "0 9 * * * curl -X POST http://localhost:8000/unknown-path\n")
    result = app_with(tmp_path, {"crontab": crontab})
    assert sites(result) == {SITE: ROUTE, SUMMARY: ROUTE}


def test_an_app_engine_cron_yaml_calls_the_route_for_the_schedule(tmp_path):
    cron = "cron:\n- description: daily summary job\n  url: /tasks/summary\n  schedule: every day 07:00\n"
    result = app_with(tmp_path, {"cron.yaml": cron})
    assert sites(result) == {SITE: ROUTE, SUMMARY: ("chat.completions.create", "scheduled")}
    first = result.sites[1].evidence[0]
    assert (first.path, first.schedule) == ("cron.yaml", "daily 07:00")


def test_a_vercel_cron_path_runs_the_function_file_that_serves_it(tmp_path):
    handler = ("from http.server import BaseHTTPRequestHandler\nfrom app.llm import ask\n\n\n"
               "class handler(BaseHTTPRequestHandler):\n    def do_GET(self):\n        ask('x')\n")
    vercel = json.dumps({"crons": [{"path": "/api/cron", "schedule": "0 5 * * *"}]})
    result = project(tmp_path, {"app/__init__.py": "", "app/llm.py": LLM, "api/cron.py": handler,
                                "vercel.json": vercel})
    assert sites(result) == {SITE: ("chat.completions.create", "scheduled"), SUMMARY: ("chat.completions.create", "unknown")}
    notes = [step.note for step in result.sites[0].evidence]
    assert "GET /api/cron is the project's own route do_GET (api/cron.py serves it)" in notes


def test_a_github_actions_schedule_curling_the_deployed_app_with_a_secret_url(tmp_path):
    workflow = ("on:\n  schedule:\n    - cron: '0 6 * * 1'\njobs:\n  ping:\n    runs-on: ubuntu-latest\n"
                "    steps:\n      - run: curl -X POST ${{ secrets.APP_URL }}/run-digest\n")
    result = app_with(tmp_path, {".github/workflows/digest.yml": workflow})
    assert sites(result) == {SITE: ("chat.completions.create", "mixed"), SUMMARY: ROUTE}


def test_a_scheduled_workflow_step_using_an_http_request_action(tmp_path):
    workflow = ("on:\n  schedule:\n    - cron: '0 6 * * *'\njobs:\n  ping:\n    runs-on: ubuntu-latest\n"
                "    steps:\n      - uses: fjogeleit/http-request-action@v1\n        with:\n"
                "          url: '${{ secrets.APP_URL }}/tasks/summary'\n          method: GET\n")
    result = app_with(tmp_path, {".github/workflows/summary.yml": workflow})
    assert sites(result) == {SITE: ROUTE, SUMMARY: ("chat.completions.create", "scheduled")}
