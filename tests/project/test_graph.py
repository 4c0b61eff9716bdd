"""Cross-module resolution and reachability, on small projects written to tmp_path.

Triggers here come from pragmas and config so these tests exercise the graph alone.
"""
from __future__ import annotations

from support.scan import lint_project as project

from llm_latency_lint.config import Config


def sites(result):
    return {(s.resolved.facts.path, s.resolved.site.line): (s.resolved.match.operation, s.latency_class) for s in result.sites}


def test_chain_across_four_modules_with_aliases_and_relative_imports(tmp_path):
    result = project(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/jobs.py": "from .pipeline import run_pipeline\n\ndef nightly():  # llm-latency: scheduled\n    run_pipeline()\n",
            "app/pipeline.py": "from app.steps import summarise as summ\n\ndef run_pipeline():\n    summ('x')\n",
            "app/steps.py": "from . import llm\n\ndef summarise(text):\n    return llm.ask(text)\n",
            "app/llm.py": (
                "import openai as oa\n\nclient = oa.OpenAI()\n\n"
                "def ask(text):\n    return client.chat.completions.create(model='m', messages=[])\n"
            ),
        },
    )
    assert sites(result) == {("app/llm.py", 6): ("chat.completions.create", "scheduled")}
    (finding,) = [f for f in result.findings if f.code == "LLM001"]
    notes = [e.note for e in finding.evidence]
    assert notes == [
        "pragma '# llm-latency: scheduled' on nightly",
        "nightly calls run_pipeline",
        "run_pipeline calls summarise",
        "summarise calls ask",
    ]
    assert [e.path for e in finding.evidence] == ["app/jobs.py", "app/jobs.py", "app/pipeline.py", "app/steps.py"]


def test_client_from_factory_self_attribute_annotation_and_reexport(tmp_path):
    result = project(
        tmp_path,
        {
            "svc/__init__.py": "from .clients import make_client, shared\n",
            "svc/clients.py": (
                "from anthropic import Anthropic as A\n\n"
                "def make_client():\n    return A(max_retries=3)\n\nshared = make_client()\n"
            ),
            "svc/worker.py": (
                "from anthropic import Anthropic\nfrom svc import make_client, shared\n\n"
                "class Worker:\n"
                "    def __init__(self):\n        self.llm = make_client()\n\n"
                "    def run(self):  # llm-latency: scheduled\n"
                "        self.llm.messages.create(model='c', max_tokens=1, messages=[])\n"
                "        shared.messages.create(model='c', max_tokens=1, messages=[])\n"
                "        use(self.llm)\n\n"
                "def use(client: Anthropic):  # llm-latency: near-real-time\n"
                "    return client.with_options(timeout=5).messages.create(model='c', max_tokens=1, messages=[])\n"
            ),
        },
    )
    assert sites(result) == {
        ("svc/worker.py", 9): ("messages.create", "scheduled"),
        ("svc/worker.py", 10): ("messages.create", "scheduled"),
        ("svc/worker.py", 14): ("messages.create", "near-real-time"),
    }


def test_partial_and_bound_method_references_are_call_sites(tmp_path):
    result = project(
        tmp_path,
        {
            "jobs.py": (
                "import functools\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
                "create = functools.partial(client.chat.completions.create, model='m')\n"
                "embed = client.embeddings.create\n\n"
                "def nightly(items):  # llm-latency: scheduled\n"
                "    create(messages=[])\n"
                "    return [embed(input=i, model='e') for i in items]\n"
            )
        },
    )
    assert sites(result) == {
        ("jobs.py", 9): ("chat.completions.create", "scheduled"),
        ("jobs.py", 10): ("embeddings.create", "scheduled"),
    }
    assert sorted((f.line, f.code) for f in result.findings) == [(9, "LLM001"), (10, "LLM001"), (10, "LLM003")]


