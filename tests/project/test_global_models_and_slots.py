"""Round 4 shapes (issue 15): models set globally (LlamaIndex ``Settings``), names a function
binds with ``global``, session slots keyed by (store, module, literal), callables that wrap a call,
routers called on a text, and a raw HTTP URL held by another module's constant."""
from __future__ import annotations

from support.scan import sites as lines
from test_graph import project, sites


def test_llamaindex_operations_are_sites_with_the_models_set_globally(tmp_path):
    """No model object reaches ``from_documents``, ``retrieve`` or ``query``: the index, retriever
    and engine use ``Settings`` (default OpenAI), so the operation is the site; readers, splitters
    and an index loaded from a vector store call nothing."""
    found = lines(tmp_path, """
        from llama_index.core import Settings, SimpleDirectoryReader, VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter
        from llama_index.embeddings.openai import OpenAIEmbedding

        Settings.embed_model = OpenAIEmbedding(model="text-embedding-3-small")


        def build(folder, store):
            docs = SimpleDirectoryReader(folder).load_data()
            nodes = SentenceSplitter().get_nodes_from_documents(docs)
            loaded = VectorStoreIndex.from_vector_store(store)
            index = VectorStoreIndex.from_documents(docs)
            return index.as_retriever(similarity_top_k=2).retrieve("q"), nodes, loaded
    """)
    assert found == [(13, "llamaindex", "llama_index.core.VectorStoreIndex.from_documents"),
                     (14, "llamaindex", "retrieve")]


def test_a_file_using_llamaindex_only_to_read_and_split_has_no_site(tmp_path):
    assert lines(tmp_path, """
        from llama_index.core import SimpleDirectoryReader
        from llama_index.core.node_parser import SentenceSplitter


        def chunks(folder):
            docs = SimpleDirectoryReader(folder).load_data()
            return SentenceSplitter(chunk_size=256).get_nodes_from_documents(docs)
    """) == []


def test_a_function_declaring_global_binds_the_module_name(tmp_path):
    """``global ENGINE; ENGINE = build()`` in a start-up function: the tool reading ``ENGINE`` gets it."""
    files = {
        "server.py": "from llama_index.core.query_engine import RetrieverQueryEngine\n\nENGINE = None\n\n\n"
                     "def init(retriever):\n    global ENGINE\n    ENGINE = RetrieverQueryEngine(retriever=retriever)\n\n\n"
                     "def local_only(retriever):\n    OTHER = RetrieverQueryEngine(retriever=retriever)\n    return OTHER\n\n\n"
                     "def ask(question):  # llm-latency: real-time\n    return ENGINE.query(question)\n\n\n"
                     "def other(question):  # llm-latency: real-time\n    return OTHER.query(question)\n",
    }
    result = project(tmp_path, files)
    assert sites(result) == {("server.py", 17): ("query", "real-time")}


CHAINLIT_APP = (
    "import chainlit as cl\nfrom langchain.chains import RetrievalQA\n\nKEY = 'chain'\n\n\n"
    "@cl.on_chat_start\nasync def start():\n    cl.user_session.set(KEY, RetrievalQA.from_chain_type(llm=None))\n\n\n"
    "@cl.on_message\nasync def main(message):\n    chain = cl.user_session.get('chain')\n"
    "    return await chain.acall(message.content)\n"
)


def test_a_chainlit_session_slot_holds_what_its_module_sets_under_that_key(tmp_path):
    files = {
        "app.py": CHAINLIT_APP,
        # another app's module reads the same key it never sets: no value, no site
        "other.py": "import chainlit as cl\n\n\n@cl.on_message\nasync def main(message):\n"
                    "    chain = cl.user_session.get('chain')\n    return await chain.acall(message.content)\n",
        "third.py": "import chainlit as cl\nfrom langchain.agents import initialize_agent\n\n\n"
                    "@cl.on_chat_start\nasync def start():\n    cl.user_session.set('agent', initialize_agent([], None))\n"
                    "    cl.user_session.set('name', 'x')\n\n\n"
                    "@cl.on_message\nasync def main(message):\n    agent = cl.user_session.get('agent')\n"
                    "    name = cl.user_session.get('name')\n    return await agent(message.content), name\n",
    }
    result = project(tmp_path, files)
    found = sites(result)
    assert found == {("app.py", 15): ("acall", "real-time"), ("third.py", 15): ("__call__", "real-time")}


