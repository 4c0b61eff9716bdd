"""Shapes real applications use that the graph follows (issue 15, reach): a client built by a
per-service factory whose service name the caller passes, the application's ``app.state``, an
object call bound further down the file (Streamlit ``session_state``, a method above the one that
binds it), a plugin folder loaded at run time, Dagster jobs a factory builds in a loop, and a
crontab line a shell script installs.

Triggers are pragmas or real sources, so only values and edges decide what is reached.
"""
from __future__ import annotations

from test_graph import project, sites

AWS = ("import boto3\n\n\ndef get_aws_session():\n    return boto3.Session()\n\n\n"
       "def get_aws_client(service_name, region_name=None):\n"
       "    session = get_aws_session()\n    return session.client(service_name=service_name)\n")


def provider(service: str) -> str:
    return ("from utils.aws import get_aws_client\n\n\nclass Provider:\n    def __init__(self):\n"
            f"        self.client = get_aws_client({service!r}, region_name='x')\n\n"
            "    def go(self):\n        return self.client.converse(modelId='m', messages=[])\n\n\n"
            "def nightly():  # llm-latency: scheduled\n    Provider().go()\n")


def test_a_client_factory_takes_its_service_name_from_the_caller(tmp_path):
    """``utils/aws.py`` names no Bedrock service (so the prefilter keeps it only because a relevant
    file imports it and it imports boto3); the caller's literal types the client."""
    result = project(tmp_path, {"utils/__init__.py": "", "utils/aws.py": AWS, "prov.py": provider("bedrock-runtime")})
    assert sites(result) == {("prov.py", 9): ("converse", "scheduled")}
    site = result.sites[0]
    assert site.resolved.match.provider.id == "bedrock"


def test_a_factory_client_of_another_service_is_no_site(tmp_path):
    """``get_aws_client("s3")`` builds an S3 client: ``converse`` on it is no Bedrock call, even
    though the helper's unnamed service would allow one."""
    text = provider("bedrock-runtime").replace("'bedrock-runtime'", "'s3'")
    result = project(tmp_path, {"utils/__init__.py": "", "utils/aws.py": AWS,
                                "prov.py": text.replace("converse(modelId='m', messages=[])", "get_object(Bucket='b')")})
    assert sites(result) == {}


def test_an_unnamed_service_matches_only_an_operation_one_service_has(tmp_path):
    """The service comes from configuration: ``converse`` is Bedrock runtime's alone, so it is a
    site; a method no catalogued service has is not."""
    text = ("import boto3\nimport os\n\n\nclient = boto3.client(os.environ['SERVICE'])\n\n\n"
            "def nightly():  # llm-latency: scheduled\n"
            "    client.converse(modelId='m', messages=[])\n    client.list_buckets()\n")
    result = project(tmp_path, {"job.py": text + "# bedrock-runtime\n"})
    assert sites(result) == {("job.py", 9): ("converse", "scheduled")}


def test_app_state_set_in_a_lifespan_is_read_through_the_request(tmp_path):
    result = project(tmp_path, {
        "main.py": "from contextlib import asynccontextmanager\nfrom fastapi import FastAPI\nfrom openai import AsyncOpenAI\n"
                   "from routes import router\n\n\n@asynccontextmanager\nasync def lifespan(app: FastAPI):\n"
                   "    app.state.llm_client = AsyncOpenAI()\n    yield\n\n\n"
                   "def create_app():\n    app = FastAPI(lifespan=lifespan)\n    app.include_router(router)\n    return app\n",
        "service.py": "from fastapi import Request\n\n\nclass Svc:\n    @staticmethod\n    async def ask(request: Request):\n"
                      "        return await request.app.state.llm_client.chat.completions.create(model='m', messages=[])\n",
        "routes.py": "from fastapi import APIRouter, Request\nfrom service import Svc\n\nrouter = APIRouter()\n\n\n"
                     "@router.post('/x')\nasync def x(request: Request):\n    return await Svc.ask(request)\n",
    })
    assert sites(result) == {("service.py", 7): ("chat.completions.create", "real-time")}


