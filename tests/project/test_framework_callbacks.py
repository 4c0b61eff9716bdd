"""Framework callback protocols (issue 15): a project subclass of a framework's embeddings, LLM,
chat-model or tool base is called back by the vector store, chain or index it is handed to, or by
the base's own public methods (``catalog/callbacks.py``)."""
from __future__ import annotations

from test_graph import project, sites

SDK = "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(text):\n    return client.chat.completions.create(model='m', messages=[])\n"
SITE = ("llm.py", 7)
ROUTE = "from fastapi import FastAPI\n{imports}\n\napp = FastAPI()\n\n\n@app.post('/ask')\ndef answer(q: str):\n{body}"
JOB = "{imports}\n\n\ndef nightly():  # llm-latency: scheduled\n{body}"

EMBEDDER = ("from langchain_core.embeddings import Embeddings\nfrom llm import ask\n\n\n"
            "class Embedder(Embeddings):\n    def embed_documents(self, texts):\n        return [ask(t) for t in texts]\n\n"
            "    def embed_query(self, text):\n        return self.embed_documents([text])[0]\n")
PLAIN = "from llm import ask\n\n\nclass Embedder:\n    def embed_query(self, text):\n        return ask(text)\n"


def klass(tmp_path, files):
    return sites(project(tmp_path, {"llm.py": SDK, **files})).get(SITE, (None, None))[1]


def indent(*lines):
    return "".join(f"    {line}\n" for line in lines)


def test_an_embeddings_subclass_handed_to_a_vector_store_is_called_back_where_it_is_handed(tmp_path):
    imports = "from langchain_community.vectorstores import FAISS\nfrom emb import Embedder"
    route = ROUTE.format(imports=imports, body=indent("store = FAISS.load_local('ix', Embedder())",
                                                      "return store.similarity_search(q)"))
    assert klass(tmp_path / "a", {"emb.py": EMBEDDER, "views.py": route}) == "real-time"
    # a named instance (``FAISS.from_texts(chunks, emb)``) is handed over the same way
    job = JOB.format(imports=imports, body=indent("emb = Embedder()", "FAISS.from_texts(['a'], emb).save_local('ix')"))
    assert klass(tmp_path / "b", {"emb.py": EMBEDDER, "jobs.py": job}) == "scheduled"
    assert klass(tmp_path / "c", {"emb.py": EMBEDDER, "jobs.py": job, "views.py": route}) == "mixed"


def test_a_keyword_and_an_attribute_holding_the_instance(tmp_path):
    body = indent("store = Chroma(embedding_function=self.emb)", "return store.similarity_search(q)")
    service = ("from langchain_chroma import Chroma\nfrom emb import Embedder\n\n\nclass Search:\n"
               "    def __init__(self):\n        self.emb = Embedder()\n\n    def run(self, q):\n"
               + body.replace("    ", "        "))
    route = ROUTE.format(imports="from service import Search", body=indent("return Search().run(q)"))
    assert klass(tmp_path, {"emb.py": EMBEDDER, "service.py": service, "views.py": route}) == "real-time"


def test_a_subclass_never_handed_to_a_framework_stays_unknown(tmp_path):
    route = ROUTE.format(imports="from emb import Embedder", body=indent("e = Embedder()", "return {'ok': True}"))
    assert klass(tmp_path, {"emb.py": EMBEDDER, "views.py": route}) == "unknown"


def test_a_plain_class_with_the_method_names_and_no_framework_base_is_not_called_back(tmp_path):
    route = ROUTE.format(imports="from langchain_community.vectorstores import FAISS\nfrom emb import Embedder",
                         body=indent("emb = Embedder()", "return FAISS.load_local('ix', emb).similarity_search(q)"))
    assert klass(tmp_path, {"emb.py": PLAIN, "views.py": route}) == "unknown"


LLM = ("from langchain_core.language_models.llms import LLM\nfrom llm import ask\n\n\n"
       "class LocalLLM(LLM):\n    def _call(self, prompt, stop=None, **kwargs):\n        return ask(prompt)\n\n"
       "    @property\n    def _llm_type(self):\n        return 'local'\n")


def test_a_custom_langchain_llm_run_by_its_public_methods_or_a_chain(tmp_path):
    route = ROUTE.format(imports="from model import LocalLLM", body=indent("llm = LocalLLM()", "return llm.invoke(q)"))
    assert klass(tmp_path / "a", {"model.py": LLM, "views.py": route}) == "real-time"
    job = JOB.format(imports="from langchain.chains import RetrievalQA\nfrom model import LocalLLM",
                     body=indent("qa = RetrievalQA.from_chain_type(llm=LocalLLM(), retriever=None)", "qa.invoke('x')"))
    assert klass(tmp_path / "b", {"model.py": LLM, "jobs.py": job}) == "scheduled"