def test_a_context_variable_is_its_own_module_s_slot(tmp_path):
    """Two modules' ``ContextVar("llm")`` are two holders: one's ``set`` does not reach the other's ``get``."""
    files = {
        "a.py": "from contextvars import ContextVar\n\nfrom openai import OpenAI\n\nllm = ContextVar('llm')\n\n\n"
                "def setup():\n    llm.set(OpenAI())\n\n\n"
                "def nightly():  # llm-latency: scheduled\n    setup()\n"
                "    return llm.get().chat.completions.create(model='m', messages=[])\n",
        "b.py": "from contextvars import ContextVar\n\nllm = ContextVar('llm')\n\n\n"
                "def nightly():  # llm-latency: scheduled\n"
                "    return llm.get().chat.completions.create(model='m', messages=[])\n",
    }
    result = project(tmp_path, files)
    assert sites(result) == {("a.py", 14): ("chat.completions.create", "scheduled")}


def test_callables_that_wrap_a_call_run_what_they_wrap(tmp_path):
    """``cl.make_async(agent.initiate_chat)(...)`` and ``sync_to_async(f)(...)`` run the method;
    an AutoGen ``send`` asks the recipient for a reply."""
    found = lines(tmp_path, """
        import chainlit as cl
        from asgiref.sync import sync_to_async
        from autogen import AssistantAgent, UserProxyAgent

        assistant = AssistantAgent("a", llm_config={"model": "gpt-4o"})
        proxy = UserProxyAgent("u")


        @cl.on_message
        async def run(message):
            await cl.make_async(proxy.initiate_chat)(assistant, message=message.content)
            await sync_to_async(proxy.send)(message.content, assistant)
            await cl.make_async(print)(message.content)
    """)
    assert found == [(12, "autogen", "initiate_chat"), (13, "autogen", "send")]


def test_a_semantic_router_called_on_a_text_embeds_it(tmp_path):
    found = lines(tmp_path, """
        from semantic_router import Route, RouteLayer, SemanticRouter
        from semantic_router.encoders import OpenAIEncoder


        def pick(text, routes):
            layer = RouteLayer(encoder=OpenAIEncoder(), routes=routes)
            route = layer(text)
            router = SemanticRouter(encoder=OpenAIEncoder(), routes=[Route(name="a", utterances=["x"])])
            return route, router(text), router.route_names() if hasattr(router, "route_names") else None
    """)
    assert found == [(8, "semantic-router", "__call__"), (10, "semantic-router", "__call__")]


def test_a_raw_post_to_another_module_s_url_constant_is_its_endpoint(tmp_path):
    """``from env import ENDPOINT; requests.post(ENDPOINT, json={"model", "messages"})``: the
    project stage reads the constant; a constant naming no LLM endpoint makes no site."""
    files = {
        "env.py": "ENDPOINT = 'https://api.mistral.ai/v1/chat/completions'\nHOOK = 'https://example.com/hook'\n",
        "ask.py": "import requests\nfrom env import ENDPOINT, HOOK\n\n\n"
                  "def ask(messages):  # llm-latency: real-time\n"
                  "    data = {'model': 'mistral-small', 'messages': messages}\n"
                  "    requests.post(ENDPOINT, json=data)\n"
                  "    return requests.post(HOOK, json=data)\n",
    }
    result = project(tmp_path, files)
    found = {(s.resolved.site.line, s.resolved.match.provider.id, s.latency_class) for s in result.sites}
    assert found == {(7, "mistral", "real-time")}


def test_the_model_a_llamaindex_index_calls_is_the_one_in_settings_else_openai(tmp_path):
    """The backend (whose batch API a scheduled call could move to) is the provider of the model
    ``Settings`` holds, LlamaIndex's OpenAI default when the project sets none; a local model has none."""
    files = {
        "setup.py": "from llama_index.core import Settings\nfrom llama_index.embeddings.ollama import OllamaEmbedding\n"
                    "from llama_index.llms.anthropic import Anthropic\n\n"
                    "Settings.llm = Anthropic(model='claude-3-5-haiku-latest')\n"
                    "Settings.embed_model = OllamaEmbedding(model_name='nomic-embed-text')\n",
        "job.py": "from llama_index.core import VectorStoreIndex\n\n\n"
                  "def nightly(docs):  # llm-latency: scheduled\n"
                  "    index = VectorStoreIndex.from_documents(docs)\n"
                  "    return index.as_query_engine().query('summary')\n",
        "main.py": "import setup  # noqa: F401\nimport job  # noqa: F401\n",  # one program loads both
    }
    result = project(tmp_path, files)
    found = {s.resolved.site.line: (s.resolved.match.backend.id if s.resolved.match.backend else None,
                                    s.resolved.match.model) for s in result.sites}
    assert found == {5: (None, ""), 6: ("anthropic", "Settings.llm = Anthropic")}
    del files["setup.py"]
    (tmp_path / "setup.py").unlink()
    result = project(tmp_path, files)
    found = {s.resolved.site.line: s.resolved.match.backend.id for s in result.sites}
    assert found == {5: "openai", 6: "openai"}


