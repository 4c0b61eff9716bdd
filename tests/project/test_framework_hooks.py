"""A project subclass of a framework base the framework calls back (``BaseRetriever._retrieve``):
the function that hands an instance over reaches the hook (issue 15, round 2 holdout)."""
from __future__ import annotations

from textwrap import dedent

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run


def classes(tmp_path, source: str):
    (tmp_path / "app.py").write_text(dedent(source), encoding="utf-8")
    result = run([tmp_path], Config(), root=tmp_path)
    return sorted((s.resolved.site.line, s.latency_class) for s in result.sites)


SOURCE = """
    from flask import Flask
    from llama_index.core import Settings
    from llama_index.core.chat_engine import CondensePlusContextChatEngine
    from llama_index.core.retrievers import BaseRetriever
    from llama_index.postprocessor.cohere_rerank import CohereRerank

    app = Flask(__name__)

    class ArchiveRetriever(BaseRetriever):
        def _retrieve(self, query_bundle):
            return CohereRerank(api_key="k").postprocess_nodes([], query_bundle)

    class Unused(BaseRetriever):
        def _retrieve(self, query_bundle):
            return CohereRerank(api_key="k").postprocess_nodes([], query_bundle)

    def make_engine():
        return CondensePlusContextChatEngine.from_defaults(retriever=ArchiveRetriever(), llm=Settings.llm)

    @app.route("/ask")
    def ask():
        return str(make_engine().chat("q"))
"""


def test_a_retriever_handed_to_a_chat_engine_runs_where_the_engine_is_built(tmp_path):
    found = classes(tmp_path, SOURCE)
    assert found == [(12, "real-time"), (16, "unknown"), (23, "real-time")]