def test_queue_edge_turns_real_time_into_near_real_time_unless_waited(tmp_path):
    files = {
        "tasks.py": (
            "from openai import OpenAI\nclient = OpenAI()\n\n"
            "class Task:\n    def delay(self, *a): ...\n\n"
            "def enrich():\n    client.chat.completions.create(model='m', messages=[])\n\n"
            "def answer():\n    client.responses.create(model='m', input='x')\n"
        ),
        "views.py": (
            "from tasks import enrich, answer\n\n"
            "def handler():\n    enrich.delay()\n    return answer.delay().get()\n"
        ),
    }
    config = Config(real_time_functions=["views.handler"])
    result = project(tmp_path, files, config)
    assert sites(result) == {
        ("tasks.py", 8): ("chat.completions.create", "near-real-time"),
        ("tasks.py", 11): ("responses.create", "real-time"),
    }
    (finding,) = result.findings
    assert finding.code == "LLM002" and "queues enrich with .delay()" in finding.message


def test_mixed_site_and_call_pragma_override(tmp_path):
    result = project(
        tmp_path,
        {
            "app.py": (
                "from openai import OpenAI\nclient = OpenAI()\n\n"
                "def summarize():\n    return client.chat.completions.create(model='m', messages=[])\n\n"
                "def route():  # llm-latency: real-time\n    return summarize()\n\n"
                "def nightly():  # llm-latency: scheduled\n    summarize()\n"
                "    client.embeddings.create(model='e', input='x')  # llm-latency: real-time\n"
            )
        },
    )
    assert sites(result) == {
        ("app.py", 5): ("chat.completions.create", "mixed"),
        ("app.py", 12): ("embeddings.create", "real-time"),
    }
    assert [(f.line, f.code) for f in result.findings] == [(5, "LLM006")]


def test_negatives_are_not_call_sites(tmp_path):
    result = project(
        tmp_path,
        {
            "notify.py": (
                "import requests\nfrom twilio.rest import Client\nfrom unittest.mock import MagicMock\n\n"
                "client = Client('sid', 'token')\nsession = requests.Session()\nfake = MagicMock()\n\n"
                "def nightly():  # llm-latency: scheduled\n"
                "    client.messages.create(to='+1', from_='+2', body='openai chat.completions.create')\n"
                "    session.get('https://api.openai.com/v1/models')\n"
                "    session.post('https://api.openai.com/v1/files')\n"
                "    fake.chat.completions.create(model='m')\n"
                "    Ticket.objects.create(title='x')  # client.chat.completions.create\n"
            )
        },
    )
    assert result.sites == []


def test_config_wrapper_is_reported_at_its_callers(tmp_path):
    from llm_latency_lint.config import Wrapper

    config = Config(wrappers=[Wrapper(function="llm.ask", provider="openai", operation="chat.completions.create")])
    result = project(
        tmp_path,
        {
            "llm.py": "from openai import OpenAI\nclient = OpenAI()\n\ndef ask(q):\n    return client.chat.completions.create(model='m', messages=[])\n",
            "jobs.py": "from llm import ask\n\ndef nightly():  # llm-latency: scheduled\n    ask('q')\n",
        },
        config,
    )
    assert sites(result) == {("jobs.py", 4): ("chat.completions.create", "scheduled")}


def test_noqa_and_select_ignore(tmp_path):
    files = {
        "jobs.py": (
            "from openai import OpenAI\nclient = OpenAI()\n\n"
            "def nightly(items):  # llm-latency: scheduled\n"
            "    for i in items:\n"
            "        client.embeddings.create(model='e', input=i)  # noqa: LLM003\n"
            "    client.chat.completions.create(model='m', messages=[])  # noqa\n"
        )
    }
    result = project(tmp_path, files)
    assert [(f.line, f.code) for f in result.findings] == [(6, "LLM001")]
    assert result.suppressed == 2
    result = project(tmp_path, files, Config(ignore=["LLM001"]))
    assert result.findings == []


