"""Entry points found by the canonical-usage survey (bench/shapes/entries.py): each recogniser's
trigger and class, and the look-alikes of other libraries it must not take."""
from __future__ import annotations

from textwrap import dedent
from typing import List, Optional, Tuple

from support.scan import project_classes

from llm_latency_lint.catalog.sources import manifests
from llm_latency_lint.facts.visitor import extract
from llm_latency_lint.model import Trigger

OURS = ("handler-frameworks", "event-loops", "cli-apps", "task-workers")


def triggers(text: str, source: Optional[str] = None) -> List[Tuple[str, str, object, bool]]:
    found = extract(dedent(text), "app/mod.py", "app.mod").triggers
    return [(t.kind, t.source, t.target, t.weak) for t in found if source is None or t.source == source]


def kinds(text: str) -> List[Tuple[str, str, object, bool]]:
    """Triggers of the survey's recognisers only (other recognisers' and the main-script ones left out)."""
    sources = {"mcp-server", "nonebot-matcher", "botframework-bot", "http-server-handler", "socketserver-handler",
               "litserve-api", "grpc-servicer", "cherrypy-handler", "pyramid-view", "bentoml-api",
               "blacksheep-route", "ray-serve", "slack-bolt-lazy", "file-watcher", "redis-pubsub", "sqs-consumer",
               "redis-stream-consumer", "worker-task", "arq-function"}
    return [t for t in triggers(text) if t[1] in sources]


classes = project_classes


CALL = 'client.chat.completions.create(model="m", messages=[])'


# ---- real-time handlers ------------------------------------------------------------------------
def test_fastmcp_tools_resources_and_prompts_are_real_time():
    assert kinds("""
        from mcp.server.fastmcp import FastMCP
        mcp = FastMCP("x")

        @mcp.tool()
        def summarize(text): ...

        @mcp.resource("doc://{id}")
        def doc(id): ...

        def helper(): ...
        """) == [("real-time", "mcp-server", ["name", "app.mod.summarize"], False),
                 ("real-time", "mcp-server", ["name", "app.mod.doc"], False)]


def test_fastmcp_decorators_on_a_low_level_server_are_tools_as_meant():
    """Round 12's gsannikov/2ndBrain_RAG: ``Server("x")`` has no ``tool()``; policy 12 reads the
    author's ``@server.tool()`` as the tool it means."""
    assert kinds("""
        from mcp.server import Server
        server = Server("local-rag")

        @server.tool()
        def rag_get(path): ...

        @server.call_tool()
        async def call(name, arguments): ...
        """) == [("real-time", "mcp-server", ["name", "app.mod.rag_get"], False),
                 ("real-time", "mcp-server", ["name", "app.mod.call"], False)]


def test_a_tool_decorator_of_another_library_is_not_an_mcp_tool():
    assert kinds("""
        from langchain.tools import StructuredTool
        import mcp_helpers
        agent = mcp_helpers.Agent()

        @agent.tool
        def search(q): ...
        """) == []


def test_nonebot_matcher_handlers_are_real_time_and_other_handle_decorators_are_not():
    assert kinds("""
        from nonebot import on_command
        ask = on_command("ask")
        other = make_thing()

        @ask.handle()
        async def handle_ask(): ...

        @other.handle()
        async def not_a_matcher(): ...
        """) == [("real-time", "nonebot-matcher", ["name", "app.mod.handle_ask"], False)]


def test_bot_framework_activity_handlers_but_not_a_class_of_the_same_name():
    assert kinds("""
        from botbuilder.core import ActivityHandler
        class Bot(ActivityHandler):
            async def on_message_activity(self, turn_context): ...
            async def helper(self): ...
        """) == [("real-time", "botframework-bot", ["name", "app.mod.Bot.on_message_activity"], False)]
    assert kinds("""
        class ActivityHandler: ...
        class Bot(ActivityHandler):
            async def on_message_activity(self, turn_context): ...
        """) == []


