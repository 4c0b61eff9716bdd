"""Real-time, near-real-time and weak-evidence trigger recognisers, on small inline sources."""
from __future__ import annotations

from pathlib import Path
from textwrap import dedent
from typing import Dict, List, Optional, Tuple

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.facts.visitor import extract
from llm_latency_lint.model import Trigger

MAIN_SCRIPT = "main-script"


def triggers(
    text: str, path: str = "app/mod.py", module: str = "app.mod", source: Optional[str] = None
) -> List[Trigger]:
    found = [t for t in extract(dedent(text), path, module).triggers if t.source != MAIN_SCRIPT]
    return [t for t in found if source is None or t.source == source]


def one(text: str, **kw) -> Trigger:
    found = triggers(text, **kw)
    assert len(found) == 1, [(t.source, t.target, t.note) for t in found]
    return found[0]


def summary(found: List[Trigger]) -> List[Tuple[str, str, object, str]]:
    return [(t.kind, t.source, t.target, t.note) for t in found]


def targets(found: List[Trigger]) -> List[str]:
    return [t.target[1] for t in found]


# ---- web routes ----------------------------------------------------------------------------
def test_fastapi_route_decorators_give_method_path_and_function():
    found = triggers(
        """
        from fastapi import FastAPI, APIRouter
        app = FastAPI()
        router = APIRouter()

        @app.get("/summaries/{id}")
        def get_summary(id: int): ...

        @router.api_route("/items", methods=["POST", "PUT"])
        async def items(): ...

        @app.websocket("/ws")
        async def chat(ws): ...
        """
    )
    assert summary(found) == [
        ("real-time", "fastapi-route", ["name", "app.mod.get_summary"], "FastAPI route GET /summaries/{id}"),
        ("real-time", "fastapi-route", ["name", "app.mod.items"], "FastAPI route POST,PUT /items"),
        ("real-time", "fastapi-route", ["name", "app.mod.chat"], "FastAPI websocket /ws"),
    ]
    assert [t.line for t in found] == [6, 9, 12]


def test_webhook_path_is_near_real_time():
    t = one(
        """
        from fastapi import APIRouter
        router = APIRouter()

        @router.post("/webhooks/stripe")
        async def stripe_events(): ...
        """
    )
    assert (t.kind, t.source, t.target) == ("near-real-time", "webhook", ["name", "app.mod.stripe_events"])
    assert t.note.startswith("FastAPI webhook route POST /webhooks/stripe")


def test_flask_blueprint_route_and_app_factory_route():
    found = triggers(
        """
        from flask import Blueprint, Flask
        bp = Blueprint("items", __name__)

        @bp.route("/items", methods=["POST"])
        def create_item(): ...

        def create_app():
            app = Flask(__name__)

            @app.route("/health")
            def health(): ...
            return app
        """
    )
    assert summary(found) == [
        ("real-time", "flask-route", ["name", "app.mod.create_item"], "Flask route POST /items"),
        ("real-time", "flask-route", ["name", "app.mod.create_app.health"], "Flask route GET /health"),
    ]


def test_registration_calls_name_their_handlers():
    found = triggers(
        """
        from fastapi import FastAPI
        from starlette.routing import Route, WebSocketRoute
        from .handlers import later, socket

        app = FastAPI()
        app.add_api_route("/later", later, methods=["DELETE"])
        routes = [Route("/r", endpoint=later), WebSocketRoute("/live", socket)]
        """
    )
    assert summary(found) == [
        ("real-time", "fastapi-route", ["name", "app.handlers.later"], "FastAPI route DELETE /later -> later"),
        ("real-time", "starlette-route", ["name", "app.handlers.later"], "Starlette route GET /r -> later"),
        ("real-time", "starlette-route", ["name", "app.handlers.socket"], "Starlette websocket /live -> socket"),
    ]