def test_app_state_set_in_a_startup_hook_is_read_through_an_imported_app(tmp_path):
    result = project(tmp_path, {
        "llm.py": "from openai import OpenAI\n\n\nasync def init_app(app):\n    return OpenAI()\n",
        "main.py": "from base import BaseFactory\nfrom llm import init_app\n\n\nclass AppFactory(BaseFactory):\n"
                   "    def create_app(self):\n        app = super().create_app()\n\n        @app.on_event('startup')\n"
                   "        async def start():\n            app.state.llm_client = await init_app(app)\n\n        return app\n\n\n"
                   "app = AppFactory().create_app()\n",
        "service.py": "from main import app\n\n\ndef complete(prompt):  # llm-latency: real-time\n"
                      "    return app.state.llm_client.chat.completions.create(model='m', messages=[])\n",
    })
    assert sites(result) == {("service.py", 5): ("chat.completions.create", "real-time")}


def test_an_object_call_bound_further_down_the_file_is_a_site(tmp_path):
    """Streamlit: the handler calls ``st.session_state.conversation`` before ``main`` (below it)
    stores the chain a project factory builds; a placeholder ``None`` comes first."""
    text = ("import streamlit as st\nfrom langchain.chains import ConversationalRetrievalChain\n"
            "from langchain.chat_models import ChatOpenAI\n\n\n"
            "def get_chain(store):\n    llm = ChatOpenAI()\n"
            "    return ConversationalRetrievalChain.from_llm(llm=llm, retriever=store.as_retriever())\n\n\n"
            "def handle(q):\n    return st.session_state.conversation({'question': q})\n\n\n"
            "def main():\n    if 'conversation' not in st.session_state:\n        st.session_state.conversation = None\n"
            "    q = st.text_input('q')\n    if q:\n        handle(q)\n"
            "    if st.button('go'):\n        st.session_state.conversation = get_chain(None)\n\n\n"
            "if __name__ == '__main__':\n    main()\n")
    result = project(tmp_path, {"app.py": text})
    assert sites(result) == {("app.py", 12): ("__call__", "real-time")}


def test_an_object_call_on_a_plain_value_is_no_site(tmp_path):
    text = ("import streamlit as st\nfrom openai import OpenAI\n\n\n"
            "def handle(q):\n    return st.session_state.formatter(q)\n\n\n"
            "def main():\n    st.session_state.formatter = str.upper\n    handle(st.text_input('q'))\n")
    assert sites(project(tmp_path, {"app.py": text})) == {}


def test_a_model_object_bound_in_a_later_method_is_called_as_an_object(tmp_path):
    """``self.chain({...})`` in a method above the one that binds ``self.chain`` to a catalogued
    chain: the file's bindings are complete only at its end, where the call is settled."""
    result = project(tmp_path, {"m.py": "from langchain.chains import load_summarize_chain\nfrom langchain_openai import ChatOpenAI\n\n\n"
                                        "class Model:\n    def run(self, s):\n        return self.chain({'input_documents': s})\n\n"
                                        "    def setup(self):\n        self.chain = load_summarize_chain(ChatOpenAI())\n\n\n"
                                        "def nightly():  # llm-latency: scheduled\n    m = Model()\n    m.setup()\n    m.run('y')\n"})
    assert sites(result) == {("m.py", 7): ("__call__", "scheduled")}


def test_an_in_process_model_is_no_site(tmp_path):
    """llama.cpp run in-process sends no request to a model server: not a site (the corpus's definition)."""
    result = project(tmp_path, {"m.py": "from llama_cpp import Llama\n\n\nclass Model:\n    def __init__(self, p):\n"
                                        "        self.model = Llama(model_path=p)\n\n    def run(self, s):\n"
                                        "        return self.model(s, max_tokens=1)\n\n\n"
                                        "def nightly():  # llm-latency: scheduled\n    Model('x').run('y')\n"})
    assert sites(result) == {}