def test_grpc_servicer_public_methods_are_real_time_only_for_pb2_grpc_bases():
    assert kinds("""
        import chat_pb2_grpc
        import mylib
        class Chat(chat_pb2_grpc.ChatServicer):
            def Ask(self, request, context): ...
            def _private(self): ...
        class NotGrpc(mylib.ChatServicer):
            def Ask(self, request, context): ...
        """) == [("real-time", "grpc-servicer", ["name", "app.mod.Chat.Ask"], False)]


def test_stdlib_http_server_and_litserve_handlers():
    assert kinds("""
        from http.server import BaseHTTPRequestHandler
        import litserve as ls
        class H(BaseHTTPRequestHandler):
            def do_POST(self): ...
            def log_message(self, *a): ...
        class Api(ls.LitAPI):
            def setup(self, device): ...
            def predict(self, x): ...
        """) == [("real-time", "http-server-handler", ["name", "app.mod.H.do_POST"], False),
                 ("real-time", "litserve-api", ["name", "app.mod.Api.predict"], False)]


def test_decorator_tables_pyramid_cherrypy_bentoml_blacksheep_ray_serve():
    found = kinds("""
        import bentoml, cherrypy
        from pyramid.view import view_config
        from blacksheep import post
        from ray import serve

        @view_config(route_name="chat")
        def chat(request): ...

        class Root:
            @cherrypy.expose
            def ask(self): ...

        @bentoml.service
        class Svc:
            @bentoml.api
            def summarize(self, text): ...

        @post("/chat")
        async def bs_chat(): ...

        @serve.deployment
        class Dep:
            async def __call__(self, request): ...
            def helper(self): ...
        """)
    assert [(t[1], t[2][1]) for t in found] == [
        ("pyramid-view", "app.mod.chat"), ("cherrypy-handler", "app.mod.Root.ask"),
        ("bentoml-api", "app.mod.Svc.summarize"), ("blacksheep-route", "app.mod.bs_chat"),
        ("ray-serve", "app.mod.Dep.__call__")]
    assert {t[0] for t in found} == {"real-time"}


def test_a_local_post_decorator_is_not_a_blacksheep_route():
    assert kinds("""
        from myapp.routing import post
        @post("/chat")
        async def chat(): ...
        """) == []


def test_slack_bolt_lazy_listeners_answer_the_user():
    assert kinds("""
        from slack_bolt import App
        from registry import Registry
        app = App()
        other = Registry()

        def ack_fn(body, ack): ...
        def work(respond, body): ...

        app.command("/ask")(ack=ack_fn, lazy=[work])
        other.command("/ask")(ack=ack_fn, lazy=[work])
        """) == [("real-time", "slack-bolt-lazy", ["name", "app.mod.ack_fn"], False),
                 ("real-time", "slack-bolt-lazy", ["name", "app.mod.work"], False)]


# ---- near-real-time events ---------------------------------------------------------------------
def test_watchdog_handler_methods_are_near_real_time():
    assert kinds("""
        from watchdog.events import FileSystemEventHandler
        class H(FileSystemEventHandler):
            def on_created(self, event): ...
            def helper(self): ...
        class Mine:
            def on_created(self, event): ...
        """) == [("near-real-time", "file-watcher", ["name", "app.mod.H.on_created"], False)]


def test_redis_pubsub_listen_loops_in_functions_and_at_top_level():
    assert kinds("""
        import redis
        r = redis.Redis()

        def listen():
            p = r.pubsub()
            for message in p.listen():
                handle(message)

        p = r.pubsub()
        for message in p.listen():
            handle(message)
        """) == [("near-real-time", "redis-pubsub", ["name", "app.mod.listen"], False),
                 ("near-real-time", "redis-pubsub", ["name", "app.mod.<module>"], False)]


def test_a_listen_loop_that_is_not_redis_pubsub_is_not_an_event():
    assert kinds("""
        import redis
        import socketlib
        server = socketlib.Server()
        for conn in server.listen():
            handle(conn)
        """) == []


def test_top_level_sqs_read_loop_is_near_real_time():
    assert kinds("""
        import boto3
        sqs = boto3.client("sqs")
        while True:
            for m in sqs.receive_message(QueueUrl="q").get("Messages", []):
                handle(m)
        """) == [("near-real-time", "sqs-consumer", ["name", "app.mod.<module>"], False)]