def test_unannotated_parameter_falls_back_to_imported_provider(tmp_path):
    result = project(
        tmp_path,
        {
            "a.py": "import openai\n\ndef run(client):  # llm-latency: scheduled\n    client.chat.completions.create(model='m', messages=[])\n",
            "b.py": "def run(client):  # llm-latency: scheduled\n    client.chat.completions.create(**request)\n",
        },
    )
    assert sites(result) == {("a.py", 4): ("chat.completions.create", "scheduled")}


def test_a_helper_handed_its_client_is_a_site_when_the_call_names_a_model(tmp_path):
    """A module importing no SDK: the call's shape and its ``model=`` keyword make it a model
    request, of the SDK the project imports; a Twilio-shaped ``messages.create`` naming no model
    is no site, nor is an OpenAI-shaped call without a model."""
    result = project(
        tmp_path,
        {
            "app.py": "import anthropic\n",
            "ask.py": (
                "def ask(client, q):  # llm-latency: scheduled\n"
                "    return client.messages.create(model='claude-3-5-haiku-latest', max_tokens=9, messages=q)\n\n"
                "class Bot:\n"
                "    def __init__(self, client):\n"
                "        self.client = client\n\n"
                "    def reply(self, q):  # llm-latency: scheduled\n"
                "        return self.client.messages.create(model=self.model, messages=q)\n"
            ),
            "sms.py": "def notify(client):  # llm-latency: scheduled\n    client.messages.create(to='+1', body='hi')\n",
        },
    )
    assert sites(result) == {("ask.py", 2): ("messages.create", "scheduled"),
                             ("ask.py", 9): ("messages.create", "scheduled")}
    for site in result.sites:
        assert site.resolved.match.provider.id == "anthropic"
        assert "inferred from the call shape" in site.evidence[-1].note


def test_a_shape_no_sdk_of_the_project_has_names_its_own_provider(tmp_path):
    """No SDK imported anywhere: a path only one provider's client has names that provider; a
    path of OpenAI's API, which many SDKs copy, is an OpenAI-compatible client's."""
    result = project(
        tmp_path,
        {
            "gen.py": (
                "def gen(client):  # llm-latency: scheduled\n"
                "    client.models.generate_content(model='gemini-2.5-flash', contents='x')\n"
                "    client.chat.completions.create(model='m', messages=[])\n"
            ),
        },
    )
    providers = {(s.resolved.site.line, s.resolved.match.provider.id) for s in result.sites}
    assert providers == {(2, "google"), (3, "openai-compatible")}


def test_client_passed_to_a_helper_types_its_parameter(tmp_path):
    """A LangChain model built in a scheduled job and handed to helpers in another module:
    direct, keyword, forwarded by ``executor.submit``, ``partial`` and ``Thread(args=...)``, and
    passed on. (The
    prefilter parses a module that names an SDK; here ``helpers`` builds messages with one.)"""
    result = project(
        tmp_path,
        {
            "jobs.py": (
                "import functools\nimport threading\nfrom concurrent.futures import ThreadPoolExecutor\n"
                "from langchain_openai import ChatOpenAI\nfrom langchain_core.prompts import ChatPromptTemplate\n"
                "from helpers import summarise, score, rate, tag, relay, digest\n\n"
                "def nightly():  # llm-latency: scheduled\n"
                "    llm = ChatOpenAI(model='m')\n"
                "    chain = ChatPromptTemplate.from_messages([]) | llm\n"
                "    summarise(chain, 't')\n"
                "    score(text='t', model=llm)\n"
                "    with ThreadPoolExecutor() as ex:\n"
                "        ex.submit(rate, llm, 't')\n"
                "    functools.partial(tag, llm)('t')\n"
                "    relay(ChatOpenAI(model='m'))\n"
                "    threading.Thread(target=digest, args=(llm, 't')).start()\n"
            ),
            "helpers.py": (
                "from langchain_core.messages import HumanMessage\n\n"
                "def summarise(chain, text):\n    return chain.invoke([HumanMessage(text)])\n\n"
                "def score(text, model):\n    return model.invoke(text)\n\n"
                "def rate(model, text):\n    return model.invoke(text)\n\n"
                "def tag(model, text):\n    return model.batch([text])\n\n"
                "def relay(model):\n    return passed_on(model)\n\n"
                "def passed_on(inner):\n    return inner.stream('x')\n\n"
                "def digest(model, text):\n    return model.invoke(text)\n"
            ),
        },
    )
    assert sites(result) == {
        ("helpers.py", 4): ("invoke", "scheduled"),
        ("helpers.py", 7): ("invoke", "scheduled"),
        ("helpers.py", 10): ("invoke", "scheduled"),
        ("helpers.py", 13): ("batch", "scheduled"),
        ("helpers.py", 19): ("stream", "scheduled"),
        ("helpers.py", 22): ("invoke", "scheduled"),
    }


