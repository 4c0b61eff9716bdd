"""A URL parameter filled by a caller's local (``url = "https://..."; sender(url=url)``): the
string the local holds is what the parameter receives, in another file too, and an instance's
``__call__`` invoked by name (``send.__call__(url=url)``) binds it like a call of the instance."""
from __future__ import annotations

from test_graph import project, sites

SENDER = (
    "import requests\n\n\n"
    "class Sender:\n"
    "    def __init__(self, model):\n        self._model = model\n\n"
    "    def __call__(self, token, prompt, url):\n"
    "        payload = {'model': self._model, 'prompt': prompt, 'stream': True}\n"
    "        return requests.post(url, json=payload, headers={'Authorization': token}, stream=True)\n"
)
VIEW = (
    "from rest_framework.views import APIView\nfrom app import util\n\n\n"
    "class Chat(APIView):\n"
    "    def post(self, request):\n"
    "        url = {url}\n"
    "        send = util.Sender(model='m')\n"
    "        return send{call}(token='t', prompt=request.data['q'], url=url)\n"
)
URLS = "from django.urls import path\nfrom app.views import Chat\n\nurlpatterns = [path('chat/', Chat.as_view())]\n"


def _found(tmp_path, url, call):
    files = {"app/__init__.py": "", "app/util.py": SENDER, "app/urls.py": URLS,
             "app/views.py": VIEW.format(url=url, call=call)}
    return sites(project(tmp_path, files))


def test_a_callers_local_string_fills_the_url_parameter(tmp_path):
    found = _found(tmp_path, "'https://api.together.xyz/v1/chat/completions'", ".__call__")
    assert [cls for (path, line), (_, cls) in found.items() if path == "app/util.py"] == ["real-time"]


def test_an_instance_called_directly_binds_the_same_local(tmp_path):
    found = _found(tmp_path, "f'https://api.together.xyz/v1/{\"chat\"}/completions'", "")
    assert [(line, cls) for (path, line), (_, cls) in found.items() if path == "app/util.py"] == [(10, "real-time")]


def test_a_local_holding_a_webhook_makes_no_site(tmp_path):
    assert _found(tmp_path, "'https://hooks.slack.com/services/T0/B0'", ".__call__") == {}


def test_a_url_no_caller_spells_with_a_chat_body_is_some_compatible_server(tmp_path):
    """The URL a database record holds (``project.api_url``), or no caller at all: a chat or
    completion body makes the request ``openai-compatible`` (as a URL read from the environment);
    a body that is no LLM request makes no site."""
    files = {"app/__init__.py": "", "app/util.py": SENDER + (
        "\n\nclass Unused(Sender):\n"
        "    def __call__(self, token, prompt, url):\n"
        "        payload = {'model': self._model, 'prompt': prompt}\n"
        "        return requests.post(url, json=payload)\n\n\n"
        "def notify(url, text):\n    return requests.post(url, json={'text': text})\n"),
        "app/handler.py": (
            "from app import util\n\n\n"
            "def handle(event, context):  # llm-latency: real-time\n"
            "    project = load(event['project_id'])\n"
            "    util.notify(project.webhook_url, 'started')\n"
            "    return util.Sender(model='m')(token=project.token, prompt=event['q'], url=project.api_url)\n")}
    found = sites(project(tmp_path, files))
    assert {key: cls for key, (_, cls) in found.items()} == {("app/util.py", 10): "real-time", ("app/util.py", 16): "unknown"}


def test_a_usage_report_to_a_url_no_caller_spells_makes_no_site(tmp_path):
    """A finished exchange (``model``, ``prompt`` and its ``completion``) sent to a tenant's logging
    URL held in the database is a report, not a model request: only the SDK call is a site."""
    files = {"app/__init__.py": "", "app/telemetry.py": (
        "import requests\n\n\n"
        "def report(url, model, prompt, completion):\n"
        "    payload = {'model': model, 'prompt': prompt, 'completion': completion}\n"
        "    requests.post(url, json=payload, timeout=5)\n"), "app/main.py": (
        "from openai import OpenAI\nfrom app.telemetry import report\n\nclient = OpenAI()\n\n\n"
        "def chat(tenant, prompt):  # llm-latency: real-time\n"
        "    reply = client.chat.completions.create(model='m', messages=[{'role': 'user', 'content': prompt}])\n"
        "    report(tenant.log_url, 'm', prompt, reply.choices[0].message.content)\n")}
    assert {key: cls for key, (_, cls) in sites(project(tmp_path, files)).items()} == {("app/main.py", 8): "real-time"}
