"""Round 16's SDK shapes (issue 15): Letta agent messages, Bedrock AgentCore runtimes, LangMem's
model-backed runnables, names a main guard binds for the module, in-process LlamaIndex ``Settings``
models, a ``self.`` URL chosen by a conditional, and desktop GUI callbacks."""
from __future__ import annotations

from support.scan import project_classes, scan, sites


def test_letta_agent_messages_are_agent_runs_and_listing_is_not(tmp_path):
    """Method names checked against letta-client 1.12.1 (``stream``) and 0.1.324 (``create_stream``)."""
    found = sites(tmp_path, """
        from letta_client import AsyncLetta, Letta

        client = Letta(base_url="http://localhost:8283")

        def ask(agent_id, text):
            client.agents.messages.create(agent_id=agent_id, messages=[{"role": "user", "content": text}])
            client.agents.messages.stream(agent_id=agent_id, messages=[])
            client.agents.messages.create_stream(agent_id=agent_id, messages=[])
            client.agents.messages.create_async(agent_id=agent_id, messages=[])
            client.agents.messages.list(agent_id=agent_id)
            return client.agents.list()

        async def ask_async(agent_id):
            return await AsyncLetta().conversations.messages.create("conv-1", messages=[])
    """)
    assert found == [(7, "letta", "agents.messages.create"), (8, "letta", "agents.messages.stream"),
                     (9, "letta", "agents.messages.create_stream"), (10, "letta", "agents.messages.create_async"),
                     (15, "letta", "conversations.messages.create")]
    result = scan(tmp_path, "from letta_client import Letta\nLetta().agents.messages.create(agent_id='a', messages=[])\n")
    assert [(s.resolved.match.batch_provider, s.resolved.match.op.batchable) for s in result.sites] == [(None, False)]


def test_a_letta_client_behind_a_lazy_property_is_typed(tmp_path):
    found = sites(tmp_path, """
        from typing import Optional
        from letta_client import Letta

        class Agents:
            def __init__(self):
                self._client: Optional[Letta] = None

            @property
            def client(self) -> Letta:
                if self._client is None:
                    self._client = Letta(base_url="http://letta")
                return self._client

            def send(self, agent_id, text):
                return self.client.agents.messages.create(agent_id=agent_id, messages=[text])
    """)
    assert found == [(16, "letta", "agents.messages.create")]


def test_bedrock_agentcore_runtime_invocation_is_an_agent_run(tmp_path):
    """The only Bedrock word in the file is the ``bedrock-agentcore`` service name: the prefilter
    keeps it; memory and session operations of the same client ask no model (botocore 1.44)."""
    found = sites(tmp_path, """
        import boto3

        agentcore = boto3.client("bedrock-agentcore", region_name="us-east-1")

        def handle(arn, payload):
            agentcore.get_memory_record(memoryId="m", memoryRecordId="r")
            return agentcore.invoke_agent_runtime(agentRuntimeArn=arn, payload=payload)
    """)
    assert found == [(8, "bedrock", "invoke_agent_runtime")]
    control = sites(tmp_path, """
        import boto3

        control = boto3.client("bedrock-agentcore-control")

        def handle(arn, payload):
            return control.invoke_agent_runtime(agentRuntimeArn=arn, payload=payload)
    """)
    assert control == []


def test_langmem_factories_return_runnables_that_ask_their_model(tmp_path):
    found = sites(tmp_path, """
        from langmem import create_memory_manager, create_memory_store_manager

        manager = create_memory_manager("anthropic:claude-sonnet-4-20250514", schemas=[dict])
        store_manager = create_memory_store_manager("openai:gpt-4o-mini", namespace=("memories",))

        async def remember(messages):
            found = await manager.ainvoke({"messages": messages, "existing": []})
            store_manager.invoke({"messages": messages})
            return found
    """)
    assert found == [(8, "langchain", "ainvoke"), (9, "langchain", "invoke")]


def test_a_name_the_main_guard_binds_is_the_module_global_a_handler_reads(tmp_path):
    """``engine = build()`` under ``if __name__ == "__main__":`` binds the module's ``engine``: the
    Slack handler defined above it calls the query engine the factory returns."""
    classes = project_classes(tmp_path, {"bot.py": """
        from llama_index.core import VectorStoreIndex
        from llama_index.core.query_engine import RetrieverQueryEngine
        from slack_bolt import App

        app = App(token="t")

        @app.event("app_mention")
        def mention(body):
            return engine.query(body["event"]["text"])

        def build(store):
            index = VectorStoreIndex.from_vector_store(store)
            return RetrieverQueryEngine(index.as_retriever())

        if __name__ == "__main__":
            engine = build(None)
            app.start()
    """})
    assert classes == {("bot.py", 9): "real-time"}


