"""Round 17's review of the catalog17 shapes: LlamaIndex operations that use ``Settings.llm`` or
their own model besides ``Settings.embed_model``, ``Settings`` read only in the modules a program
loads, wxPython timers, and the ``self.`` URL reading at the size of a long class."""
from __future__ import annotations

from typing import List

from support.scan import project_classes, scan

from llm_latency_lint.facts import url_choices
from llm_latency_lint.facts.visitor import extract


def test_a_wx_timer_is_no_person_waiting_but_a_button_is(tmp_path):
    """``wx.EVT_TIMER`` fires on the clock (wxPython docs, wx.Timer): a report the window refreshes
    hourly and a cron job also runs is scheduled, not mixed; ``wx.EVT_BUTTON`` stays a person."""
    files = {
        "report.py": """
            from openai import OpenAI

            def make_report():
                return OpenAI().chat.completions.create(model="m", messages=[])
        """,
        "dashboard.py": """
            import wx
            from report import make_report

            class Dashboard(wx.Frame):
                def __init__(self):
                    super().__init__(None)
                    self.timer = wx.Timer(self)
                    self.Bind(wx.EVT_TIMER, self.on_tick, self.timer)
                    self.Bind(wx.EVT_IDLE, self.on_tick)

                def on_tick(self, event):
                    make_report()
        """,
        "nightly.py": """
            from report import make_report

            if __name__ == "__main__":
                make_report()
        """,
        "crontab": "0 2 * * * cd /srv/app && python nightly.py\n",
    }
    assert project_classes(tmp_path, files) == {("report.py", 4): "scheduled"}
    (tmp_path / "ask.py").write_text(
        "import wx\nfrom report import make_report\n\n\nclass Ask(wx.Frame):\n    def __init__(self):\n"
        "        super().__init__(None)\n        button = wx.Button(self)\n"
        "        button.Bind(wx.EVT_BUTTON, lambda event: make_report())\n", encoding="utf-8")
    result = scan(tmp_path, "", name="empty.py")
    assert {(s.resolved.facts.path, s.latency_class) for s in result.sites} == {("report.py", "mixed")}


def test_a_self_url_set_by_many_setters_is_read_once_per_assignment(tmp_path, monkeypatch):
    """A class of 200 setters each writing ``self.url = self.url if flag else self.url``: the
    request still goes to the one URL ``__init__`` names, and the attribute's choices are read once
    per assignment (a setter reading the attribute back adds nothing), not once per assignment per
    hop, which took minutes at this size."""
    calls: List[int] = []
    real = url_choices.UrlChoicesMixin.url_choices

    def counted(self, node, depth=0):
        calls.append(depth)
        return real(self, node, depth)

    monkeypatch.setattr(url_choices.UrlChoicesMixin, "url_choices", counted)
    setters = "".join(f"\n    def set{i}(self, flag):\n        self.url = self.url if flag else self.url\n"
                      for i in range(200))
    source = ("import requests\n\n\nclass Client:\n    def __init__(self):\n"
              "        self.url = 'https://api.openai.com/v1/chat/completions'\n" + setters +
              "\n    def ask(self, messages):\n"
              "        return requests.post(self.url, json={'model': 'gpt-4o', 'messages': messages})\n")
    facts = extract(source, "client.py", "client")
    posts = [s for s in facts.call_sites if str(s.callee[1]).startswith("POST:")]
    assert [(s.line, s.callee[1]) for s in posts] == [(609, "POST:api.openai.com/chat/completions")]
    assert len(calls) <= 4 * 200