def test_flask_method_view_as_view_targets_each_verb_method():
    found = triggers(
        """
        from flask import Flask
        from flask.views import MethodView

        class ItemAPI(MethodView):
            def get(self): ...
            def post(self): ...
            def _helper(self): ...

        app = Flask(__name__)
        app.add_url_rule("/items", view_func=ItemAPI.as_view("items"))
        """
    )
    # The class definition itself is evidence for its verb methods...
    assert summary(found[:2]) == [
        ("real-time", "flask-view", ["name", "app.mod.ItemAPI.get"], "Flask MethodView ItemAPI.get"),
        ("real-time", "flask-view", ["name", "app.mod.ItemAPI.post"], "Flask MethodView ItemAPI.post"),
    ]
    # ...and the registration names every verb (the graph keeps those that resolve).
    routed = [t for t in found if t.source == "flask-route"]
    assert targets(routed)[:2] == ["app.mod.ItemAPI.get", "app.mod.ItemAPI.post"]
    assert routed[1].note == "Flask route GET /items -> ItemAPI.post"
    assert "app.mod.ItemAPI._helper" not in targets(found)


def test_aiohttp_litestar_and_falcon_shapes():
    aio = triggers(
        """
        from aiohttp import web
        routes = web.RouteTableDef()

        @routes.post("/ask")
        async def ask(request): ...

        async def hello(request): ...
        app = web.Application()
        app.router.add_get("/hello", hello)
        """
    )
    assert [(t.source, t.target[1], t.note) for t in aio] == [
        ("aiohttp-route", "app.mod.ask", "aiohttp route POST /ask"),
        ("aiohttp-route", "app.mod.hello", "aiohttp route GET /hello -> hello"),
    ]
    lite = one(
        """
        from litestar import get

        @get("/books/{book_id:int}")
        async def get_book(book_id: int): ...
        """
    )
    assert (lite.source, lite.target, lite.note) == (
        "litestar-route", ["name", "app.mod.get_book"], "Litestar route GET /books/{book_id:int}")
    falcon = triggers(
        """
        import falcon
        from .resources import Things
        app = falcon.App()
        app.add_route("/things", Things(db))
        """
    )
    assert targets(falcon)[:2] == ["app.resources.Things.on_get", "app.resources.Things.on_post"]


def test_route_shape_alone_counts_when_the_app_lives_elsewhere():
    t = one(
        """
        from . import bp

        @bp.route("/dashboard")
        def dashboard(): ...
        """
    )
    assert (t.kind, t.source, t.note) == ("real-time", "web-route", "HTTP route /dashboard")


def test_not_routes():
    assert triggers(
        """
        import requests

        def fetch():
            return requests.get("/x")
        """
    ) == []
    # an object of another module: only a candidate, which the project stage keeps if a web
    # framework built ``cache`` (tests/project/test_registered_listeners.py)
    assert [(t.receiver, t.receiver_roots[:2]) for t in triggers(
        """
        from .cache import cache

        @cache.get("/x")
        def cached(): ...
        """
    )] == [(["name", "app.cache.cache"], ["aiohttp", "aws_lambda_powertools.event_handler"])]
    assert [(t.kind, t.source) for t in triggers(
        """
        from fastapi import FastAPI
        app = FastAPI()

        @app.middleware("http")
        async def timing(request, call_next): ...

        @app.on_event("startup")
        async def boot(): ...
        """
    )] == [("near-real-time", "startup-hook")]  # not a route: start-up work (``startup_hooks.py``)


# ---- Django ----------------------------------------------------------------------------------
URLS = """
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from rest_framework.routers import DefaultRouter
from . import views
from .views import SummaryView

router = DefaultRouter()
router.register(r"items", views.ItemViewSet, basename="item")
urlpatterns = [
    path("summaries/<int:pk>/", views.summary, name="summary"),
    re_path(r"^hooks/stripe/$", csrf_exempt(views.stripe)),
    path("cbv/", SummaryView.as_view()),
    path("vs/", views.ItemViewSet.as_view({"get": "list", "post": "create"})),
    path("api/", include(router.urls)),
    path("admin/", admin.site.urls),
]
"""


