"""The call-shape fallback on receivers the project lost track of (``project/untyped.py``): a module
global, a class attribute or a call's result that nothing in the project (or only a library the
catalog does not know) builds, and an SDK object the catalog has no such operation for."""
from __future__ import annotations

from support.scan import lint_project as project


def found(result):
    return {(s.resolved.facts.path, s.resolved.site.line): (s.resolved.match.provider.id, s.resolved.match.operation)
            for s in result.sites}


def test_a_module_global_a_library_builds_is_matched_by_the_call_shape(tmp_path):
    """``client = gateway.make_client()`` (a library the catalog does not know) read here and through
    ``from config import client`` elsewhere: a model request by its shape, as on an untyped parameter."""
    result = project(tmp_path, {
        "config.py": "import anthropic\nimport gateway\n\nclient = gateway.make_client()\n",
        "jobs.py": (
            "from config import client\n\n"
            "def nightly():  # llm-latency: scheduled\n"
            "    return client.messages.create(model='claude-3-5-haiku-latest', max_tokens=9, messages=[])\n"
        ),
        "local.py": (
            "import anthropic\nimport gateway\n\nllm = gateway.make_client()\n\n"
            "def ask():  # llm-latency: scheduled\n"
            "    return llm.messages.create(model='claude-3-5-haiku-latest', max_tokens=9, messages=[])\n"
        ),
    })
    assert found(result) == {("jobs.py", 4): ("anthropic", "messages.create"),
                             ("local.py", 7): ("anthropic", "messages.create")}
    assert all("inferred from the call shape" in s.evidence[-1].note for s in result.sites)


def test_a_factory_call_and_a_class_attribute_with_no_value_are_matched_by_shape(tmp_path):
    """``factory.build().chat.completions.create(model=...)`` on a parameter's method, and a class
    attribute set from a library's factory."""
    result = project(tmp_path, {
        "app.py": (
            "import openai\nimport gateway\n\n"
            "class Bot:\n"
            "    llm = gateway.connect()\n\n"
            "    def reply(self):  # llm-latency: scheduled\n"
            "        return self.llm.chat.completions.create(model='gpt-4o', messages=[])\n\n"
            "def job(factory):  # llm-latency: scheduled\n"
            "    return factory.build().chat.completions.create(model='gpt-4o', messages=[])\n"
        ),
    })
    assert found(result) == {("app.py", 8): ("openai", "chat.completions.create"),
                             ("app.py", 11): ("openai", "chat.completions.create")}


def test_no_site_without_a_model_or_on_a_project_function_or_library_name(tmp_path):
    """The fallback keeps its bar: a Twilio-shaped call naming no model on a lost global is no site;
    an attribute of a project function, or of a library module's name, is no lost client, nor is a
    test double (``MagicMock()`` answers any path)."""
    result = project(tmp_path, {
        "app.py": (
            "import anthropic\nimport twilio_wrapper\nimport gateway\nfrom unittest.mock import MagicMock\n\n"
            "sms = twilio_wrapper.make()\nfake = MagicMock()\n\n"
            "def helper():\n    pass\n\n"
            "def job():  # llm-latency: scheduled\n"
            "    sms.messages.create(to='+1', body='hi')\n"
            "    helper.messages.create(model='m', max_tokens=1, messages=[])\n"
            "    gateway.shared.messages.create(model='m', max_tokens=1, messages=[])\n"
            "    fake.messages.create(model='m', max_tokens=1, messages=[])\n"
        ),
    })
    assert found(result) == {}


def test_an_sdk_object_without_the_operation_is_matched_by_shape(tmp_path):
    """A field annotated ``Union[ChatOpenAI, OpenAI]`` with LangChain's ``OpenAI`` and built from a
    LangChain model: ``self.llm.chat.completions.create(model=...)`` is no operation of either type,
    so the path is matched by its shape, and the evidence names the type it had; without ``model=``
    it stays no site."""
    result = project(tmp_path, {
        "openai_use.py": "import openai\n",
        "llm.py": (
            "from typing import Optional, Union\n"
            "from langchain_openai import ChatOpenAI, OpenAI\n\n"
            "class LLM:\n"
            "    llm: Optional[Union[ChatOpenAI, OpenAI]] = None\n\n"
            "    def __init__(self):\n"
            "        self.llm = ChatOpenAI(model='gpt-4o')\n\n"
            "    def complete(self, q):  # llm-latency: scheduled\n"
            "        return self.llm.chat.completions.create(model='gpt-4o', messages=q)\n\n"
            "    def other(self, q):  # llm-latency: scheduled\n"
            "        return self.llm.chat.completions.create(messages=q)\n"
        ),
    })
    assert found(result) == {("llm.py", 11): ("openai", "chat.completions.create")}
    note = result.sites[0].evidence[-1].note
    assert "the receiver is a langchain_openai.ChatOpenAI" in note and "inferred from the call shape" in note


def test_a_distinctive_one_segment_method_needs_its_sdk_imported(tmp_path):
    """``embed_content(model=..., content=...)`` on a receiver with no value is the legacy Gemini SDK's
    (``genai.get_embedding_model`` does not exist, the module's ``embed_content`` does) where the file
    imports ``google``; in a project that never imports it, or without ``model=``, it is no site."""
    result = project(tmp_path, {
        "emb.py": (
            "from google import genai\n\n"
            "embedding_model = genai.get_embedding_model('text-embedding-004')\n\n"
            "class Rag:\n"
            "    def __init__(self):\n"
            "        self.model = genai.get_embedding_model('text-embedding-004')\n\n"
            "    def embed(self, q):  # llm-latency: scheduled\n"
            "        return self.model.embed_content(model='text-embedding-004', content=q)\n\n"
            "def embed_all(texts):  # llm-latency: scheduled\n"
            "    return [embedding_model.embed_content(model='text-embedding-004', content=t) for t in texts]\n\n"
            "def no_model(q):  # llm-latency: scheduled\n"
            "    return embedding_model.embed_content(content=q)\n"
        ),
    })
    assert found(result) == {("emb.py", 10): ("google-generativeai", "google.generativeai.embed_content"),
                             ("emb.py", 13): ("google-generativeai", "google.generativeai.embed_content")}
    other = project(tmp_path / "plain", {
        "emb.py": ("import store\n\nm = store.get()\n\n"
                   "def embed(q):  # llm-latency: scheduled\n    return m.embed_content(model='x', content=q)\n"),
    })
    assert found(other) == {}
