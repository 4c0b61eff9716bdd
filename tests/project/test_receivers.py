"""Receiver typing (issue 15): project objects through parameters, containers' elements,
properties, injected dependencies, factories; and the name-based fallback where types run out.

Triggers come from pragmas, so only the graph's values and edges decide what is reached.
"""
from __future__ import annotations

from test_graph import project, sites

CLIENT = "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
CHAT = "client.chat.completions.create(model='m', messages=[])"


def typed(result, inferred=frozenset()):
    """Every site's evidence comes from typed values, none from the name-based fallback; a site
    whose receiver has no value (its operation inferred from the call's shape) fails the test
    unless its (path, line) is listed in ``inferred``, and a listed one must be so inferred."""
    notes = [e.note for s in result.sites for e in s.evidence]
    assert not [n for n in notes if "resolved by name" in n], notes
    shaped = {(s.resolved.facts.path, s.resolved.site.line) for s in result.sites if s.resolved.match.inferred}
    assert shaped == set(inferred), shaped
    return {key: found for key, found in sites(result).items() if key not in shaped}


def generator(name: str = "ReportGenerator", method: str = "generate") -> str:
    return f"class {name}:\n    def {method}(self):\n        return {CHAT}\n\n\n"


def test_a_project_object_flows_through_untyped_parameters_from_every_caller(tmp_path):
    result = project(tmp_path, {
        "gen.py": CLIENT + generator(),
        "jobs.py": "from gen import ReportGenerator\n\n\n"
                   "def job(gen):\n    gen.generate()\n\n\n"
                   "def run_all(bot, flag):\n    job(bot)\n\n\n"
                   "def main():  # llm-latency: scheduled\n    run_all(ReportGenerator(), True)\n",
    })
    assert typed(result) == {("gen.py", 8): ("chat.completions.create", "scheduled")}


def test_a_scheduler_forwards_its_arguments_to_the_job(tmp_path):
    result = project(tmp_path, {
        "gen.py": CLIENT + generator(),
        "jobs.py": "import schedule\nfrom gen import ReportGenerator\n\n\n"
                   "def job(gen):\n    gen.generate()\n\n\n"
                   "def main():  # llm-latency: scheduled\n"
                   "    schedule.every(4).hours.do(job, ReportGenerator())\n    schedule.run_pending()\n",
    })
    edges = {e.dst for e in result_edges(tmp_path, "jobs.job") if not e.by_name}
    assert "gen.ReportGenerator.generate" in edges
    assert sites(result)[("gen.py", 8)][0] == "chat.completions.create"


def result_edges(tmp_path, function):
    from llm_latency_lint.config import Config
    from llm_latency_lint.engine import collect_facts
    from llm_latency_lint.files.discover import discover
    from llm_latency_lint.project.graph import Project

    found = discover([tmp_path], Config(cache=False), tmp_path)
    files = collect_facts(found.files, Config(cache=False))[0]
    return Project(files).edges().get(function, [])


def test_a_class_passed_as_a_value_builds_its_instances_through_the_parameter(tmp_path):
    result = project(tmp_path, {
        "m.py": CLIENT + generator() + "def build(kind):\n    return kind()\n\n\n"
                "def nightly():  # llm-latency: scheduled\n    build(ReportGenerator).generate()\n",
    })
    assert typed(result) == {("m.py", 8): ("chat.completions.create", "scheduled")}


def test_a_list_of_instances_passed_to_a_function_dispatches_to_each_class(tmp_path):
    result = project(tmp_path, {
        "p.py": CLIENT + generator("A", "summarize") + generator("B", "summarize")
                + "PROVIDERS = [A(), B()]\n\n\n"
                "def run_all(providers):\n    for p in providers:\n        p.summarize()\n\n\n"
                "def job():  # llm-latency: scheduled\n    run_all(PROVIDERS)\n",
    })
    assert typed(result) == {("p.py", 8): ("chat.completions.create", "scheduled"),
                             ("p.py", 13): ("chat.completions.create", "scheduled")}


def test_a_dict_comprehension_and_a_lookup_by_key_keep_the_elements(tmp_path):
    result = project(tmp_path, {
        "p.py": CLIENT + generator("A", "summarize") + generator("B", "summarize")
                + "PROVIDERS = [A(), B()]\nBY_NAME = {p.__class__.__name__: p for p in PROVIDERS}\n\n\n"
                "def job(key):  # llm-latency: real-time\n    return BY_NAME[key].summarize()\n",
    })
    assert set(typed(result).values()) == {("chat.completions.create", "real-time")}
    assert len(sites(result)) == 2


def test_a_method_passed_from_a_comprehension_to_an_executor_is_reached(tmp_path):
    result = project(tmp_path, {
        "c.py": CLIENT + generator("A", "answer") + generator("B", "answer")
                + "class Chain:\n    def __init__(self):\n        self.providers = []\n"
                "        self.providers.append(A())\n        self.providers.append(B())\n\n"
                "    def ask(self, executor, q):  # llm-latency: near-real-time\n"
                "        return {executor.submit(p.answer, q): p for p in self.providers}\n",
    })
    assert set(typed(result).values()) == {("chat.completions.create", "near-real-time")}
    assert len(sites(result)) == 2