def test_django_urlconf_function_views_webhooks_and_class_views():
    found = triggers(URLS, path="shop/urls.py", module="shop.urls")
    url = [t for t in found if t.source in ("django-url", "webhook")]
    assert summary(url[:2]) == [
        ("real-time", "django-url", ["name", "shop.views.summary"],
         "Django URL 'summaries/<int:pk>/' -> views.summary"),
        ("near-real-time", "webhook", ["name", "shop.views.stripe"],
         "Django webhook URL '^hooks/stripe/$' (called by a machine, nobody waits on a screen) -> views.stripe"),
    ]
    cbv = [t.target[1] for t in url if t.line == 14]
    assert {"shop.views.SummaryView.get", "shop.views.SummaryView.post", "shop.views.SummaryView.form_valid",
            "shop.views.SummaryView.get_context_data"} <= set(cbv)
    mapped = [t.target[1] for t in url if t.line == 15]
    assert mapped == ["shop.views.ItemViewSet.list", "shop.views.ItemViewSet.create"]
    assert not [t for t in url if t.line in (16, 17)]  # include() and admin.site.urls


def test_drf_router_register_targets_viewset_actions():
    found = triggers(URLS, path="shop/urls.py", module="shop.urls", source="drf-router")
    assert {"shop.views.ItemViewSet.list", "shop.views.ItemViewSet.retrieve",
            "shop.views.ItemViewSet.perform_create"} <= set(targets(found))
    assert found[0].note == "DRF router prefix 'items' -> views.ItemViewSet.list"
    assert triggers("import atexit\natexit.register(print)\n") == []


VIEWS = """
from django.shortcuts import render
from django.views.generic import TemplateView
from django.views.decorators.http import require_POST
from rest_framework import viewsets
from rest_framework.decorators import action, api_view
from .base import ProjectView

def summary(request, pk):
    return render(request, "x.html")

def helper(text):
    return text

@require_POST
def stripe_webhook(request): ...

@api_view(["GET", "POST"])
def api(request): ...

class SummaryView(TemplateView):
    def get_context_data(self, **kw): ...
    def helper(self): ...

class Child(SummaryView):
    def post(self, request): ...

class ItemViewSet(viewsets.ModelViewSet):
    def list(self, request): ...
    @action(detail=True, methods=["post"])
    def summarize(self, request, pk=None): ...
    def _private(self): ...

class Other(ProjectView):
    def get(self, request): ...
"""


def test_django_view_definitions():
    found = triggers(VIEWS, path="shop/views.py", module="shop.views")
    assert summary(found) == [
        ("real-time", "django-view", ["name", "shop.views.summary"], "Django view summary(request) in shop/views.py"),
        ("near-real-time", "webhook", ["name", "shop.views.stripe_webhook"],
         "Django webhook view stripe_webhook(request) POST (called by a machine, nobody waits on a screen)"),
        ("real-time", "drf-api-view", ["name", "shop.views.api"], "DRF api_view GET,POST"),
        ("real-time", "django-view", ["name", "shop.views.SummaryView.get_context_data"],
         "Django class-based view SummaryView.get_context_data"),
        ("real-time", "django-view", ["name", "shop.views.Child.post"], "Django class-based view Child.post"),
        ("real-time", "drf-viewset", ["name", "shop.views.ItemViewSet.list"], "DRF ViewSet ItemViewSet.list"),
        ("real-time", "drf-viewset", ["name", "shop.views.ItemViewSet.summarize"], "DRF ViewSet ItemViewSet.summarize"),
        ("real-time", "django-view", ["name", "shop.views.Other.get"], "Django class-based view Other.get"),
    ]


def test_request_functions_outside_views_modules_are_not_views():
    assert triggers("def handle(request):\n    return 1\n", path="shop/utils.py", module="shop.utils") == []


