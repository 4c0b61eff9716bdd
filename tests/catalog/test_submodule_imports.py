"""Catalogued classes imported from the submodule that defines them (issue 15): a package
re-exports its public classes from ``__init__``, and users import from either spelling."""
from __future__ import annotations

from support.scan import sites

from llm_latency_lint.catalog import providers


def test_langchain_classes_from_their_defining_submodules_are_sites(tmp_path):
    """Embeddings, legacy chains and chat models from ``<package>.<sub>.<module>``: each is the
    catalogued class of the package that re-exports it."""
    found = sites(tmp_path, """
        from langchain_community.embeddings.openai import OpenAIEmbeddings
        from langchain.chains.combine_documents.map_reduce import MapReduceDocumentsChain
        from langchain_openai.chat_models.base import ChatOpenAI

        def embed(texts):
            return OpenAIEmbeddings().embed_documents(texts)

        def summarise(chain: MapReduceDocumentsChain, docs):
            return chain.invoke({"input_documents": docs})

        def ask(prompt):
            return ChatOpenAI(model="gpt-4o").invoke(prompt)
    """)
    assert [(line, provider, op) for line, provider, op in found] == [
        (7, "langchain", "embed_documents"), (10, "langchain", "invoke"), (13, "langchain", "invoke")]


def test_other_sdks_clients_from_their_defining_submodules_are_sites(tmp_path):
    """google-genai's ``google.genai.client.Client`` is catalogued; its private-module twin
    ``openai._client.OpenAI``, LlamaIndex's ``llama_index.llms.openai.base.OpenAI`` and the agents
    SDK's ``agents.run.Runner`` are found through the package that re-exports them."""
    found = sites(tmp_path, """
        from openai._client import OpenAI
        from llama_index.llms.openai.base import OpenAI as LlamaOpenAI
        from agents.run import Runner

        def chat(messages):
            return OpenAI().chat.completions.create(model="gpt-4o", messages=messages)

        def complete(prompt):
            return LlamaOpenAI(model="gpt-4o").complete(prompt)

        def agent(agent, text):
            return Runner.run_sync(agent, text)
    """)
    assert [(line, provider) for line, provider, _ in found] == [(7, "openai"), (10, "llamaindex"), (13, "openai-agents")]


def test_names_that_are_not_reexported_clients_stay_unknown(tmp_path):
    """Response types under ``types``, a lowercase helper of a submodule, a class of another
    top-level package, and a package the project defines itself are no SDK clients."""
    assert providers.canonical("openai.types.chat.ChatCompletion.create") == "openai.types.chat.ChatCompletion.create"
    assert providers.canonical("langchain_community.embeddings.openai.embed_with_retry") == (
        "langchain_community.embeddings.openai.embed_with_retry")
    assert not providers.is_client("mylib.embeddings.openai.OpenAIEmbeddings")
    assert providers.canonical("langchain_community.embeddings.openai.OpenAIEmbeddings") == (
        "langchain_community.embeddings.OpenAIEmbeddings")
    (tmp_path / "langchain_community").mkdir()
    (tmp_path / "langchain_community" / "__init__.py").write_text("")
    (tmp_path / "langchain_community" / "embeddings").mkdir()
    (tmp_path / "langchain_community" / "embeddings" / "__init__.py").write_text("")
    (tmp_path / "langchain_community" / "embeddings" / "openai.py").write_text(
        "class OpenAIEmbeddings:\n    def embed_documents(self, texts):\n        return texts\n")
    found = sites(tmp_path, """
        from langchain_community.embeddings.openai import OpenAIEmbeddings

        def embed(texts):
            return OpenAIEmbeddings().embed_documents(texts)
    """)
    assert found == []