def test_a_crontab_line_a_shell_script_installs_schedules_its_command(tmp_path):
    result = project(tmp_path, {
        "setup_cron.sh": "#!/bin/bash\nSCRIPT=\"/home/me/app/run.sh\"\ncrontab -l > c || true\n"
                         "echo \"0 * * * * $SCRIPT >> /tmp/log 2>&1\" >> c\ncrontab c\n",
        "run.sh": "#!/bin/bash\ncd /home/me/app\n./venv/bin/python main.py\n",
        "main.py": "from openai import OpenAI\n\n\ndef main():\n"
                   "    return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
                   "if __name__ == '__main__':\n    main()\n",
    })
    assert sites(result) == {("main.py", 5): ("chat.completions.create", "scheduled")}
    notes = [e.note for e in result.sites[0].evidence]
    assert "installs crontab '0 * * * *'" in notes[0], notes


def test_a_quoted_cron_line_in_a_script_that_never_calls_crontab_is_no_schedule(tmp_path):
    result = project(tmp_path, {
        "doc.sh": "#!/bin/bash\necho \"0 * * * * python main.py\"\n",
        "main.py": "from openai import OpenAI\n\n\ndef main():\n"
                   "    return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
                   "if __name__ == '__main__':\n    main()\n",
    })
    assert sites(result)[("main.py", 5)][1] == "real-time"


def test_dagster_jobs_built_by_a_factory_in_a_module_level_loop_are_scheduled(tmp_path):
    """``for spec in SPECS: j = build_job(spec); schedules.append(ScheduleDefinition(job=j))``:
    the loop's names are module names, so the schedule's ``job=j`` is the factory's job."""
    result = project(tmp_path, {
        "llm.py": "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef summarize(x):\n"
                  "    return client.chat.completions.create(model='m', messages=[])\n",
        "defs.py": "from dagster import Definitions, ScheduleDefinition, job, op\nfrom llm import summarize\n\n"
                   "SPECS = ['a', 'b']\n\n\ndef build_job(spec):\n    @op(name=f'op_{spec}')\n    def summarize_op():\n"
                   "        summarize(spec)\n\n    @job(name=f'job_{spec}')\n    def the_job():\n        summarize_op()\n\n"
                   "    return the_job\n\n\njobs = []\nschedules = []\nfor spec in SPECS:\n    j = build_job(spec)\n"
                   "    jobs.append(j)\n    schedules.append(ScheduleDefinition(job=j, cron_schedule='0 * * * *'))\n\n"
                   "defs = Definitions(jobs=jobs, schedules=schedules)\n",
    })
    assert sites(result) == {("llm.py", 7): ("chat.completions.create", "scheduled")}
    assert "ScheduleDefinition" in result.sites[0].evidence[0].note


def test_a_plugin_folder_loaded_at_run_time_runs_each_modules_function(tmp_path):
    """``main.py`` (run by a schedule) loads every file of ``script/`` with ``module_from_spec`` and
    calls ``module.job()``: linked by name to the module-level ``job`` functions, marked as such.
    The runner names no SDK and no script module, so the prefilter keeps it for its loader."""
    job = ("import requests\n\n\ndef job():\n    return requests.post('https://api.openai.com/v1/chat/completions', json={})\n\n\n"
           "if __name__ == '__main__':\n    job()\n")
    result = project(tmp_path, {
        ".github/workflows/daily.yml": "on:\n  schedule:\n    - cron: '0 2 * * *'\njobs:\n  run:\n    runs-on: ubuntu-latest\n"
                                       "    steps:\n      - run: python main.py\n",
        "main.py": "import importlib.util\nimport os\n\n\ndef load(path):\n"
                   "    spec = importlib.util.spec_from_file_location('m', path)\n"
                   "    module = importlib.util.module_from_spec(spec)\n    spec.loader.exec_module(module)\n"
                   "    module.job()\n\n\ndef main():\n    for f in sorted(os.listdir('script')):\n        load(f)\n\n\n"
                   "if __name__ == '__main__':\n    main()\n",
        "script/1.fetch-news.py": job,
    })
    assert {k: v[1] for k, v in sites(result).items()} == {("script/1.fetch-news.py", 5): "scheduled"}
    notes = [e.note for e in result.sites[0].evidence]
    assert any("job resolved by name" in n for n in notes), notes