# ---- UI apps --------------------------------------------------------------------------------
def test_gradio_interfaces_and_event_listeners():
    found = triggers(
        """
        import gradio as gr
        from concurrent.futures import ThreadPoolExecutor
        from .llm import answer, summarize

        def respond(msg, history):
            return answer(msg)

        demo = gr.ChatInterface(respond)
        iface = gr.Interface(fn=lambda t: summarize(t), inputs="text", outputs="text")
        with gr.Blocks() as blocks:
            box = gr.Textbox()
            btn = gr.Button("Go")
            btn.click(summarize, inputs=box, outputs=box).then(answer, None, None)

            @btn.click(inputs=box, outputs=box)
            def on_go(text):
                return answer(text)

        def work():
            pool = ThreadPoolExecutor()
            pool.submit(summarize, "x")
        """,
        source="gradio",
    )
    assert [(t.kind, t.target[1], t.note) for t in found] == [
        ("real-time", "app.mod.respond", "Gradio ChatInterface -> respond"),
        ("real-time", "app.llm.summarize", "Gradio Interface -> lambda t: summarize(t)"),
        ("real-time", "app.llm.answer", "Gradio event btn.click(...).then -> answer"),
        ("real-time", "app.llm.summarize", "Gradio event btn.click -> summarize"),
        ("real-time", "app.mod.on_go", "Gradio event @btn.click -> on_go"),
    ]


def test_event_methods_outside_gradio_files_are_not_ui():
    assert triggers("from .ui import btn, go\nbtn.click(go)\nform.submit(go)\n") == []


def test_streamlit_script_module_code_is_real_time():
    found = triggers(
        """
        import streamlit as st
        from .llm import answer

        st.write(answer(st.text_input("q")))
        if __name__ == "__main__":
            answer("x")
        """,
        path="app/page.py",
        module="app.page",
    )
    assert [(t.kind, t.source, t.target) for t in found] == [
        ("real-time", "streamlit", ["name", "app.page.<module>"]),
        ("real-time", "streamlit", ["name", "app.page.__main__"]),
    ]
    assert found[0].note == "Streamlit script app/page.py: reruns on every user interaction"


def test_chainlit_dash_and_nicegui_handlers():
    found = triggers(
        """
        import chainlit as cl
        from dash import Dash, Input, Output
        from nicegui import ui

        @cl.on_message
        async def main(message: cl.Message): ...

        app = Dash(__name__)

        @app.callback(Output("out", "children"), Input("in", "value"))
        def update(value): ...

        @ui.page("/chat")
        def chat_page(): ...
        """
    )
    assert summary(found) == [
        ("real-time", "chainlit", ["name", "app.mod.main"], "Chainlit @cl.on_message -> main"),
        ("real-time", "dash-callback", ["name", "app.mod.update"], "Dash callback -> update"),
        ("real-time", "nicegui", ["name", "app.mod.chat_page"], "NiceGUI page /chat -> chat_page"),
    ]


# ---- interactive CLI ------------------------------------------------------------------------
def test_prompt_inside_while_loop_is_an_interactive_session():
    found = triggers(
        """
        from prompt_toolkit import PromptSession
        from .llm import answer

        def chat():
            while True:
                q = input("> ")
                print(answer(q))
                input("more? ")

        def session_loop():
            session = PromptSession()
            while True:
                print(answer(session.prompt("> ")))
        """
    )
    assert summary(found) == [
        ("real-time", "interactive-cli", ["name", "app.mod.chat"],
         "interactive loop: input() inside a while loop in chat (a person is typing)"),
        ("real-time", "interactive-cli", ["name", "app.mod.session_loop"],
         "interactive loop: PromptSession.prompt() inside a while loop in session_loop (a person is typing)"),
    ]


def test_prompts_that_are_not_interactive_loops():
    assert triggers(
        """
        from .llm import answer

        def confirm_then_run(items):
            if input("Run batch? ") != "y":
                return
            for item in items:
                answer(item)

        def shadowed(input):
            while True:
                input("x")

        def outer():
            while True:
                def ask():
                    return input("> ")
        """
    ) == []