def test_llamaindex_settings_holding_an_in_process_model_make_no_request(tmp_path):
    """``HuggingFaceEmbedding`` runs sentence-transformers in the process (developers.llamaindex.ai,
    "Local Embeddings with HuggingFace"), as does LangChain's ``HuggingFaceEmbeddings`` behind a
    ``CacheBackedEmbeddings``: building the index and embedding a text are no sites; the engine's
    ``query`` still asks ``Settings.llm``. A hosted ``Settings`` model keeps them sites."""
    local = {
        "setup.py": """
            from langchain.embeddings import CacheBackedEmbeddings
            from langchain_community.embeddings import HuggingFaceEmbeddings
            from llama_index.core import Settings
            from llama_index.llms.openai import OpenAI

            def cached():
                return CacheBackedEmbeddings.from_bytes_store(HuggingFaceEmbeddings(model_name="m"), None)

            Settings.embed_model = cached()
            Settings.llm = OpenAI(model="gpt-4o-mini")
        """,
        "job.py": """
            from llama_index.core import VectorStoreIndex
            from llama_index.embeddings.huggingface import HuggingFaceEmbedding

            def nightly(docs):  # llm-latency: scheduled
                index = VectorStoreIndex.from_documents(docs)
                HuggingFaceEmbedding(model_name="m").get_text_embedding("probe")
                return index.as_query_engine().query("summary")
        """,
        "main.py": "import setup  # noqa: F401\nfrom job import nightly\n",  # one program loads both
    }
    assert project_classes(tmp_path, local) == {("job.py", 7): "scheduled"}
    (tmp_path / "setup.py").write_text(
        "from llama_index.core import Settings\nfrom llama_index.embeddings.huggingface import HuggingFaceEmbedding\n"
        "from llama_index.llms.huggingface import HuggingFaceLLM\n\n"
        "Settings.embed_model = HuggingFaceEmbedding(model_name='m')\nSettings.llm = HuggingFaceLLM(model_name='m')\n",
        encoding="utf-8")
    result = scan(tmp_path, (tmp_path / "job.py").read_text(encoding="utf-8"), name="job.py")
    assert result.sites == []  # both models in the process: the engine's query sends nothing either
    (tmp_path / "setup.py").write_text(
        "from llama_index.core import Settings\nfrom llama_index.embeddings.openai import OpenAIEmbedding\n\n"
        "Settings.embed_model = OpenAIEmbedding(model='text-embedding-3-small')\n", encoding="utf-8")
    result = scan(tmp_path, (tmp_path / "job.py").read_text(encoding="utf-8"), name="job.py")
    assert [(s.resolved.site.line, s.resolved.match.backend.id) for s in result.sites] == [(5, "openai"), (7, "openai")]


def test_a_self_url_chosen_by_a_conditional_is_a_site_for_each_choice(tmp_path):
    """``self.base_url = DEEPSEEK_URL if use_deepseek else "https://api.openai.com/..."`` in
    ``__init__``: the POST in another method may go to either provider."""
    (tmp_path / "config.py").write_text('DEEPSEEK_URL = "https://api.deepseek.com/v1/chat/completions"\n',
                                        encoding="utf-8")
    result = scan(tmp_path, """
        import requests
        from config import DEEPSEEK_URL

        class Explainer:
            def __init__(self, use_deepseek=True):
                self.base_url = DEEPSEEK_URL if use_deepseek else "https://api.openai.com/v1/chat/completions"

            def ask(self, prompt):
                data = {"model": "deepseek-chat", "messages": [{"role": "user", "content": prompt}]}
                return requests.post(self.base_url, json=data, timeout=60)
    """)
    assert sorted((s.resolved.site.line, s.resolved.match.provider.id) for s in result.sites) == [
        (11, "deepseek"), (11, "openai")]


def test_desktop_gui_callbacks_are_a_person_waiting_even_through_a_worker_thread(tmp_path):
    classes = project_classes(tmp_path, {
        "llm.py": """
            from openai import OpenAI

            def ask(text):
                return OpenAI().chat.completions.create(model="m", messages=[text])
        """,
        "tk_app.py": """
            import threading
            import tkinter as tk
            from tkinter import ttk
            from llm import ask

            class App:
                def __init__(self, root):
                    ttk.Button(root, text="Explain", command=self.explain).pack()
                    entry = tk.Entry(root)
                    entry.bind("<Return>", lambda event: self.summarise())

                def explain(self):
                    threading.Thread(target=self._work).start()

                def _work(self):
                    return ask("explain")

                def summarise(self):
                    return ask("summarise")
        """,
        "qt_app.py": """
            from PyQt5.QtWidgets import QPushButton
            from llm import ask

            class Window:
                def __init__(self):
                    self.button = QPushButton("Ask")
                    self.button.clicked.connect(self.on_click)

                def on_click(self):
                    return ask("hi")
        """,
    })
    assert classes == {("llm.py", 4): "real-time"}
    result = scan(tmp_path, "import tkinter as tk\n", name="empty.py")
    sources = {t.source for f in result.files for t in f.triggers}
    assert "desktop-gui" in sources
    notes = sorted(t.note.split(":")[0] for f in result.files for t in f.triggers if t.source == "desktop-gui")
    assert notes == ["Qt signal self.button.clicked -> self.on_click", "Tkinter entry.bind -> lambda event",
                     "Tkinter ttk.Button(command=...) -> self.explain"]


def test_a_tkinter_timer_is_no_person_waiting(tmp_path):
    (tmp_path / "poll.py").write_text(
        "import tkinter as tk\nfrom openai import OpenAI\n\n\ndef tick():\n"
        "    return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
        "root = tk.Tk()\nroot.after(1000, tick)\n", encoding="utf-8")
    result = scan(tmp_path, "", name="empty.py")
    assert not [t for f in result.files for t in f.triggers if t.source == "desktop-gui"]