def test_every_runner_or_wrapper_of_a_project_function_is_an_edge_to_it(tmp_path):
    runners = ["anyio.to_thread.run_sync(a, 'x')", "sync_to_async(b)('x')", "cl.make_async(c)('x')",
               "functools.partial(d, 'x')()", "asyncio.get_running_loop().run_in_executor(None, e, 'x')",
               "asyncio.to_thread(f, 'x')"]
    files = {
        "jobs.py": "import asyncio\nimport functools\n\nimport anyio\nimport chainlit as cl\n"
                   "from asgiref.sync import sync_to_async\n\nfrom work import a, b, c, d, e, f\n\n\n"
                   "async def nightly():  # llm-latency: scheduled\n" + "".join(f"    await {r}\n" for r in runners),
        "work.py": "from openai import OpenAI\n\nclient = OpenAI()\n" + "".join(
            f"\n\ndef {name}(t):\n    return client.embeddings.create(model='m', input=t)\n" for name in "abcdef"),
    }
    result = project(tmp_path, files)
    assert sorted(sites(result).values()) == [("embeddings.create", "scheduled")] * 6


def test_a_llamaindex_model_passed_in_is_not_the_default(tmp_path):
    """A local model passed to the index or engine (``llm=Ollama(...)``, ``embed_model=HuggingFace...``)
    is what the call uses: no OpenAI backend is assumed, so nothing is batch-eligible; an index
    embedding with ``HuggingFaceEmbedding`` (sentence-transformers in the process) sends nothing at
    all (``catalog/providers/local_models.py``). Without one, LlamaIndex's default (OpenAI) is."""
    files = {
        "local.py": "from llama_index.core import VectorStoreIndex\nfrom llama_index.llms.ollama import Ollama\n"
                    "from llama_index.embeddings.huggingface import HuggingFaceEmbedding\n\n\n"
                    "def nightly(docs):  # llm-latency: scheduled\n"
                    "    index = VectorStoreIndex.from_documents(docs, embed_model=HuggingFaceEmbedding(model_name='m'))\n"
                    "    engine = index.as_query_engine(llm=Ollama(model='llama3'))\n"
                    "    first = engine.query('q')\n"
                    "    return first, index.as_query_engine(llm=Ollama(model='llama3')).query('q')\n",
        "default.py": "from llama_index.core import VectorStoreIndex\n\n\n"
                      "def nightly(docs):  # llm-latency: scheduled\n"
                      "    return VectorStoreIndex.from_documents(docs).as_query_engine().query('q')\n",
    }
    result = project(tmp_path, files)
    backends = {(s.resolved.facts.path, s.resolved.site.line):
                s.resolved.match.backend.id if s.resolved.match.backend else None for s in result.sites}
    assert backends == {("local.py", 9): None, ("local.py", 10): None,
                        ("default.py", 5): "openai"}


def test_a_raw_post_to_a_parameter_reads_what_callers_in_other_files_pass(tmp_path):
    """``def post_chat(url, payload): requests.post(url, json=...)`` with no caller in its file: the
    URL is what callers anywhere pass for ``url`` (a URL string, a module constant, or their own
    parameter's callers'); a helper only ever handed a webhook makes no site."""
    files = {
        "http_util.py": "import requests\n\n\ndef post_chat(url, messages):\n"
                        "    return requests.post(url, json={'model': 'm', 'messages': messages})\n\n\n"
                        "def post_hook(url, messages):\n"
                        "    return requests.post(url, json={'model': 'm', 'messages': messages})\n",
        "relay.py": "from http_util import post_chat\n\n\ndef relay(target, messages):\n    return post_chat(target, messages)\n",
        "jobs.py": "from http_util import post_hook\nfrom relay import relay\n\nBASE = 'https://api.groq.com/openai/v1'\n"
                   "HOOK = 'https://example.com/hook'\n\n\n"
                   "def nightly(m):  # llm-latency: scheduled\n"
                   "    relay(f'{BASE}/chat/completions', m)\n    return post_hook(HOOK, m)\n",
    }
    result = project(tmp_path, files)
    found = {(s.resolved.facts.path, s.resolved.site.line, s.resolved.match.provider.id, s.latency_class)
             for s in result.sites}
    assert found == {("http_util.py", 5, "groq", "scheduled")}
