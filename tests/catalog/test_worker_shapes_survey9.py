"""Shapes of background LLM work found on fresh repositories (the worker survey of session 29), on small
programs written for the test: each pins the trigger or the edge that carries the class."""
from __future__ import annotations

from pathlib import Path
from textwrap import dedent
from typing import Dict

from support.fixlib import write_project

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.facts.visitor import extract


def classes(tmp_path: Path, files: Dict[str, str]) -> Dict[str, str]:
    """``path:line`` of each LLM call site -> its latency class."""
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    return {f"{s.resolved.facts.path}:{s.resolved.site.line}": s.latency_class for s in result.sites}


# ---- Azure Functions v2: ``@app.schedule`` is ``timer_trigger`` by its other name --------------
def test_azure_functions_schedule_alias_is_a_timer():
    found = [t for t in extract(dedent(
        """
        import azure.functions as func

        app = func.FunctionApp()

        @app.schedule(schedule="0 0 6 * * 1", arg_name="timer", run_on_startup=False)
        def weekly(timer: func.TimerRequest) -> None:
            pass
        """), "function_app.py", "function_app").triggers if t.source == "azure-functions-timer"]
    assert [(t.kind, t.target, t.note) for t in found] == [
        ("scheduled", ["name", "function_app.weekly"], "Azure Functions schedule weekly Mon 06:00 -> weekly")]


def test_azure_functions_schedule_alias_reaches_the_embedding_job(tmp_path: Path):
    found = classes(tmp_path, {
        "function_app.py": """
            import azure.functions as func
            import helpers

            app = func.FunctionApp()

            @app.schedule(schedule="0 0 2 * * *", arg_name="timer")
            def refresh(timer):
                helpers.embed(["a", "b"])
            """,
        "helpers.py": """
            from openai import OpenAI

            def embed(texts):
                return OpenAI().embeddings.create(model="text-embedding-3-small", input=texts)
            """,
    })
    assert found == {"helpers.py:5": "scheduled"}


# ---- Django ``call_command("x")`` runs the management command ``x`` in-process ----------------
COMMAND = """
    from django.core.management.base import BaseCommand
    from openai import OpenAI


    class Command(BaseCommand):
        def handle(self, *args, **options):
            OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])
    """


def test_a_beat_scheduled_task_running_a_management_command_makes_it_scheduled(tmp_path: Path):
    found = classes(tmp_path, {
        "shop/__init__.py": "",
        "shop/management/__init__.py": "",
        "shop/management/commands/__init__.py": "",
        "shop/management/commands/refresh_blurbs.py": COMMAND,
        "shop/tasks.py": """
            from celery import shared_task
            from django.core.management import call_command

            @shared_task
            def refresh_blurbs_task():
                call_command("refresh_blurbs", verbosity=0)
            """,
        "proj/__init__.py": "",
        "proj/settings.py": """
            CELERY_BEAT_SCHEDULE = {
                "blurbs": {"task": "shop.tasks.refresh_blurbs_task", "schedule": 6 * 60 * 60},
            }
            """,
    })
    assert found == {"shop/management/commands/refresh_blurbs.py:8": "scheduled"}


def test_call_command_through_the_management_module_from_a_route(tmp_path: Path):
    files = {
        "shop/__init__.py": "",
        "shop/management/__init__.py": "",
        "shop/management/commands/__init__.py": "",
        "shop/management/commands/refresh_blurbs.py": COMMAND,
        "shop/views.py": """
            from django.core import management
            from django.http import JsonResponse

            def refresh(request):
                management.call_command("refresh_blurbs")
                return JsonResponse({"ok": True})
            """,
        "shop/urls.py": """
            from django.urls import path
            from shop import views

            urlpatterns = [path("refresh/", views.refresh)]
            """,
    }
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    [site] = result.sites
    notes = [e.note for e in site.evidence]
    assert site.latency_class == "real-time"  # the request waits for the command it runs
    assert "Django URL 'refresh/' -> views.refresh" in notes
    assert "refresh runs refresh_blurbs with call_command" in notes


# ---- ``try: import`` / ``except ImportError: def stub``: the import keeps the name ------------
def test_a_stub_for_a_failed_import_does_not_hide_the_imported_function(tmp_path: Path):
    found = classes(tmp_path, {
        "app/__init__.py": "",
        "app/llm.py": """
            from openai import OpenAI

            def ask(prompt):
                return OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])
            """,
        "app/tasks.py": """
            from celery import Celery

            celery = Celery("app")

            try:
                from app.llm import ask
            except ImportError:
                def ask(prompt):
                    return None

            @celery.task
            def summarize_batch():
                return ask("summarize")

            celery.conf.beat_schedule = {"batch": {"task": "app.tasks.summarize_batch", "schedule": 3600.0}}
            """,
    })
    assert found == {"app/llm.py:5": "scheduled"}