def test_worker_tasks_nothing_sends_are_weak_near_real_time():
    found = kinds("""
        import dramatiq
        from celery import shared_task
        from temporalio import activity

        @shared_task
        def a(): ...

        @dramatiq.actor
        def b(): ...

        @activity.defn
        async def c(): ...
        """)
    assert found == [("near-real-time", "worker-task", ["name", f"app.mod.{n}"], True) for n in "bc"]


def test_apscheduler_task_decorator_and_periodic_tasks_are_not_worker_tasks():
    assert kinds("""
        from flask_apscheduler import APScheduler
        from celery import Celery
        scheduler = APScheduler()
        app = Celery()

        @scheduler.task("cron", hour=2)
        def nightly(): ...

        @app.periodic_task(run_every=60)
        def minutely(): ...
        """) == []


def test_arq_worker_functions_and_taskiq_tasks():
    assert kinds("""
        from arq import func
        from taskiq_redis import ListQueueBroker
        broker = ListQueueBroker("redis://")

        async def summarize(ctx, text): ...
        async def enrich(ctx): ...

        @broker.task
        async def t(): ...

        class WorkerSettings:
            functions = [summarize, func(enrich, timeout=60)]
        """) == [("near-real-time", "worker-task", ["name", "app.mod.t"], True),
                 ("near-real-time", "arq-function", ["name", "app.mod.summarize"], True),
                 ("near-real-time", "arq-function", ["name", "app.mod.enrich"], True)]


# ---- end to end: call edges and classes --------------------------------------------------------
def test_typer_app_call_runs_its_commands_as_a_person_runs_the_script(tmp_path):
    sites = classes(tmp_path, {"cli.py": f"""
        import typer
        from openai import OpenAI
        client = OpenAI()
        app = typer.Typer()

        @app.command()
        def summarize(path: str):
            {CALL}

        if __name__ == "__main__":
            app()
        """})
    assert sites == {("cli.py", 8): "real-time"}


def test_click_group_call_runs_its_commands(tmp_path):
    sites = classes(tmp_path, {"cli.py": f"""
        import click
        from openai import OpenAI
        client = OpenAI()

        @click.group()
        def cli(): ...

        @cli.command()
        def summarize():
            {CALL}

        if __name__ == "__main__":
            cli()
        """})
    assert sites == {("cli.py", 10): "real-time"}


def test_luigi_run_from_a_crontab_makes_the_task_scheduled(tmp_path):
    sites = classes(tmp_path, {"digest.py": f"""
        import luigi
        from openai import OpenAI
        client = OpenAI()

        class Digest(luigi.Task):
            def run(self):
                {CALL}

        if __name__ == "__main__":
            luigi.run()
        """, "crontab": "0 7 * * * python digest.py Digest\n"})
    assert sites == {("digest.py", 7): "scheduled"}


def test_a_dramatiq_actor_nothing_sends_is_near_real_time_and_a_celery_task_stays_unknown(tmp_path):
    sites = classes(tmp_path, {"tasks.py": """
        import dramatiq
        from celery import shared_task
        from openai import OpenAI
        client = OpenAI()

        @dramatiq.actor
        def enrich():
            client.chat.completions.create(model="m", messages=[])

        @shared_task
        def other():
            client.chat.completions.create(model="m", messages=[])
        """})
    assert sites == {("tasks.py", 8): "near-real-time", ("tasks.py", 12): "unknown"}


# ---- OpenAPI (Connexion) -----------------------------------------------------------------------
SPEC = """
openapi: 3.0.0
info: {title: t, version: "1"}
paths:
  /chat:
    post:
      operationId: api.chat.post
    get:
      operationId: getChat
  /items:
    x-openapi-router-controller: api.items
    get:
      operationId: search
"""


def test_openapi_operations_name_real_time_functions_and_bare_ids_are_skipped():
    found: List[Trigger] = manifests.parse("openapi.yaml", SPEC)
    assert [(t.kind, t.source, t.target, t.line) for t in found] == [
        ("real-time", "openapi-operation", ["str", "api.chat.post"], 7),
        ("real-time", "openapi-operation", ["str", "api.items.search"], 13),
    ]


