"""Raw HTTP whose URL reaches the request through a parameter or a ``self.`` attribute built by
an f-string (issue 15, round 8 shapes): the file's own code says which endpoint it is."""
from __future__ import annotations

from textwrap import dedent

from llm_latency_lint.facts.visitor import extract


def http_sites(source: str):
    facts = extract(dedent(source), "m.py", "m")
    return [(s.line, s.callee[1]) for s in facts.call_sites if str(s.callee[1]).startswith("POST:")]


SENDER = """
    import requests

    ROUTER = "https://openrouter.ai/api/v1"


    def send(url, headers, payload, retries=3):
        return requests.post(url, headers=headers, json=payload, timeout=30)


    def ask(text):
        return send({url}, headers={{}}, payload={{"model": "m", "messages": [text]}})
"""


def test_a_url_parameter_takes_what_the_files_callers_pass():
    assert http_sites(SENDER.format(url='f"{ROUTER}/chat/completions"')) == [(8, "POST:openrouter.ai/chat/completions")]
    assert http_sites(SENDER.format(url='url=ROUTER + "/chat/completions"')) == [(8, "POST:openrouter.ai/chat/completions")]
    assert http_sites(SENDER.format(url='"https://hooks.slack.com/services/T0"')) == []


def test_a_callers_local_is_not_read_in_the_senders_scope():
    source = """
        import requests

        def send(url, payload):
            url_base = "https://api.openai.com/v1"
            return requests.post(url, json=payload)

        def ask(url_base):
            return send(url_base, {"text": "hi"})
    """
    assert http_sites(source) == []


def test_a_self_attribute_built_by_an_f_string_names_the_endpoint():
    source = """
        import httpx

        class Images:
            def __init__(self, token):
                self.model = "black-forest-labs/FLUX.1-schnell"
                self.api_url = f"https://api-inference.huggingface.co/models/{self.model}"

            async def make(self, prompt):
                async with httpx.AsyncClient() as client:
                    return await client.post(self.api_url, json={"inputs": prompt})

            def notify(self, text):
                self.hook = f"https://hooks.example.com/{self.model}"
                return httpx.post(self.hook, json={"text": text})
    """
    assert http_sites(source) == [(11, "POST:api-inference.huggingface.co/models/")]


def test_a_parameter_of_a_function_nested_in_a_method_is_read_without_error():
    source = """
        import requests

        class Agent:
            def run(self, text):
                def send(url):
                    return requests.post(url, json={"model": "m", "messages": [text]})
                return send("https://api.openai.com/v1/chat/completions")
    """
    assert http_sites(source) == [(7, "POST:api.openai.com/chat/completions")]