def test_a_stub_class_for_a_missing_sdk_keeps_the_sdk_client():
    facts = extract(dedent(
        """
        try:
            from openai import OpenAI
        except ImportError:
            class OpenAI:
                pass

        def ask():
            return OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])
        """), "app/ask.py", "app.ask")
    assert [s.line for s in facts.call_sites] == [9]
    assert "app.ask.OpenAI@5" in facts.classes and "app.ask.OpenAI" not in facts.classes


# ---- a Kafka consumer the project's own factory builds, read in another module -------------
KAFKA_FACTORY = """
    from aiokafka import AIOKafkaConsumer

    async def make_consumer(topic, group):
        consumer = AIOKafkaConsumer(topic, group_id=group, bootstrap_servers="kafka:9092")
        await consumer.start()
        return consumer
    """
LLM = """
    from openai import AsyncOpenAI

    client = AsyncOpenAI()

    async def answer(prompt):
        return await client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
    """


def test_a_poll_on_a_consumer_another_module_builds_is_a_consumer_loop(tmp_path: Path):
    found = classes(tmp_path, {
        "svc/__init__.py": "",
        "svc/bus.py": KAFKA_FACTORY,
        "svc/llm.py": LLM,
        "svc/worker.py": """
            import asyncio
            from svc.bus import make_consumer
            from svc.llm import answer

            async def work():
                consumer = await make_consumer("requests", "workers")
                while True:
                    message = await consumer.getone()
                    await answer(message.value.decode())

            if __name__ == "__main__":
                asyncio.run(work())
            """,
    })
    assert found == {"svc/llm.py:7": "near-real-time"}


def test_an_async_for_over_a_factory_built_consumer_is_a_consumer_loop(tmp_path: Path):
    found = classes(tmp_path, {
        "svc/__init__.py": "",
        "svc/bus.py": KAFKA_FACTORY,
        "svc/llm.py": LLM,
        "svc/worker.py": """
            from svc.bus import make_consumer
            from svc.llm import answer

            async def work(topic):
                consumer = await make_consumer(topic, "workers")
                async for message in consumer:
                    await answer(message.value.decode())
            """,
    })
    assert found == {"svc/llm.py:7": "near-real-time"}


def test_a_poll_on_an_object_no_kafka_constructor_built_is_no_consumer(tmp_path: Path):
    found = classes(tmp_path, {
        "svc/__init__.py": "",
        "svc/llm.py": LLM,
        "svc/inbox.py": """
            class Inbox:
                def poll(self):
                    return input("next question: ")

            def make_inbox():
                return Inbox()
            """,
        "svc/worker.py": """
            import asyncio
            from svc.inbox import make_inbox
            from svc.llm import answer

            async def work():
                inbox = make_inbox()
                while True:
                    await answer(inbox.poll())

            if __name__ == "__main__":
                asyncio.run(work())
            """,
    })
    assert found == {"svc/llm.py:7": "real-time"}


# ---- arq worker settings in a module that does not import arq ------------------------------
def _worker_triggers(text: str):
    return [(t.kind, t.target, t.weak) for t in extract(dedent(text), "app/worker.py", "app.worker").triggers
            if t.source == "arq-function"]


def test_arq_worker_settings_beside_redis_settings_from_a_project_helper():
    found = _worker_triggers(
        """
        from app.jobs import scan_repository, summarize_report
        from app.redis import parse_redis_settings

        class WorkerSettings:
            functions: list = [scan_repository]
            redis_settings = parse_redis_settings()
            job_timeout = 900

        class ReportWorker:
            functions = {summarize_report}
            redis_settings = parse_redis_settings()
        """)
    assert found == [("near-real-time", ["name", "app.jobs.scan_repository"], True),
                     ("near-real-time", ["name", "app.jobs.summarize_report"], True)]


def test_a_class_listing_functions_without_redis_settings_is_no_arq_worker():
    assert _worker_triggers(
        """
        from app.jobs import scan_repository

        class Plugin:
            functions = [scan_repository]
        """) == []


# ---- a helper handed its client as ``client: Any`` in a module importing no SDK -------------
def test_a_helper_typed_any_handed_the_callers_client_is_a_site(tmp_path: Path):
    found = classes(tmp_path, {
        "summarizer/__init__.py": "",
        "summarizer/utils.py": """
            from typing import Any, Dict, List

            async def chat_json(client: Any, model: str, messages: List[Dict[str, str]]) -> str:
                resp = await client.chat.completions.create(model=model, messages=messages)
                return resp.choices[0].message.content
            """,
        "summarizer/batch.py": """
            import asyncio
            from openai import AsyncOpenAI
            from summarizer.utils import chat_json

            async def main():
                client = AsyncOpenAI()
                await chat_json(client, "gpt-4o-mini", [{"role": "user", "content": "summarise"}])

            if __name__ == "__main__":
                asyncio.run(main())
            """,
        "crontab": "*/30 * * * * cd /app && python -m summarizer.batch\n",
    })
    assert found == {"summarizer/utils.py:5": "scheduled"}