def test_llama_index_custom_llm_and_embedding(tmp_path):
    custom = ("from llama_index.core.llms import CustomLLM\nfrom llama_index.core.embeddings import BaseEmbedding\n"
              "from llm import ask\n\n\nclass Mine(CustomLLM):\n    def complete(self, prompt, **kw):\n        return ask(prompt)\n\n\n"
              "class Vectors(BaseEmbedding):\n    def _get_query_embedding(self, query):\n        return ask(query)\n")
    route = ROUTE.format(imports="from llama_index.core import VectorStoreIndex\nfrom custom import Mine",
                         body=indent("llm = Mine()", "return VectorStoreIndex([]).as_query_engine(llm=llm).query(q)"))
    assert klass(tmp_path / "a", {"custom.py": custom, "views.py": route}) == "real-time"
    job = JOB.format(imports="from custom import Vectors", body=indent("Vectors().get_query_embedding('x')"))
    assert klass(tmp_path / "b", {"custom.py": custom, "jobs.py": job}) == "scheduled"


def test_a_crewai_tool_handed_to_an_agent(tmp_path):
    tool = ("from crewai.tools import BaseTool\nfrom llm import ask\n\n\nclass Lookup(BaseTool):\n"
            "    name: str = 'lookup'\n\n    def _run(self, query):\n        return ask(query)\n")
    job = JOB.format(imports="from crewai import Agent\nfrom tools import Lookup",
                     body=indent("Agent(role='r', goal='g', backstory='b', tools=[Lookup()]).kickoff('x')"))
    assert klass(tmp_path, {"tools.py": tool, "jobs.py": job}) == "scheduled"


TOOL = ("from langchain_core.tools import BaseTool\nfrom llm import ask\n\n\nclass Lookup(BaseTool):\n"
        "    name: str = 'lookup'\n\n    async def _arun(self, query):\n        return ask(query)\n")
AGENT = ("from langchain_openai import ChatOpenAI\nfrom tools import Lookup\n\n\nclass Agent:\n"
         "    def __init__(self):\n        self.tools = [Lookup()]\n        self.bound = ChatOpenAI().bind_tools(self.tools)\n"
         "        print(len(self.tools))\n\n    async def research(self, q):\n{run}")


def test_a_tool_the_code_runs_itself_is_run_there_not_where_it_is_handed_over(tmp_path):
    """Built at start-up (a nightly job builds the agent) and handed to ``bind_tools``, which runs
    nothing: the tool's ``_arun`` runs where ``tool.ainvoke()`` is called, in the route."""
    agent = AGENT.format(run="        return await self.tools[0].ainvoke({'query': q})\n")
    route = ROUTE.format(imports="from agent import Agent", body=indent("return Agent().research(q)"))
    job = JOB.format(imports="from agent import Agent", body=indent("Agent()"))
    assert klass(tmp_path, {"tools.py": TOOL, "agent.py": agent, "views.py": route, "jobs.py": job}) == "real-time"


def test_a_hand_over_with_no_run_found_still_runs_the_tool(tmp_path):
    agent = AGENT.format(run="        return None\n")
    job = JOB.format(imports="from agent import Agent", body=indent("Agent()"))
    assert klass(tmp_path, {"tools.py": TOOL, "agent.py": agent, "jobs.py": job}) == "scheduled"


def test_a_builtin_handed_the_instance_calls_nothing_back(tmp_path):
    job = JOB.format(imports="from tools import Lookup", body=indent("tools = [Lookup()]", "print(len(tools))"))
    assert klass(tmp_path, {"tools.py": TOOL, "jobs.py": job}) == "unknown"


LLM_CLASS = ("from langchain_core.language_models.llms import LLM\nfrom llm import ask\n\n\n"
             "class MyLLM(LLM):\n    def _call(self, prompt, stop=None, run_manager=None, **kw):\n        return ask(prompt)\n")


def test_a_run_in_another_file_leaves_a_schedules_hand_over_live(tmp_path):
    """The route runs its own instance; the nightly job hands another to a chain, which calls it
    back: both paths reach the call."""
    route = ROUTE.format(imports="from mine import MyLLM", body=indent("return MyLLM().invoke(q)"))
    job = JOB.format(imports="from langchain.chains import RetrievalQA\nfrom mine import MyLLM",
                     body=indent("qa = RetrievalQA.from_chain_type(MyLLM(), retriever=None)", "qa.invoke({'query': 'x'})"))
    assert klass(tmp_path, {"mine.py": LLM_CLASS, "views.py": route, "jobs.py": job}) == "mixed"


def test_a_builtin_that_keeps_the_instance_hands_it_over(tmp_path):
    """``dict(llm=...)`` keeps the instance for the chain the options build: it is handed over."""
    job = JOB.format(imports="from langchain.chains import RetrievalQA\nfrom mine import MyLLM",
                     body=indent("options = dict(llm=MyLLM(), retriever=None)",
                                 "RetrievalQA.from_chain_type(**options).invoke({'query': 'x'})"))
    assert klass(tmp_path, {"mine.py": LLM_CLASS, "jobs.py": job}) == "scheduled"
