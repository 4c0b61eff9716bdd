"""SDK shapes round 15 missed (issue 15 "SDK shapes"): Airflow's LLM task decorators (the
decorator is the site), evaluation framework runs (ragas, DeepEval), polling a Gemini interaction,
and a relative path sent on an HTTP client an async factory returns."""
from __future__ import annotations

from textwrap import dedent

from support.scan import project_classes, sites

from llm_latency_lint.catalog import providers
from llm_latency_lint.facts.visitor import extract

DAG = """
    from datetime import datetime
    from airflow import DAG
    from airflow.decorators import task

    with DAG(dag_id="ask", schedule={schedule}, start_date=datetime(2024, 1, 1)) as dag:
        @task
        def question(**context):
            return context["dag_run"].conf.get("query", "hi")

        @task.llm(llm_conn_id="gemini_conn")
        def answer(q: str):
            return f"Answer: {{q}}"

        @task.agent(
            llm_conn_id="gemini_conn",
            system_prompt="You answer HR questions",
        )
        def specialist(q: str):
            return q

        q = question()
        answer(q)
        specialist(q)
"""


def test_airflow_llm_decorators_are_sites_at_the_decorator_with_the_dags_class(tmp_path):
    """``@task.llm`` / ``@task.agent`` send the returned prompt when the task runs: the decorator
    call is the site, and the DAG's schedule (or its manual trigger) is its class."""
    scheduled = project_classes(tmp_path / "cron", {"dags/ask.py": DAG.format(schedule='"0 2 * * *"')})
    assert scheduled == {("dags/ask.py", 10): "scheduled", ("dags/ask.py", 14): "scheduled"}
    manual = project_classes(tmp_path / "manual", {"dags/ask.py": DAG.format(schedule="None")})
    assert set(manual) == {("dags/ask.py", 10), ("dags/ask.py", 14)}
    assert set(manual.values()) == {"near-real-time"}


def test_airflow_decorator_names_follow_the_provider_packages(tmp_path):
    found = sites(tmp_path, """
        from airflow.sdk import task
        from invoke import task as invoke_task

        @task.llm_branch(llm_conn_id="c")
        def route(q):
            return q

        @task.llm_sql(llm_conn_id="c", db_conn_id="pg")
        def sql(q):
            return q

        @task.llm_batch(llm_conn_id="c")
        def many(items):
            return items

        @task.embed(model_name="all-MiniLM-L12-v2")
        def vectorize(text):
            return text

        @task(retries=2)
        def plain():
            return 1

        @invoke_task.llm(name="x")
        def not_airflow(c):
            return c
    """)
    assert found == [(5, "airflow-common-ai", "airflow.sdk.task.llm_branch"),
                     (9, "airflow-common-ai", "airflow.sdk.task.llm_sql"),
                     (13, "airflow-common-ai", "airflow.sdk.task.llm_batch")]
    assert providers.match_function("airflow.sdk.task.llm_batch").op.kind == "batch"


def test_evaluation_framework_runs_are_sites(tmp_path):
    found = sites(tmp_path, """
        import ragas
        from ragas import evaluate
        from ragas.evaluation import aevaluate
        from deepeval import evaluate as deepeval_evaluate, assert_test
        import evaluate as hf_evaluate

        def judge(dataset, metrics, llm, emb):
            evaluate(dataset=dataset, metrics=metrics, llm=llm, embeddings=emb)
            ragas.evaluate(dataset)
            return aevaluate(dataset)

        def deep(cases, metrics):
            deepeval_evaluate(test_cases=cases, metrics=metrics)
            assert_test(cases[0], metrics)

        def rouge(predictions, references):
            return hf_evaluate.load("rouge").compute(predictions=predictions, references=references)
    """)
    assert found == [(9, "ragas", "ragas.evaluate"), (10, "ragas", "ragas.evaluate"),
                     (11, "ragas", "ragas.evaluation.aevaluate"),
                     (14, "deepeval", "deepeval.evaluate"), (15, "deepeval", "deepeval.assert_test")]