def test_connexion_operation_reaches_the_llm_call(tmp_path):
    sites = classes(tmp_path, {"openapi.yaml": SPEC, "api/__init__.py": "", "api/chat.py": f"""
        from openai import OpenAI
        client = OpenAI()
        def post(body):
            {CALL}
        """})
    assert sites == {("api/chat.py", 4): "real-time"}


# ---- Azure Functions v1 (function.json) --------------------------------------------------------
def test_azure_function_json_trigger_bindings_give_the_class(tmp_path):
    code = """
        from openai import OpenAI
        client = OpenAI()
        def main(x):
            client.chat.completions.create(model="m", messages=[])
        """
    binding = '{{"bindings": [{{"type": "{kind}", "direction": "in", "name": "x"{extra}}}]}}'
    sites = classes(tmp_path, {
        "Chat/__init__.py": code, "Chat/function.json": binding.format(kind="httpTrigger", extra=""),
        "Digest/__init__.py": code,
        "Digest/function.json": binding.format(kind="timerTrigger", extra=', "schedule": "0 0 7 * * *"'),
        "Enrich/__init__.py": code, "Enrich/function.json": binding.format(kind="queueTrigger", extra=""),
        "Helper/__init__.py": code,
    })
    assert sites == {("Chat/__init__.py", 4): "real-time", ("Digest/__init__.py", 4): "scheduled",
                     ("Enrich/__init__.py", 4): "near-real-time", ("Helper/__init__.py", 4): "unknown"}


def test_azure_function_json_schedule_in_words_and_output_bindings_ignored():
    from llm_latency_lint.catalog.sources import azure_functions

    found = azure_functions.parse("fn/Digest/function.json", (
        '{"scriptFile": "run.py", "entryPoint": "go", "bindings": ['
        '{"type": "blob", "direction": "out", "name": "o"},'
        '{"type": "timerTrigger", "direction": "in", "name": "t", "schedule": "0 30 6 * * 1"}]}'))
    assert [(t.kind, t.target, t.schedule) for t in found] == [
        ("scheduled", ["str", "fn.Digest.run.go"], "weekly Mon 06:30")]
    assert azure_functions.parse("x/function.json", '{"bindings": [{"type": "blob", "direction": "out"}]}') == []


def test_shiny_outputs_and_taipy_callbacks_are_real_time():
    assert [(t[0], t[1], t[2][1]) for t in triggers("""
        from shiny import reactive, render
        from taipy.gui import Gui

        def server(input, output, session):
            @render.text
            def answer(): ...

        def on_ask(state): ...
        def unrelated(state): ...

        page = "<|Ask|button|on_action=on_ask|>"
        """) if t[1] in ("shiny-render", "taipy-callback")] == [
        ("real-time", "shiny-render", "app.mod.server.answer"), ("real-time", "taipy-callback", "app.mod.on_ask")]


def test_taipy_names_in_a_file_without_taipy_are_not_callbacks():
    assert [t for t in triggers('def on_ask(state): ...\npage = "on_action=on_ask"\n') if t[1] == "taipy-callback"] == []


def test_marimo_app_run_runs_its_cells(tmp_path):
    sites = classes(tmp_path, {"nb.py": """
        import marimo
        app = marimo.App()

        @app.cell
        def _():
            from openai import OpenAI
            client = OpenAI()
            client.chat.completions.create(model="m", messages=[])
            return

        if __name__ == "__main__":
            app.run()
        """})
    assert sites == {("nb.py", 8): "real-time"}


