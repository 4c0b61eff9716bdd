"""Raw HTTP to a URL set elsewhere, in shapes a file shows only in part: a closure posting the
URL its enclosing function built, a module-level ConfigParser read with a body spread from a
module dict, a Hugging Face Inference body on an environment URL."""
from __future__ import annotations

from support.scan import project_classes, sites


def test_a_closure_posts_the_url_its_enclosing_function_built(tmp_path):
    """``def _post(p): return requests.post(url, json=p)`` inside the function that built ``url``
    with a helper of the file (``base_url + "/v1/chat/completions"``): the closure's request is a site."""
    found = sites(tmp_path, """
        import requests

        def _completions_url(base_url):
            return str(base_url).rstrip("/") + "/v1/chat/completions"

        def judge(item, *, base_url):
            url = _completions_url(base_url)
            payload = {"model": "m", "messages": [{"role": "user", "content": item}]}

            def _post(p):
                return requests.post(url, json=p, timeout=5)

            return _post(payload).json()
    """)
    assert found == [(12, "openai-compatible", "POST:<base_url>/chat/completions")]


def test_a_parameter_of_the_closure_hides_the_enclosing_local(tmp_path):
    found = sites(tmp_path, """
        import requests

        def judge(item):
            url = "https://api.openai.com/v1/chat/completions"

            def _post(url, p):
                return requests.post(url, json=p)

            return _post("https://hooks.example.com/x", {"text": item})
    """)
    assert found == []


def test_a_configparser_url_at_module_level_with_a_spread_body(tmp_path):
    """``url = cfg.get("deepseek", "url")`` at the top of the file, and a body spreading a module dict
    that holds the model (``{**setting, "messages": msg}``), posted on a ``requests.Session``."""
    found = sites(tmp_path, """
        import configparser
        import requests

        cfg = configparser.ConfigParser()
        cfg.read("ai.ini")
        url = cfg.get("deepseek", "url")
        setting = {"model": cfg.get("deepseek", "model"), "temperature": 0.7}

        def get_response(msg):
            data = {**setting, "messages": msg}
            session = requests.Session()
            return session.post(url=url, json=data, timeout=(10, 100)).json()
    """)
    assert found == [(13, "openai-compatible", "POST:<openai-compatible>/...")]


def test_a_non_configuration_get_or_a_body_without_a_model_is_no_site(tmp_path):
    found = sites(tmp_path, """
        import requests

        ROUTES = {"hook": "https://hooks.example.com/x"}
        url = ROUTES.get("hook")
        extra = {"channel": "#general"}

        def send(msg):
            return requests.post(url, json={"model": "m", "messages": msg})

        def notify(text):
            return requests.post(url, json={**extra, "text": text})
    """)
    assert found == []


def test_a_hugging_face_inference_body_on_an_environment_url(tmp_path):
    """``requests.post(LLM_ENDPOINT_URL, json={"inputs": prompt, "parameters": {...}})`` with the URL
    read only from the environment: Hugging Face's Inference API shape, a site of that provider."""
    classes = project_classes(tmp_path, {"app.py": """
        import os
        import requests

        LLM_ENDPOINT_URL = os.getenv("LLM_ENDPOINT_URL")

        def call_huggingface(prompt):
            data = {"inputs": prompt, "parameters": {"max_new_tokens": 500}}
            return requests.post(LLM_ENDPOINT_URL, json=data, timeout=30).json()

        def upload(blob):
            return requests.post(LLM_ENDPOINT_URL, json={"inputs": blob}, timeout=30)

        if __name__ == "__main__":
            print(call_huggingface(input()))
    """})
    assert classes == {("app.py", 8): "real-time"}


def test_inputs_and_parameters_of_another_service_are_no_hugging_face_request(tmp_path):
    """``{"inputs": ..., "parameters": {...}}`` is also the KServe v2 / Triton tensor protocol and a
    workflow runner's form: where the code spells the parameters, only text-generation ones
    (``max_new_tokens``, ``temperature``) make it Hugging Face's."""
    found = sites(tmp_path, """
        import configparser
        import os
        import requests

        cfg = configparser.ConfigParser()
        url = cfg.get("workflows", "url")
        TRITON_URL = os.environ["TRITON_INFER_URL"]
        prompt_table = {"prompt": "unused"}

        def classify(pixels):
            body = {"inputs": [{"name": "input__0", "datatype": "FP32", "data": pixels}],
                    "parameters": {"binary_data_output": False}}
            return requests.post(TRITON_URL, json=body, timeout=10)

        def launch(day):
            return requests.post(url, json={"inputs": {"day": day}, "parameters": {"mode": "full"}})

        def generate(text, options):
            requests.post(TRITON_URL, json={"inputs": text, "parameters": options})
            return requests.post(url, json={"inputs": text, "parameters": {"temperature": 0.2}})
    """)
    assert found == [(20, "huggingface", "POST:<huggingface>/..."), (21, "huggingface", "POST:<huggingface>/...")]