def test_progress_bars_and_sorting_keep_a_collection_s_elements(tmp_path):
    result = project(tmp_path, {
        "z.py": CLIENT + "from typing import List\nfrom tqdm import tqdm\n\n\n" + generator("Paper", "tldr")
                + "def rerank(papers: List[Paper]) -> List[Paper]:\n    return sorted(papers, key=len)\n\n\n"
                "def run(papers: List[Paper]):  # llm-latency: scheduled\n"
                "    ranked = rerank(papers)[:10]\n    for p in tqdm(list(ranked)):\n        p.tldr()\n",
    })
    assert typed(result) == {("z.py", 12): ("chat.completions.create", "scheduled")}


def test_a_property_is_read_as_the_value_its_getter_returns(tmp_path):
    result = project(tmp_path, {
        "t.py": "from functools import cached_property\nfrom openai import AsyncOpenAI, OpenAI\n\n\n"
                "class Translator:\n    def __init__(self):\n        self._client = None\n\n"
                "    @property\n    def client(self):\n        if self._client is None:\n"
                "            self._client = AsyncOpenAI()\n        return self._client\n\n"
                "    @cached_property\n    def sync(self):\n        return OpenAI()\n\n"
                "    async def translate(self):  # llm-latency: scheduled\n        client = self.client\n"
                "        await client.chat.completions.create(model='m', messages=[])\n"
                "        self.sync.embeddings.create(model='m', input='x')\n",
    })
    assert typed(result) == {("t.py", 21): ("chat.completions.create", "scheduled"),
                             ("t.py", 22): ("embeddings.create", "scheduled")}


def test_a_fastapi_dependency_injects_what_its_factory_returns(tmp_path):
    result = project(tmp_path, {
        "api.py": "from typing import Annotated\nfrom fastapi import Depends\n\n" + CLIENT
                  + generator("Summarizer", "summarize") + generator("Writer", "write")
                  + "def get_summarizer():\n    return Summarizer()\n\n\n"
                  "def route(q: str, svc=Depends(get_summarizer)):  # llm-latency: real-time\n"
                  "    return svc.summarize()\n\n\n"
                  "def other(w: Annotated[Writer, Depends(Writer)]):  # llm-latency: real-time\n"
                  "    return w.write()\n",
    })
    assert typed(result) == {("api.py", 11): ("chat.completions.create", "real-time"),
                             ("api.py", 16): ("chat.completions.create", "real-time")}


def test_a_partial_binds_its_arguments_to_the_function_it_wraps(tmp_path):
    result = project(tmp_path, {
        "p.py": CLIENT + generator() + "from functools import partial\n\n\n"
                "def job(gen, when):\n    gen.generate()\n\n\n"
                "def nightly():  # llm-latency: scheduled\n    run = partial(job, ReportGenerator())\n    run('now')\n",
    })
    assert typed(result) == {("p.py", 8): ("chat.completions.create", "scheduled")}


def test_a_new_factory_returns_what_it_builds(tmp_path):
    result = project(tmp_path, {
        "f.py": "from mistralai import Mistral\n\n\n"
                "class Client:\n    def __new__(cls, key):\n        return Mistral(api_key=key)\n\n\n"
                "def job():  # llm-latency: scheduled\n"
                "    return Client('k').chat.complete(model='m', messages=[])\n",
    })
    assert typed(result) == {("f.py", 10): ("chat.complete", "scheduled")}


def test_a_cast_types_the_value_as_declared(tmp_path):
    result = project(tmp_path, {
        "c.py": CLIENT + "from typing import cast\n\n\n" + generator("Base", "run")
                + "class Impl(Base):\n    def run(self):\n        return client.embeddings.create(model='m', input='x')\n\n\n"
                "def job(thing):  # llm-latency: scheduled\n    cast(Base, thing).run()\n",
    })
    assert set(typed(result).values()) == {("chat.completions.create", "scheduled"), ("embeddings.create", "scheduled")}


def test_a_decorated_tool_s_invoke_runs_the_function(tmp_path):
    result = project(tmp_path, {
        "t.py": CLIENT + "from langchain.tools import tool\n\n\n"
                f"@tool\ndef poll():\n    return {CHAT}\n\n\n"
                "TOOLS = [poll]\nBY_NAME = {t.name: t for t in TOOLS}\n\n\n"
                "def node(name):  # llm-latency: real-time\n    return BY_NAME[name].invoke(None)\n",
    })
    assert typed(result) == {("t.py", 11): ("chat.completions.create", "real-time")}


def test_an_sdk_module_annotated_on_a_parameter_is_that_module(tmp_path):
    result = project(tmp_path, {
        "s.py": "import openai as openai_client\n\n\n"
                "def summarize(openai_client: openai_client, text):  # llm-latency: scheduled\n"
                "    return openai_client.ChatCompletion().create(model='m', messages=[])\n",
    })
    assert typed(result) == {("s.py", 5): ("openai.ChatCompletion.create", "scheduled")}