def test_textual_app_handlers():
    found = triggers(
        """
        from textual import on
        from textual.app import App

        class Chat(App):
            def on_input_submitted(self, event): ...
            def compose(self): ...
            @on(Button.Pressed, "#go")
            def go(self): ...
        """
    )
    assert [(t.source, t.target[1]) for t in found] == [
        ("textual", "app.mod.Chat.on_input_submitted"), ("textual", "app.mod.Chat.go")]


# ---- events ---------------------------------------------------------------------------------
def test_django_signals():
    found = triggers(
        """
        from django.db.models.signals import post_save
        from django.dispatch import receiver
        from .models import Order

        @receiver(post_save, sender=Order)
        def on_order_saved(sender, instance, **kw): ...

        def on_change(sender, **kw): ...
        post_save.connect(on_change, sender=Order)

        def open_db(engine):
            return engine.connect()
        """
    )
    events = [t for t in found if t.kind != "entry"]
    assert summary(events) == [
        ("near-real-time", "django-signal", ["name", "app.mod.on_order_saved"],
         "Django signal post_save (sender=Order) -> on_order_saved"),
        ("near-real-time", "django-signal", ["name", "app.mod.on_change"],
         "Django signal post_save (sender=Order) -> on_change"),
    ]
    assert all(t.weak for t in events)  # the saves of Order say who waits (``django_saves.py``)
    assert [(t.entry_key, t.target[1]) for t in found if t.kind == "entry"] == [
        ("model-saved:app.models.Order", "app.mod.on_order_saved"), ("model-saved:app.models.Order", "app.mod.on_change")]


def test_kafka_and_sqs_consumer_loops():
    found = triggers(
        """
        import boto3
        from kafka import KafkaConsumer
        from confluent_kafka import Consumer

        def consume():
            consumer = KafkaConsumer("orders", bootstrap_servers="x")
            for msg in consumer:
                handle(msg)

        class Worker:
            def __init__(self):
                self.c = Consumer({"group.id": "g"})

            def run(self):
                self.c.subscribe(["a", "b"])
                while True:
                    msg = self.c.poll(1.0)

        def drain():
            sqs = boto3.client("sqs")
            while True:
                sqs.receive_message(QueueUrl="https://sqs/q")

        def peek():
            boto3.client("sqs").receive_message(QueueUrl="https://sqs/q")
        """
    )
    built = [(t.entry_key, t.target) for t in found if t.source == "kafka-consumer-built"]
    assert built == [("kafka-topic:orders", ["name", "app.mod.consume"]),
                     ("kafka-topic:a", ["name", "app.mod.Worker.run"]), ("kafka-topic:b", ["name", "app.mod.Worker.run"])]
    assert summary([t for t in found if t.source != "kafka-consumer-built"]) == [
        ("near-real-time", "kafka-consumer", ["name", "app.mod.consume"],
         "Kafka consumer loop over topic 'orders' in consume"),
        ("near-real-time", "kafka-consumer", ["name", "app.mod.Worker.run"],
         "Kafka consumer poll loop over topics 'a', 'b' in run"),
        ("near-real-time", "sqs-consumer", ["name", "app.mod.drain"],
         "SQS receive_message loop over queue 'https://sqs/q' in drain"),
    ]