def test_an_any_typed_receiver_without_a_model_keyword_is_no_site(tmp_path: Path):
    found = classes(tmp_path, {
        "notify.py": """
            from typing import Any
            import openai

            def send(sms: Any, to: str, body: str):
                return sms.messages.create(to=to, body=body)
            """,
    })
    assert found == {}


# ---- provider SDKs: Sber GigaChat and the Yandex Cloud ML SDK --------------------------------
def test_gigachat_and_yandex_sdk_calls_are_sites(tmp_path: Path):
    result = run([write_project(tmp_path, {
        "providers.py": """
            from gigachat import GigaChat
            from yandex_cloud_ml_sdk import YCloudML

            def giga(prompt):
                with GigaChat(credentials="...", verify_ssl_certs=False) as client:
                    return client.chat(prompt)

            def yandex(messages):
                sdk = YCloudML(folder_id="b1g", auth="key")
                model = sdk.models.completions("yandexgpt").configure(temperature=0.3)
                return model.run(messages)

            def yandex_embed(text):
                return YCloudML(folder_id="b1g", auth="key").models.text_embeddings("doc").run(text)
            """,
    })], Config(), root=tmp_path)
    found = sorted((s.resolved.site.line, s.resolved.match.provider.id, s.resolved.match.operation) for s in result.sites)
    assert found == [(7, "gigachat", "chat"), (12, "yandex-foundation-models", "run"),
                     (15, "yandex-foundation-models", "run")]


# ---- a launcher's command list held in a local, its script path wrapped in ``str(...)`` -------
def _launches(text: str):
    return [(t.target, t.entry_key) for t in extract(dedent(text), "jobs/launcher.py", "jobs.launcher").triggers
            if t.source == "script-runner"]


def test_a_command_list_held_in_a_local_is_read_where_the_process_starts():
    found = _launches(
        """
        import subprocess
        import sys
        from pathlib import Path

        ROOT = Path(__file__).resolve().parent

        def nightly():
            cmd = [sys.executable, str(ROOT / "digest.py"), "--all"]
            subprocess.run(cmd, check=True)

        def other():
            cmd = ["ls", "-l"]
            subprocess.run(cmd)
        """)
    assert found == [(["entry", "script:digest.py"], "script:jobs/launcher.py"),
                     (["entry", "script:digest.py"], "launch:jobs.launcher.nightly")]


def test_a_local_list_of_another_function_is_not_read():
    assert _launches(
        """
        import subprocess
        import sys

        def build():
            cmd = [sys.executable, "digest.py"]
            return cmd

        def run(cmd):
            subprocess.run(cmd)
        """) == []


def test_unstructured_openai_embedding_encoder_is_an_embedding_site(tmp_path: Path):
    result = run([write_project(tmp_path, {
        "embed.py": """
            from unstructured.chunking.basic import chunk_elements
            from unstructured.embed.openai import OpenAIEmbeddingConfig, OpenAIEmbeddingEncoder
            from unstructured.partition.auto import partition

            def embed_page(url, key):
                chunks = chunk_elements(partition(url=url))
                encoder = OpenAIEmbeddingEncoder(config=OpenAIEmbeddingConfig(api_key=key))
                return encoder.embed_documents(elements=chunks)
            """,
    })], Config(), root=tmp_path)
    found = [(s.resolved.site.line, s.resolved.match.provider.id, s.resolved.match.op.embedding) for s in result.sites]
    assert found == [(9, "unstructured-embed", True)]


def test_a_poll_on_a_kafka_producer_another_module_builds_is_no_consumer(tmp_path: Path):
    found = classes(tmp_path, {
        "svc/__init__.py": "",
        "svc/llm.py": LLM,
        "svc/bus.py": """
            from confluent_kafka import Producer

            def make_producer():
                return Producer({"bootstrap.servers": "kafka:9092"})
            """,
        "svc/publisher.py": """
            import asyncio
            from svc.bus import make_producer
            from svc.llm import answer

            async def publish(prompt):
                producer = make_producer()
                producer.produce("answers", (await answer(prompt)).encode())
                producer.poll(0)

            if __name__ == "__main__":
                asyncio.run(publish("hello"))
            """,
    })
    assert found == {"svc/llm.py:7": "real-time"}