def test_parameter_given_no_client_stays_untyped(tmp_path):
    """Precision first: ``invoke`` on a parameter is a call site only when a caller passes a client."""
    result = project(
        tmp_path,
        {
            "ui.py": (
                "from langchain_openai import ChatOpenAI\n\n"
                "class Button:\n    def invoke(self):\n        return 1\n\n"
                "def press(widget):\n    return widget.invoke()\n\n"
                "def nightly():  # llm-latency: scheduled\n"
                "    press(Button())\n    press(widget=Button())\n"
                "    ChatOpenAI(model='m')\n"
            ),
        },
    )
    assert sites(result) == {}


def test_client_passed_to_a_method_types_its_parameter(tmp_path):
    result = project(
        tmp_path,
        {
            "svc.py": (
                "from openai import OpenAI\n\n"
                "class Reporter:\n"
                "    def write(self, llm, text):\n"
                "        return llm.responses.create(model='m', input=text)\n\n"
                "def nightly():  # llm-latency: scheduled\n"
                "    Reporter().write(OpenAI(), 't')\n"
            ),
        },
    )
    assert sites(result) == {("svc.py", 5): ("responses.create", "scheduled")}


def test_files_content_is_a_batch_read_only_for_batch_files(tmp_path):
    """A GET /files/{file_id} route reading a user's file is no batch call (LLM005 false positive);
    reading a batch's output file, or a file uploaded with purpose="batch", still is."""
    api = (
        "from fastapi import FastAPI\nfrom openai import OpenAI\n\napp = FastAPI()\nclient = OpenAI()\n\n"
        "@app.get('/files/{file_id}')\ndef download(file_id: str):\n"
        "    return client.files.content(file_id).text\n\n"
        "@app.get('/batches/{batch_id}/output')\ndef output(batch_id: str):\n"
        "    batch = client.batches.retrieve(batch_id)\n"
        "    return client.files.content(batch.output_file_id).text\n\n"
        "@app.post('/upload')\ndef upload(data: bytes):\n"
        "    upload = client.files.create(file=data, purpose='batch')\n"
        "    return client.files.content(upload.id).text\n\n"
        "@app.get('/errors/{batch_id}')\ndef errors(batch_id: str):\n"
        "    error_id = client.batches.retrieve(batch_id).error_file_id\n"
        "    return client.files.content(file_id=error_id).text\n\n"
        "@app.post('/assistant-file')\ndef assistant(data: bytes):\n"
        "    f = client.files.create(file=data, purpose='assistants')\n"
        "    return client.files.content(f.id).text\n"
    )
    result = project(tmp_path, {"api.py": api})
    reported = sorted((f.line, f.code) for f in result.findings if f.code == "LLM005")
    assert reported == [(13, "LLM005"), (14, "LLM005"), (18, "LLM005"), (19, "LLM005"), (23, "LLM005"), (24, "LLM005")]
    assert 9 not in {s.resolved.site.line for s in result.sites}
    assert 28 not in {s.resolved.site.line for s in result.sites}