def test_subscriber_callbacks_and_event_decorators():
    found = triggers(
        """
        import faust
        from faststream.kafka import KafkaBroker
        from google.cloud import pubsub_v1

        def cb(message): ...
        subscriber = pubsub_v1.SubscriberClient()
        subscriber.subscribe("projects/p/subscriptions/s", callback=cb)

        def on_msg(ch, method, props, body): ...
        def setup(channel):
            channel.basic_consume(queue="jobs", on_message_callback=on_msg)

        app = faust.App("x")
        topic = app.topic("orders")

        @app.agent(topic)
        async def process(stream): ...

        @app.timer(interval=60.0)
        async def tick(): ...

        broker = KafkaBroker()

        @broker.subscriber("in-topic")
        async def handle(msg): ...
        """
    )
    assert [(t.kind, t.source, t.target[1], t.note, t.schedule) for t in found] == [
        ("near-real-time", "pubsub-subscriber", "app.mod.cb",
         "Pub/Sub subscription 'projects/p/subscriptions/s' callback -> cb", None),
        ("near-real-time", "rabbitmq-consumer", "app.mod.on_msg",
         "RabbitMQ basic_consume 'jobs' callback -> on_msg", None),
        ("near-real-time", "faust-agent", "app.mod.process", "Faust agent 'orders' -> process", None),
        ("scheduled", "faust-timer", "app.mod.tick", "Faust timer every minute -> tick", "every minute"),
        ("near-real-time", "faststream-subscriber", "app.mod.handle",
         "FastStream subscriber 'in-topic' -> handle", None),
    ]


def test_dramatiq_send_is_a_queue_edge_only_for_function_names():
    facts = extract(
        dedent(
            """
            from .tasks import summarize_actor
            from .mail import Mailer

            def enqueue(sock):
                summarize_actor.send(1)
                Mailer.send("x")
                sock.send(b"x")
            """
        ),
        "app/mod.py",
        "app.mod",
    )
    queued = [(c.expr, c.note) for c in facts.functions["app.mod.enqueue"].calls if c.kind == "queue"]
    assert queued == [(["name", "app.tasks.summarize_actor"], ".send()")]


# ---- naming ----------------------------------------------------------------------------------
def test_job_names_and_docstrings_are_weak_scheduled_evidence():
    found = triggers(
        '''
        def nightly_summary(): ...
        def send_weekly_report(): ...
        def backfill_embeddings(): ...

        def refresh():
            """Runs every night via cron."""

        def night_light(): ...
        def daily_limit(user): ...
        def sha256_digest(data): ...
        def get_weekly_stats(): ...
        '''
    )
    assert [(t.kind, t.source, t.weak, t.target[1], t.note, t.schedule) for t in found] == [
        ("scheduled", "naming", True, "app.mod.nightly_summary",
         "name 'nightly_summary' suggests a nightly job", "daily"),
        ("scheduled", "naming", True, "app.mod.send_weekly_report",
         "name 'send_weekly_report' suggests a weekly report", "weekly"),
        ("scheduled", "naming", True, "app.mod.backfill_embeddings",
         "name 'backfill_embeddings' suggests a backfill job (offline batch)", None),
        ("scheduled", "naming", True, "app.mod.refresh", "docstring of refresh says 'every night'", "daily"),
    ]


def test_script_file_name_is_weak_evidence_for_its_main_block():
    t = one(
        "from app.llm import answer\n\nif __name__ == '__main__':\n    answer('x')\n",
        path="scripts/nightly_report.py",
        module="scripts.nightly_report",
    )
    assert (t.target, t.weak, t.schedule, t.note) == (
        ["name", "scripts.nightly_report.__main__"], True, "daily",
        "file name 'nightly_report.py' suggests a nightly job",
    )


# ---- end to end ------------------------------------------------------------------------------
def _project(tmp_path: Path, files: Dict[str, str]):
    for name, text in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dedent(text), encoding="utf-8")
    result = run([tmp_path], Config(), root=tmp_path)
    return {(s.resolved.facts.path, s.resolved.site.line): (s.latency_class, [e.note for e in s.evidence])
            for s in result.sites}


LLM = """
from openai import OpenAI
client = OpenAI()

def ask(text):
    return client.chat.completions.create(model="m", messages=[])
"""