def test_evaluation_metrics_measured_one_by_one_are_sites(tmp_path):
    """DeepEval's ``metric.a_measure(case)`` over a list of judged metrics (a lazy import, tuples
    unpacked in the loop) and a ragas metric's ``single_turn_ascore``; a deterministic DeepEval
    metric asks no model."""
    found = sites(tmp_path, """
        async def score(case, judge, sample):
            try:
                from deepeval.metrics import AnswerRelevancyMetric, ExactMatchMetric, FaithfulnessMetric
                from ragas.metrics import Faithfulness
            except ImportError:
                return {}
            metrics = [("faithfulness", FaithfulnessMetric(model=judge)), ("relevancy", AnswerRelevancyMetric())]
            for name, metric in metrics:
                await metric.a_measure(case)
            ExactMatchMetric().measure(case)
            return await Faithfulness(llm=judge).single_turn_ascore(sample)
    """)
    assert found == [(10, "deepeval", "a_measure"), (12, "ragas", "single_turn_ascore")]


def test_polling_a_gemini_interaction_is_a_site_and_cancelling_is_not(tmp_path):
    """``interactions.get(id)`` polls a background interaction (Deep Research): a long-running job's
    poll, like ``operations.get`` (label policy 9); ``cancel`` / ``delete`` ask no model."""
    found = sites(tmp_path, """
        import time
        from google import genai

        def wait(interaction_id):
            client = genai.Client()
            while True:
                interaction = client.interactions.get(interaction_id)
                if interaction.status == "completed":
                    return interaction
                time.sleep(10)

        def stop(interaction_id):
            client = genai.Client()
            client.interactions.cancel(interaction_id)
            client.interactions.delete(interaction_id)
    """)
    assert found == [(8, "google", "interactions.get")]
    assert providers.match_client_call("google.genai.Client", ("interactions", "get")).op.takes_model is False


def test_a_relative_path_on_a_client_an_async_factory_returns_joins_its_base_url():
    """``client = await self._get_client()`` holds what the factory builds
    (``httpx.AsyncClient(base_url=...)``): ``client.stream("POST", "/api/generate")`` and
    ``client.post("/api/embeddings")`` are requests to that server, as on a sync factory's client."""
    facts = extract(dedent("""\
        import os
        import httpx

        class Ollama:
            def __init__(self):
                self._client = None

            async def _get_client(self) -> httpx.AsyncClient:
                if self._client is None:
                    self._client = httpx.AsyncClient(base_url=os.getenv("LLM_HOST", "http://localhost:11434"))
                return self._client

            async def generate(self, payload):
                client = await self._get_client()
                async with client.stream("POST", "/api/generate", json=payload) as response:
                    async for line in response.aiter_lines():
                        yield line

            async def embed(self, text):
                client = await self._get_client()
                return await client.post("/api/embeddings", json={"model": "nomic-embed-text", "prompt": text})
    """), "m.py", "m")
    found = {s.line: str(s.callee[1]) for s in facts.call_sites if str(s.callee[1]).startswith("POST:")}
    assert found == {15: "POST::11434/api/generate", 21: "POST::11434/embeddings"}
    assert {providers.match_function(name).provider.id for name in found.values()} == {"ollama"}


def test_an_awaited_client_built_in_another_module_has_no_base_url_of_this_file():
    """``backend = await backend_session()`` (built in another module, with its own base) is not the
    file's module-level Ollama client: ``backend.post("/api/chat")`` is no request to Ollama. Only a
    factory of this file returning a client (or ``self.<attr>`` holding one) lends its base URL."""
    facts = extract(dedent("""\
        import httpx
        from .sessions import backend_session

        ollama = httpx.AsyncClient(base_url="http://localhost:11434")

        async def relay(msg):
            backend = await backend_session()
            return await backend.post("/api/chat", json=msg)

        async def _local():
            return httpx.AsyncClient(base_url="http://localhost:11434")

        async def ask(msg):
            client = await _local()
            return await client.post("/api/chat", json=msg)
    """), "m.py", "m")
    found = {s.line: str(s.callee[1]) for s in facts.call_sites if str(s.callee[1]).startswith("POST:")}
    assert found == {15: "POST::11434/api/chat"}


def test_a_model_object_named_like_an_operation_is_still_called(tmp_path):
    """``agent`` and ``llm`` are operations' names now (``task.agent``, ``task.llm``): an attribute or
    global of that name bound to a model object is still that object called (``__call__``)."""
    found = sites(tmp_path, """
        from strands import Agent

        agent = Agent(system_prompt="be brief")

        class Assistant:
            def __init__(self):
                self.agent = Agent(system_prompt="be brief")
                self.llm = Agent(system_prompt="be terse")

            def ask(self, text):
                return self.agent(text), self.llm(text), agent(text)
    """)
    assert found == [(12, "strands", "__call__"), (12, "strands", "__call__"), (12, "strands", "__call__")]