def test_graph_indexes_ask_settings_llm_and_a_pipeline_runs_its_own_models(tmp_path):
    """With ``Settings.embed_model`` in the process and ``Settings.llm`` hosted, a knowledge or
    property graph built from documents still asks the LLM for each chunk's triplets and paths; a
    pipeline embeds with the model among its transformations, not ``Settings``'. A vector index
    only embeds: no site. Even with both ``Settings`` models local the pipeline stays a site."""
    files = {
        "settings.py": """
            from llama_index.core import Settings
            from llama_index.embeddings.huggingface import HuggingFaceEmbedding
            from llama_index.llms.openai import OpenAI

            Settings.embed_model = HuggingFaceEmbedding(model_name="BAAI/bge-small-en-v1.5")
            Settings.llm = OpenAI(model="gpt-4o-mini")
        """,
        "build.py": """
            import settings  # noqa: F401
            from llama_index.core import KnowledgeGraphIndex, PropertyGraphIndex, VectorStoreIndex
            from llama_index.core.ingestion import IngestionPipeline
            from llama_index.core.node_parser import SentenceSplitter
            from llama_index.embeddings.openai import OpenAIEmbedding

            def nightly(docs):  # llm-latency: scheduled
                KnowledgeGraphIndex.from_documents(docs, max_triplets_per_chunk=2)
                PropertyGraphIndex.from_documents(docs)
                VectorStoreIndex.from_documents(docs)
                pipeline = IngestionPipeline(transformations=[SentenceSplitter(), OpenAIEmbedding()])
                return pipeline.run(documents=docs)
        """,
    }
    assert project_classes(tmp_path, files) == {
        ("build.py", 8): "scheduled", ("build.py", 9): "scheduled", ("build.py", 12): "scheduled"}
    result = scan(tmp_path, (tmp_path / "build.py").read_text(encoding="utf-8"), name="build.py")
    graphs = [s.resolved.match for s in result.sites if s.resolved.site.line in (8, 9)]
    assert [(m.backend.id if m.backend else None, m.model) for m in graphs] == [
        ("openai", "Settings.llm = OpenAI"), ("openai", "Settings.llm = OpenAI")]
    (tmp_path / "settings.py").write_text(
        "from llama_index.core import Settings\nfrom llama_index.embeddings.huggingface import HuggingFaceEmbedding\n"
        "from llama_index.llms.huggingface import HuggingFaceLLM\n\n"
        "Settings.embed_model = HuggingFaceEmbedding(model_name='m')\nSettings.llm = HuggingFaceLLM(model_name='m')\n",
        encoding="utf-8")
    result = scan(tmp_path, (tmp_path / "build.py").read_text(encoding="utf-8"), name="build.py")
    assert [s.resolved.site.line for s in result.sites] == [12]


def test_settings_count_only_in_the_program_that_sets_them(tmp_path):
    """``Settings`` is process state: a demo script that sets a local embed model under its main
    guard shares no program with the server beside it, whose index still embeds with LlamaIndex's
    hosted default; a module the server imports sets its model."""
    files = {
        "offline_demo.py": """
            from llama_index.core import Settings, SimpleDirectoryReader, VectorStoreIndex
            from llama_index.embeddings.huggingface import HuggingFaceEmbedding

            if __name__ == "__main__":
                Settings.embed_model = HuggingFaceEmbedding(model_name="BAAI/bge-small-en-v1.5")
                VectorStoreIndex.from_documents(SimpleDirectoryReader("data").load_data())
        """,
        "server.py": """
            from fastapi import FastAPI
            from llama_index.core import Document, VectorStoreIndex

            app = FastAPI()

            @app.post("/index")
            def index(texts: list[str]):
                VectorStoreIndex.from_documents([Document(text=t) for t in texts])
                return {"ok": True}
        """,
    }
    assert project_classes(tmp_path, files) == {("server.py", 8): "real-time"}
    result = scan(tmp_path, (tmp_path / "server.py").read_text(encoding="utf-8"), name="server.py")
    assert [(s.resolved.match.backend.id, s.resolved.match.model) for s in result.sites] == [
        ("openai", "LlamaIndex's default embed_model: no Settings.embed_model in the program")]
    (tmp_path / "server.py").write_text("import config  # noqa: F401\n" + (tmp_path / "server.py").read_text(
        encoding="utf-8"), encoding="utf-8")
    result = scan(tmp_path, "from llama_index.core import Settings\n"
                  "from llama_index.embeddings.huggingface import HuggingFaceEmbedding\n\n"
                  "Settings.embed_model = HuggingFaceEmbedding(model_name='m')\n", name="config.py")
    assert result.sites == []