def test_a_boto3_client_named_by_keyword_is_a_bedrock_client(tmp_path):
    result = project(tmp_path, {
        "b.py": "import boto3\n\n\nclass Model:\n    def __init__(self):\n"
                "        self.client = boto3.client(service_name='bedrock-runtime')\n\n"
                "    def ask(self):  # llm-latency: real-time\n"
                "        return self.client.invoke_model(modelId='m', body='{}')\n",
    })
    assert typed(result) == {("b.py", 9): ("invoke_model", "real-time")}


def test_an_agent_given_tools_reaches_them_from_whoever_builds_it(tmp_path):
    result = project(tmp_path, {
        "a.py": CLIENT + "from langchain.agents import AgentExecutor\n\n\n"
                f"def summarize_meeting():\n    return {CHAT}\n\n\n"
                "def other_tool():\n    return None\n\n\n"
                "def build(agent):\n    tools = [summarize_meeting, other_tool]\n"
                "    return AgentExecutor(agent=agent, tools=tools)\n\n\n"
                "def on_message(agent, text):  # llm-latency: real-time\n    return build(agent).invoke({'input': text})\n",
    })
    assert typed(result) == {("a.py", 10): ("chat.completions.create", "real-time"),
                             ("a.py", 23): ("invoke", "real-time")}  # the agent's own model call
    site = next(s for s in result.sites if s.resolved.site.line == 10)
    assert any("gives summarize_meeting to an agent as a tool" in e.note for e in site.evidence)


def test_a_container_literal_passed_as_an_argument_types_the_parameter(tmp_path):
    result = project(tmp_path, {
        "p.py": CLIENT + generator("A", "summarize") + generator("B", "summarize")
                + "def run_all(providers):\n    for p in providers:\n        p.summarize()\n\n\n"
                "def job():  # llm-latency: scheduled\n    run_all([A(), B()])\n",
    })
    assert typed(result) == {("p.py", 8): ("chat.completions.create", "scheduled"),
                             ("p.py", 13): ("chat.completions.create", "scheduled")}


def test_a_deployment_naming_a_script_by_path_reaches_it_though_its_name_is_no_identifier(tmp_path):
    """``flow.from_source(entrypoint="flows/summary-rewriter.py:summarize")``: the prefilter keeps the
    deployment (it names a relevant module by path), whose schedule outranks the script's own main."""
    result = project(tmp_path, {
        "flows/summary-rewriter.py": CLIENT + "from prefect import flow\n\n\n"
                                     f"@flow\ndef summarize():\n    return {CHAT}\n\n\n"
                                     "if __name__ == '__main__':\n    summarize()\n",
        "flows/deploy.py": "from prefect import flow\n\nif __name__ == '__main__':\n    flow.from_source(\n"
                           "        source='https://example.invalid/repo.git',\n"
                           "        entrypoint='flows/summary-rewriter.py:summarize',\n"
                           "    ).deploy(name='nightly', work_pool_name='pool', cron='15 2 * * *')\n",
    })
    assert sites(result) == {("flows/summary-rewriter.py", 11): ("chat.completions.create", "scheduled")}


def test_chained_calls_starting_at_the_same_place_bind_their_arguments_without_error(tmp_path):
    """``builder.get(a).do(b)``: both calls start where the chain starts, each with an argument 0."""
    result = project(tmp_path, {
        "q.py": CLIENT + generator() + "def job(gen):\n    gen.generate()\n\n\n"
                "def nightly(builder):  # llm-latency: scheduled\n"
                "    builder.query.get(ReportGenerator, ['x']).do(job, ReportGenerator())\n",
    })
    assert typed(result) == {("q.py", 8): ("chat.completions.create", "scheduled")}


def test_a_union_annotation_types_the_parameter_by_its_sdk_member(tmp_path):
    """``"None | TestClient | Client"`` (a string, a test double first): the SDK client member
    types it; an annotation naming no type (``None``) leaves the parameter to its callers and locals."""
    result = project(tmp_path, {
        "a.py": "from openai import Client, OpenAI\n\n\n"
                "def send(prompt, client: \"None | TestClient | Client\" = None):  # llm-latency: scheduled\n"
                "    client = client or OpenAI()\n"
                "    return client.responses.create(model='gpt-4o-mini', input=prompt)\n",
    })
    assert typed(result) == {("a.py", 6): ("responses.create", "scheduled")}


def test_a_typing_union_types_the_parameter_by_its_sdk_member(tmp_path):
    result = project(tmp_path, {
        "fake.py": "class FakeLLM:\n    pass\n",
        "a.py": "from typing import Union\n\nfrom anthropic import Anthropic\n\nfrom fake import FakeLLM\n\n\n"
                "def send(prompt, client: Union[FakeLLM, Anthropic]):  # llm-latency: scheduled\n"
                "    return client.messages.create(model='claude-haiku-4-5', max_tokens=9, messages=prompt)\n",
    })
    assert typed(result) == {("a.py", 9): ("messages.create", "scheduled")}
