"""Round 18's request shapes: the module-level OpenAI client's ``beta`` spelling handed to
``asyncio.to_thread``, a local server's base URL read from the constructor's default, a
self-hosted KoboldAI-style ``/api/v1/generate`` on a LAN address, and hug routes."""
from __future__ import annotations

from support.scan import project_classes, sites

from llm_latency_lint.catalog import providers


def test_module_functions_match_without_segments_that_change_nothing_sent():
    match = providers.match_function("openai.beta.threads.runs.create")
    assert match is not None and match.provider.id == "openai" and match.operation == "openai.threads.runs.create"
    assert providers.match_function("openai.beta.threads.messages.create") is None


def test_the_module_client_beta_path_is_a_site_called_or_handed_to_a_thread(tmp_path):
    found = sites(tmp_path, """
        import asyncio
        import openai

        async def ask(thread_id, assistant_id):
            await asyncio.to_thread(openai.beta.threads.messages.create, thread_id=thread_id, role="user")
            run = await asyncio.to_thread(openai.beta.threads.runs.create, thread_id=thread_id,
                                          assistant_id=assistant_id)
            return openai.beta.threads.runs.create(thread_id=thread_id, assistant_id=assistant_id), run
    """)
    assert found == [(7, "openai", "openai.threads.runs.create"), (9, "openai", "openai.threads.runs.create")]


def test_a_base_url_set_from_the_constructors_parameter_reads_its_default(tmp_path):
    found = sites(tmp_path, """
        import json
        import urllib.request

        DEFAULT_BASE_URL = "http://localhost:11434"

        class OllamaBackend:
            def __init__(self, model="llama3.1", *, base_url: str = DEFAULT_BASE_URL, transport=None):
                self.base_url = base_url.rstrip("/")
                self._transport = transport or self._http_transport

            def _http_transport(self, body):
                request = urllib.request.Request(f"{self.base_url}/api/chat", data=json.dumps(body).encode(),
                                                 method="POST")
                with urllib.request.urlopen(request, timeout=60) as resp:
                    return json.loads(resp.read())
    """)
    assert found == [(15, "ollama", "POST::11434/api/chat")]


def test_a_kobold_style_generate_request_on_a_lan_host_from_a_hug_route_is_real_time(tmp_path):
    found = project_classes(tmp_path, {"hug/api.py": """
        import hug
        import requests

        HOST = "192.168.86.32:5000"
        URI = f"http://{HOST}/api/v1/generate"

        @hug.post("/summarize")
        def summarize(prompt):
            request = {"prompt": prompt, "max_new_tokens": 250, "mode": "instruct"}
            return requests.post(URI, json=request).json()

        @hug.cli()
        def status(url):
            return requests.post(url + "/api/v1/generate", json={"ok": True})
    """})
    assert found == {("hug/api.py", 10): "real-time"}
    assert providers.match_function("POST:<llm-http>/api/v1/generate").provider.id == "llm-http"


def test_a_generate_request_to_the_projects_own_route_is_a_hop_not_a_site(tmp_path):
    """``/api/v1/generate`` is told by its path and body alone: where the project serves that route
    itself, a request to it reaches the route (policy 6), which asks its model or runs it in-process."""
    found = project_classes(tmp_path, {
        "server.py": """
            from fastapi import FastAPI
            from openai import OpenAI
            from transformers import pipeline

            app = FastAPI()
            local = pipeline("text-generation", model="gpt2")

            @app.post("/api/v1/generate")
            def generate(req: dict):
                return OpenAI().chat.completions.create(model="m", messages=[{"role": "user", "content": req["prompt"]}])

            @app.post("/local/api/v1/generate")
            def generate_here(req: dict):
                return local(req["prompt"], max_length=req["max_length"])
        """,
        "nightly.py": """
            import requests

            API = "http://localhost:8000"

            if __name__ == "__main__":
                requests.post(f"{API}/api/v1/generate", json={"prompt": "Summarise", "max_new_tokens": 200})
                requests.post(f"{API}/local/api/v1/generate", json={"prompt": "Summarise", "max_length": 20})
        """,
        ".github/workflows/nightly.yml": """
            on:
              schedule:
                - cron: "0 2 * * *"
            jobs:
              run:
                runs-on: ubuntu-latest
                steps:
                  - run: python nightly.py
        """,
    })
    assert found == {("server.py", 10): "mixed"}