def test_flask_cli_commands_are_entry_points_a_crontab_runs(tmp_path):
    from llm_latency_lint.catalog.command_lines import entry_keys

    assert entry_keys("cd /srv && flask --app app.main send-digest --dry-run") == ["flask:send-digest"]
    assert entry_keys("flask run --port 8000") == []
    assert [(t[0], t[1]) for t in triggers("""
        from flask import Flask
        import othercli
        app = Flask(__name__)
        tool = othercli.Tool()

        @app.cli.command()
        def send_digest(): ...

        @tool.cli.command()
        def other(): ...
        """) if t[1] == "flask-command"] == [("entry", "flask-command")]
    sites = classes(tmp_path, {"app.py": """
        from flask import Flask
        from openai import OpenAI
        client = OpenAI()
        app = Flask(__name__)

        @app.cli.command("digest")
        def digest():
            client.chat.completions.create(model="m", messages=[])
        """, "crontab": "0 7 * * * flask --app app digest\n"})
    assert sites == {("app.py", 8): "scheduled"}


def test_flask_command_name_is_positional_or_name_and_groups_prefix_it(tmp_path):
    """``help=`` is no command name (click then uses the function's); an ``AppGroup("report")``
    command runs as ``flask report weekly``, which a crontab line names with both words."""
    from llm_latency_lint.catalog.command_lines import entry_keys

    assert entry_keys("flask --app app report weekly --since 7d") == ["flask:report", "flask:report weekly"]
    assert entry_keys("flask --app app digest --since 7d extra") == ["flask:digest"]
    sites = classes(tmp_path, {"app.py": """
        from flask import Flask
        from flask.cli import AppGroup
        from openai import OpenAI
        client = OpenAI()
        app = Flask(__name__)
        report = AppGroup("report")
        app.cli.add_command(report)

        @app.cli.command(help="Send the nightly digest.")
        def send_digest():
            client.chat.completions.create(model="digest", messages=[])

        @report.command("weekly")
        def weekly():
            client.chat.completions.create(model="weekly", messages=[])

        @report.command(name="adhoc")
        def adhoc():
            client.chat.completions.create(model="adhoc", messages=[])
        """, "crontab": "0 7 * * * flask --app app send-digest\n0 8 * * 1 flask --app app report weekly\n"})
    assert sites == {("app.py", 11): "scheduled", ("app.py", 15): "scheduled", ("app.py", 19): "real-time"}


# ---- Railway, prefect.yaml ---------------------------------------------------------------------
def test_railway_cron_schedule_runs_the_start_command():
    from llm_latency_lint.catalog.sources import railway

    found = railway.parse("svc/railway.toml", '[deploy]\nstartCommand = "python digest.py"\ncronSchedule = "0 7 * * *"\n')
    assert [(t.kind, t.target, t.schedule, t.line) for t in found] == [
        ("scheduled", ["entry", "script:svc/digest.py"], "daily 07:00", 3)]
    assert railway.parse("railway.json", '{"deploy": {"startCommand": "python web.py"}}') == []


def test_prefect_yaml_scheduled_deployments_and_inactive_or_unscheduled_ones():
    found = manifests.parse("prefect.yaml", """
deployments:
  - name: a
    entrypoint: flows/digest.py:run_digest
    schedules:
      - cron: "0 7 * * *"
      - interval: 3600
        active: false
  - name: b
    entrypoint: flows/other.py:manual
""")
    assert [(t.kind, t.source, t.target, t.schedule, t.weak) for t in found] == [
        ("scheduled", "prefect-yaml", ["str", "flows.digest.run_digest"], "daily 07:00", False),
        ("near-real-time", "prefect-yaml", ["str", "flows.other.manual"], None, True)]  # submitted by hand


def test_prefect_deployment_files_other_than_prefect_yaml():
    # one ``deployment:`` mapping in a file of its own: the entrypoint is the project's path
    single = manifests.parse("deploy/summary.yaml", "deployment:\n  name: s\n"
                             "  entrypoint: flows/summary.py:summarize\n  work_pool:\n    name: p\n")
    assert [(t.kind, t.target, t.weak, t.line) for t in single] == [
        ("near-real-time", ["str", "flows.summary.summarize"], True, 3)]
    # a Prefect 2 ``deployment build`` file with its schedule
    built = manifests.parse("digest-deployment.yaml", "name: d\nflow_name: digest\n"
                            "entrypoint: pipelines/digest.py:digest\nwork_queue_name: default\n"
                            "schedule:\n  cron: 30 6 * * *\n")
    assert [(t.kind, t.target, t.schedule) for t in built] == [
        ("scheduled", ["str", "pipelines.digest.digest"], "daily 06:30")]
    # a prefect.yaml in a sub-project: relative to its folder
    nested = manifests.parse("svc/prefect.yaml", "deployments:\n  - name: a\n    entrypoint: f.py:run\n")
    assert [t.target for t in nested] == [["str", "svc.f.run"]]
    # an ``entrypoint`` alone (a container spec, another tool's config) is no Prefect deployment
    assert manifests.parse("tool.yaml", "entrypoint: main.py:run\nname: x\n") == []