def test_a_lookup_on_a_dotted_container_holds_what_was_stored(tmp_path):
    """``st.session_state['chain'] = build()`` then ``st.session_state.get('chain').invoke(q)``."""
    text = ("import streamlit as st\nfrom my import build\n\n\n"
            "def handle(q):\n    chain = st.session_state.get('chain')\n    return chain.invoke(q)\n\n\n"
            "def main():\n    st.session_state['chain'] = build()\n    handle(st.text_input('q'))\n\n\nmain()\n")
    r = project(tmp_path, {"app.py": text, "my.py": "from langchain_openai import ChatOpenAI\nfrom langchain_core.prompts import ChatPromptTemplate\n\n\ndef build():\n    return ChatPromptTemplate.from_template('x') | ChatOpenAI()\n"})
    assert sites(r)[("app.py", 7)][1] == "real-time"


JOB = "from openai import OpenAI\n\n\ndef run():\n    return OpenAI().chat.completions.create(model='m', messages=[])\n"
WORKFLOW = "on:\n  schedule:\n    - cron: '0 2 * * *'\njobs:\n  run:\n    runs-on: ubuntu-latest\n    steps:\n"


def test_python_given_on_the_command_line_runs_the_functions_it_calls(tmp_path):
    """``python -c "from app.jobs import run; run()"`` and a ``python - <<'EOF'`` heredoc in a
    scheduled workflow step run ``app.jobs.run``."""
    for step in ("      - run: python -c \"from app.jobs import run as go; go()\"\n",
                 "      - run: |\n          python - <<'EOF'\n          import app.jobs\n          app.jobs.run()\n          EOF\n"):
        result = project(tmp_path, {"app/__init__.py": "", "app/jobs.py": JOB, ".github/workflows/d.yml": WORKFLOW + step})
        assert sites(result) == {("app/jobs.py", 5): ("chat.completions.create", "scheduled")}, step
        assert "runs python code calling app.jobs.run" in result.sites[0].evidence[0].note


def test_runner_options_with_values_are_skipped(tmp_path):
    """``uv run --with openai main.py``, ``conda run -n env python -m app.main``."""
    main = JOB + "\n\nif __name__ == '__main__':\n    run()\n"
    for step, path in (("uv run --with openai main.py", "main.py"), ("conda run -n env python -m app.main", "app/main.py")):
        result = project(tmp_path / path.replace("/", "_"), {"app/__init__.py": "", path: main,
                                                             ".github/workflows/d.yml": WORKFLOW + f"      - run: {step}\n"})
        assert sites(result) == {(path, 5): ("chat.completions.create", "scheduled")}, step


CALL = "OpenAI().chat.completions.create(model='m', messages=[])"
EMBED = "OpenAI().embeddings.create(model='m', input='x')"


def classes_of(result):
    return {k: v[1] for k, v in sites(result).items()}


def evidence_notes(result, site) -> str:
    """The evidence notes of the call at ``site`` (``(path, line)``), joined for substring checks."""
    return " | ".join(e.note for s in result.sites if (s.resolved.facts.path, s.resolved.site.line) == site
                      for e in s.evidence)


def test_getattr_with_a_literal_or_an_f_string_reaches_the_methods_it_can_name(tmp_path):
    result = project(tmp_path, {"m.py": "from openai import OpenAI\n\n\nclass Bot:\n"
                                        f"    def task_summarize(self):\n        return {CALL}\n\n"
                                        f"    def report(self):\n        return {EMBED}\n\n"
                                        "    def dispatch(self, name):\n        return getattr(self, f'task_{name}')()\n\n\n"
                                        "def nightly():  # llm-latency: scheduled\n    Bot().dispatch('summarize')\n\n\n"
                                        "def page():  # llm-latency: real-time\n    return getattr(Bot(), 'report')()\n"})
    assert classes_of(result) == {("m.py", 6): "scheduled", ("m.py", 9): "real-time"}


def test_a_lambda_stored_on_an_attribute_builds_the_client_when_called(tmp_path):
    result = project(tmp_path, {"m.py": "from openai import AsyncOpenAI\n\n\nclass Svc:\n    def __init__(self):\n"
                                        "        self.get_client = lambda: AsyncOpenAI()\n\n    async def ask(self):\n"
                                        "        return await self.get_client().chat.completions.create(model='m', messages=[])\n\n\n"
                                        "async def nightly():  # llm-latency: scheduled\n    await Svc().ask()\n"})
    assert sites(result) == {("m.py", 9): ("chat.completions.create", "scheduled")}