def test_django_class_view_routed_from_urls_reaches_inherited_method(tmp_path):
    sites = _project(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/llm.py": LLM,
            "shop/base.py": (
                "from .llm import ask\n\nclass AskMixin:\n"
                "    def get(self, request):\n        return ask('x')\n"
            ),
            "shop/pages.py": "from .base import AskMixin\n\nclass AskPage(AskMixin):\n    pass\n",
            "shop/urls.py": "from django.urls import path\nfrom .pages import AskPage\n\n"
                            "urlpatterns = [path('ask/', AskPage.as_view())]\n",
        },
    )
    cls, notes = sites[("shop/llm.py", 6)]
    assert cls == "real-time"
    assert notes[0] == "Django URL 'ask/' -> AskPage.get"


def test_interactive_loop_and_signal_classify_end_to_end(tmp_path):
    sites = _project(
        tmp_path,
        {
            "bot/__init__.py": "",
            "bot/llm.py": LLM + "\ndef tag(text):\n    return client.chat.completions.create(model='m', messages=[])\n",
            "bot/cli.py": "from .llm import ask\n\ndef main():\n    while True:\n        print(ask(input('> ')))\n",
            "bot/signals.py": (
                "from django.db.models.signals import post_save\nfrom django.dispatch import receiver\n"
                "from .llm import tag\n\n@receiver(post_save)\n"
                "def on_save(sender, instance, **kw):\n    tag(instance)\n"
            ),
            # a receiver outside the modules Django loads itself is connected where it is imported
            "bot/apps.py": ("from django.apps import AppConfig\n\n\nclass BotConfig(AppConfig):\n    name = 'bot'\n\n"
                            "    def ready(self):\n        from . import signals  # noqa: F401\n"),
        },
    )
    assert sites[("bot/llm.py", 6)][0] == "real-time"
    assert sites[("bot/llm.py", 9)][0] == "near-real-time"
    assert sites[("bot/llm.py", 9)][1][0] == "Django signal post_save -> on_save"


def test_same_named_functions_keep_their_own_routes_and_calls(tmp_path):
    """Two ``async def root()`` routes in one module: each keeps its decorator, route and LLM call;
    the redefinition replaces the name only for what comes after it."""
    api = dedent('''\
        from fastapi import FastAPI
        from openai import AsyncOpenAI

        app = FastAPI()
        client = AsyncOpenAI()


        @app.get("/validate-access-token")
        async def root(token: str):
            return {"ok": bool(token)}


        @app.get("/validate-open-ai-key/{key}")
        async def root(key: str):
            return await client.models.list()


        def nightly():  # llm-latency: scheduled
            return root
    ''')
    tasks = "from api import root\n\n\nasync def weekly():  # llm-latency: scheduled\n    await root('k')\n"
    (tmp_path / "api.py").write_text(api)
    (tmp_path / "tasks.py").write_text(tasks)
    (tmp_path / "llm.py").write_text(dedent('''\
        from fastapi import FastAPI
        from openai import OpenAI

        app = FastAPI()
        client = OpenAI()


        @app.get("/first")
        def root():
            return {"ok": True}


        @app.get("/second")
        def root():
            return client.chat.completions.create(model="m", messages=[])
    '''))
    facts = extract(api, "api.py", "api")
    assert sorted(facts.functions) == ["api.<module>", "api.nightly", "api.root", "api.root@9"]
    assert facts.functions["api.root@9"].decorators == facts.functions["api.root"].decorators == ["api.app.get"]
    result = run([tmp_path], Config(), root=tmp_path)
    (site,) = [s for s in result.sites if s.resolved.facts.path == "llm.py"]
    assert site.latency_class == "real-time"
    notes = [e.note for e in site.evidence]
    assert any("GET /second" in n for n in notes) and not any("/first" in n for n in notes), notes


def test_a_prompt_for_each_item_is_an_interactive_session():
    found = triggers(
        """
        from .llm import answer

        def review(papers):
            notes = [input(f"{p}: [g]ood / [b]ad ") for p in papers]
            for paper in papers:
                notes.append(input("note: "))
            return answer(notes)
        """
    )
    assert summary(found) == [
        ("real-time", "interactive-cli", ["name", "app.mod.review"],
         "interactive loop: input() inside a for loop in review (a person is typing)"),
    ]