def test_prefect_yaml_deployment_reaches_the_flow(tmp_path):
    sites = classes(tmp_path, {
        "prefect.yaml": "deployments:\n  - name: a\n    entrypoint: flows/news.py:summarize\n"
                        "    schedules:\n      - interval: 3600\n",
        "flows/news.py": """
            from openai import OpenAI
            from prefect import flow
            client = OpenAI()

            @flow
            def summarize():
                client.chat.completions.create(model="m", messages=[])
            """})
    assert sites == {("flows/news.py", 7): "scheduled"}


def test_an_unscheduled_prefect_deployment_is_near_real_time_and_a_schedule_wins(tmp_path):
    flow = """
        from openai import OpenAI
        from prefect import flow
        client = OpenAI()

        @flow
        def summarize():
            client.chat.completions.create(model="m", messages=[])
        """
    by_hand = classes(tmp_path / "a", {
        "deployments/news.yaml": "deployment:\n  name: a\n  entrypoint: flows/news.py:summarize\n",
        "flows/news.py": flow})
    assert by_hand == {("flows/news.py", 7): "near-real-time"}
    both = classes(tmp_path / "b", {
        "deployments/news.yaml": "deployment:\n  name: a\n  entrypoint: flows/news.py:summarize\n",
        "prefect.yaml": "deployments:\n  - name: b\n    entrypoint: flows/news.py:summarize\n"
                        "    schedules:\n      - cron: '0 7 * * *'\n",
        "flows/news.py": flow})
    assert both == {("flows/news.py", 7): "scheduled"}


# ---- Django Q ----------------------------------------------------------------------------------
def test_django_q_schedules_name_their_function_with_words():
    found = [t for t in extract(dedent("""
        from django_q.models import Schedule
        from django_q.tasks import schedule
        Schedule.objects.create(func="reports.tasks.news", schedule_type=Schedule.DAILY)
        schedule("reports.tasks.poll", schedule_type=Schedule.MINUTES, minutes=15)
        Schedule.objects.update_or_create(name="x", defaults={"func": "reports.tasks.cron", "schedule_type": "C",
                                                              "cron": "0 7 * * 1"})
        Schedule.objects.create(func="reports.tasks.later", schedule_type=Schedule.ONCE)
        """), "app/mod.py", "app.mod").triggers if t.source == "django-q-schedule"]
    assert [(t.kind, t.target, t.schedule) for t in found] == [
        ("scheduled", ["str", "reports.tasks.news"], "daily"),
        ("scheduled", ["str", "reports.tasks.poll"], "every 15 minutes"),
        ("scheduled", ["str", "reports.tasks.cron"], "weekly Mon 07:00"),
        ("near-real-time", ["str", "reports.tasks.later"], None),
    ]


def test_a_schedule_model_of_another_app_is_not_django_q():
    assert [t for t in triggers("""
        from myapp.models import Schedule
        Schedule.objects.create(func="reports.tasks.news", schedule_type=Schedule.DAILY)
        """) if t[1] == "django-q-schedule"] == []


def test_django_q_async_task_from_a_view_is_near_real_time(tmp_path):
    sites = classes(tmp_path, {"reports/__init__.py": "", "reports/tasks.py": """
        from openai import OpenAI
        client = OpenAI()

        def enrich(doc_id):
            client.chat.completions.create(model="m", messages=[])
        """, "reports/views.py": """
        from django_q.tasks import async_task

        def submit(request):
            async_task("reports.tasks.enrich", request.POST["id"])
        """, "reports/urls.py": """
        from django.urls import path
        from reports import views
        urlpatterns = [path("submit/", views.submit)]
        """})
    assert sites == {("reports/tasks.py", 5): "near-real-time"}