def test_a_protocol_receiver_reaches_the_classes_that_implement_it_structurally(tmp_path):
    """``llm: LLM`` where ``LLM`` is a ``Protocol``: the classes defining all its methods are its
    implementations, subclass or not; a class with only some of them is not."""
    result = project(tmp_path, {"m.py": "from typing import Protocol\nfrom openai import OpenAI\n\n\n"
                                        "class LLM(Protocol):\n    def complete(self, p: str) -> str: ...\n\n    def close(self) -> None: ...\n\n\n"
                                        f"class OpenAILLM:\n    def complete(self, p):\n        return {CALL}\n\n    def close(self):\n        pass\n\n\n"
                                        f"class Half:\n    def complete(self, p):\n        return {EMBED}\n\n\n"
                                        "def job(llm: LLM):\n    llm.complete('x')\n\n\n"
                                        "def nightly():  # llm-latency: scheduled\n    job(None)\n"})
    assert classes_of(result) == {("m.py", 13): "scheduled", ("m.py", 21): "unknown"}


DEPS = ("from functools import partial\nfrom typing import Annotated\nfrom fastapi import Depends\n"
        "from langchain_openai import ChatOpenAI\nfrom langchain_core.language_models import BaseChatModel\n\n\n"
        "def get_llm(model):\n    return ChatOpenAI(model=model)\n\n\n"
        "LLMDep = Annotated[BaseChatModel, Depends(partial(get_llm, 'gpt-4o'))]\n")


def test_a_dependency_alias_gives_what_the_dependency_returns_in_any_module(tmp_path):
    """``LLMDep = Annotated[BaseChatModel, Depends(partial(get_llm, ...))]`` in ``deps.py``; a route
    elsewhere takes ``llm: LLMDep``: FastAPI calls ``get_llm`` for each request."""
    result = project(tmp_path, {"deps.py": DEPS,
                                "api.py": "from fastapi import APIRouter\nfrom deps import LLMDep\n\nrouter = APIRouter()\n\n\n"
                                          "@router.post('/x')\nasync def route(llm: LLMDep):\n    return await llm.ainvoke('q')\n"})
    assert sites(result) == {("api.py", 9): ("ainvoke", "real-time")}


def test_a_chained_assignment_binds_every_name_it_assigns(tmp_path):
    """``model = llm = Ollama(...)`` at module level: both names hold the model, so a call on
    either (here from a function defined later, reading the global) is a site."""
    text = ("from langchain_community.llms import Ollama\n\n"
            "model = llm = Ollama(model='llama3')\n\n\n"
            "def ask(q):  # llm-latency: scheduled\n    return model.invoke(q)\n\n\n"
            "def ask_too(q):  # llm-latency: scheduled\n    return llm.invoke(q)\n")
    result = project(tmp_path, {"job.py": text})
    assert sites(result) == {("job.py", 7): ("invoke", "scheduled"), ("job.py", 11): ("invoke", "scheduled")}


def test_an_import_fallback_does_not_redefine_the_imported_names(tmp_path):
    """``try: from app.engine import chat, stream`` / ``except ImportError: chat = stream = None``:
    where the import works the route calls the imported functions (the fallback is not a definition)."""
    engine = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
              "def chat(msg):\n    return client.chat.completions.create(model='gpt-4o', messages=[msg])\n")
    views = ("from fastapi import FastAPI\n\napp = FastAPI()\n\ntry:\n    from app.engine import chat, stream\n"
             "except ImportError:\n    chat = stream = None\n\n\n"
             "@app.post('/chat')\ndef route(msg: str):\n    return chat(msg) if chat else None\n")
    result = project(tmp_path, {"app/__init__.py": "", "app/engine.py": engine + "\n\nstream = chat\n",
                                "app/views.py": views})
    assert sites(result) == {("app/engine.py", 7): ("chat.completions.create", "real-time")}
