"""Tasks a plain call queues (Huey): the caller hands the work to the worker and does not wait
(label policy 4, round 19's faizalnursaori/chat_rag), unless it reads the result."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of

TASKS = ("from huey.contrib.djhuey import task\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n"
         "@task()\ndef summarize(text):\n    return client.chat.completions.create(model='m', messages=[text])\n")
VIEW = ("from django.http import JsonResponse\nfrom django.views import View\n\nfrom app.tasks import summarize\n\n\n"
        "class SummaryView(View):\n    def post(self, request):\n        {call}\n        return JsonResponse({{}})\n")
URLS = "from django.urls import path\n\nfrom app.views import SummaryView\n\nurlpatterns = [path('s/', SummaryView.as_view())]\n"
SITE = ("app/tasks.py", 9)


def app(call: str, tasks: str = TASKS):
    return {"app/__init__.py": "", "app/tasks.py": tasks, "app/views.py": VIEW.format(call=call), "app/urls.py": URLS}


def test_a_view_calling_a_djhuey_task_queues_it(tmp_path):
    assert classes_of(project(tmp_path, app("summarize(request.body)"))) == {SITE: "near-real-time"}


def test_a_task_of_a_huey_instance_queues_when_called(tmp_path):
    tasks = TASKS.replace("from huey.contrib.djhuey import task\n", "from huey import RedisHuey\n").replace(
        "client = OpenAI()\n", "client = OpenAI()\nhuey = RedisHuey('app')\n").replace("@task()", "@huey.task()")
    assert classes_of(project(tmp_path, app("summarize(request.body)", tasks))) == {("app/tasks.py", 10): "near-real-time"}


def test_a_view_reading_the_tasks_result_waits_for_it(tmp_path):
    assert classes_of(project(tmp_path, app("summarize(request.body).get(blocking=True)"))) == {SITE: "real-time"}


def test_a_plain_function_call_still_runs_in_the_request(tmp_path):
    tasks = TASKS.replace("@task()\n", "")
    assert classes_of(project(tmp_path, app("summarize(request.body)", tasks))) == {("app/tasks.py", 8): "real-time"}


def test_a_view_waiting_on_the_result_it_bound_waits_for_it(tmp_path):
    """``result = summarize(x)`` then ``result.get(blocking=True)``: the handle read later is still waited on."""
    call = "result = summarize(request.body)\n        result.get(blocking=True)"
    assert classes_of(project(tmp_path, app(call))) == {SITE: "real-time"}


def test_a_view_running_the_task_here_waits_for_it(tmp_path):
    """Huey's ``call_local`` runs the task's body in the caller's process."""
    assert classes_of(project(tmp_path, app("summarize.call_local(request.body)"))) == {SITE: "real-time"}


def test_a_task_of_the_instance_djhuey_exports_queues_when_called(tmp_path):
    """``from huey.contrib.djhuey import HUEY`` then ``@HUEY.task()``: the project's configured instance."""
    tasks = TASKS.replace("import task\n", "import HUEY\n").replace("@task()", "@HUEY.task()")
    assert classes_of(project(tmp_path, app("summarize(request.body)", tasks))) == {SITE: "near-real-time"}