# ---- messengers, Rasa, Litestar websockets, Lambda URLs, container tasks -----------------------
def test_line_itchat_litestar_and_rasa_handlers_are_real_time():
    found = triggers("""
        import itchat
        from linebot.v3 import WebhookHandler
        from litestar import websocket_listener
        from rasa_sdk import Action
        handler = WebhookHandler("secret")
        events = EventBus()

        @handler.add(MessageEvent)
        def on_line(event): ...

        @events.add(MessageEvent)
        def not_line(event): ...

        @itchat.msg_register("Text")
        def on_wechat(msg): ...

        @websocket_listener("/ws")
        async def on_ws(data): ...

        class Answer(Action):
            def name(self): ...
            def run(self, dispatcher, tracker, domain): ...
        """)
    assert [(t[0], t[1], t[2][1]) for t in found] == [
        ("real-time", "line-bot", "app.mod.on_line"), ("real-time", "itchat-handler", "app.mod.on_wechat"),
        ("real-time", "litestar-websocket", "app.mod.on_ws"), ("real-time", "rasa-action", "app.mod.Answer.run")]


def test_an_own_action_class_is_not_a_rasa_action():
    assert [t for t in triggers("""
        class Action: ...
        class Answer(Action):
            def run(self): ...
        """) if t[1] == "rasa-action"] == []


def test_serverless_function_url_is_real_time():
    found = manifests.parse("serverless.yml", """
service: s
provider: {name: aws}
functions:
  chat:
    handler: handler.answer
    url: true
  batch:
    handler: handler.batch
""")
    assert [(t.kind, t.target) for t in found] == [("real-time", ["str", "handler.answer"])]


def test_kubernetes_pod_operator_command_runs_its_script(tmp_path):
    sites = classes(tmp_path, {"dags/news.py": """
        import pendulum
        from airflow import DAG
        from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator

        with DAG(dag_id="news", schedule="@daily", start_date=pendulum.datetime(2024, 1, 1)):
            KubernetesPodOperator(task_id="t", image="x", cmds=["python"], arguments=["jobs/run.py"])
        """, "jobs/run.py": """
        from openai import OpenAI
        client = OpenAI()
        if __name__ == "__main__":
            client.chat.completions.create(model="m", messages=[])
        """})
    assert sites == {("jobs/run.py", 4): "scheduled"}


def test_container_command_list_keeps_a_shell_script_as_one_word(tmp_path):
    """``cmds=["bash", "-c"], arguments=["python jobs/run.py --since 1d"]``: the list items are
    argv words, so the script after ``-c`` stays one shell line, not the bare word ``python``."""
    sites = classes(tmp_path, {"dags/news.py": """
        import pendulum
        from airflow import DAG
        from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator

        with DAG(dag_id="news", schedule="@daily", start_date=pendulum.datetime(2024, 1, 1)):
            KubernetesPodOperator(task_id="t", image="x", cmds=["bash", "-c"],
                                  arguments=["python jobs/run.py --since 1d"])
        """, "jobs/run.py": """
        from openai import OpenAI
        client = OpenAI()
        if __name__ == "__main__":
            client.chat.completions.create(model="m", messages=[])
        """})
    assert sites == {("jobs/run.py", 4): "scheduled"}


def test_names_bound_to_each_other_end_the_pubsub_search(tmp_path):
    """``p = q; q = p`` at module level: the recogniser stops instead of recursing without end, and
    the file's call site is still found."""
    from support.scan import scan

    result = scan(tmp_path, """
        import redis  # pubsub
        from openai import OpenAI

        client = OpenAI()
        p = q
        q = p
        for m in p.listen():
            client.chat.completions.create(model="m", messages=[])
    """)
    assert [s.resolved.site.line for s in result.sites] == [9]
    assert not result.errors
