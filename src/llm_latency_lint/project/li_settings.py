"""The model a LlamaIndex index, engine or retriever operation calls when none is passed: the one
``Settings`` holds (its ``embed_model`` to embed, else its ``llm``), LlamaIndex's hosted OpenAI
default when the project sets none.

The provider that model class calls is the site's backend. A ``Settings`` model that runs in the
process (``catalog/providers/local_models.py``: ``HuggingFaceEmbedding``, LangChain's
``HuggingFaceEmbeddings`` behind a cache) makes no request: an embedding operation is then no
site, and an engine's ``query`` none when its ``llm`` and ``embed_model`` both run in the process.
"""
from __future__ import annotations

from dataclasses import replace
from typing import List, Optional

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.providers.frameworks import (
    LI_BACKENDS,
    LI_DEFAULT_BACKEND,
    LI_FACTORY_METHODS,
    LI_MODELS,
    LI_SETTINGS,
)
from llm_latency_lint.catalog.providers.local_models import LOCAL_MODELS
from llm_latency_lint.catalog.providers.spec import Match
from llm_latency_lint.expr import last_segment
from llm_latency_lint.model import CallSite, Expr, FileFacts
from llm_latency_lint.project.evaluate import Evaluator
from llm_latency_lint.project.values import Kind, ordered


def settings_model(ev: Evaluator, match: Match, site: CallSite, facts: Optional[FileFacts]) -> Optional[Match]:
    """``match`` with the backend ``Settings`` gives it; None where only in-process models run it.
    A model class matched itself is its own backend (a local one, Ollama, has none); a model passed
    to the call or to a factory of its receiver is unknown here."""
    if match.provider.id != "llamaindex" or match.backend is not None or match.client in LI_MODELS:
        return match
    if site.passes_model or (facts is not None and _factory_passes_model(site, facts)):
        return match
    embedders = _settings(ev, "embed_model")
    setting, models = ("embed_model", embedders) if match.op.embedding else ("llm", _settings(ev, "llm"))
    if _in_process(models) and (match.op.embedding or _in_process(embedders)):
        return None
    hosted = [m for m in models if m not in LOCAL_MODELS]
    backend = LI_BACKENDS.get(hosted[0]) if hosted else LI_DEFAULT_BACKEND if not models else None
    found = providers.provider_by_id(backend) if backend else None
    which = f"Settings.{setting} = {hosted[0].rsplit('.', 1)[-1]}" if hosted else \
        f"LlamaIndex's default {setting}: no Settings.{setting} in the project"
    return replace(match, backend=found, model=which) if found else match


def _settings(ev: Evaluator, setting: str) -> List[str]:
    """The model classes the project assigns to ``Settings.<setting>``."""
    values = ev.solver.query(lambda: ev.read(("name", f"{LI_SETTINGS}.{setting}")))
    return [a.name for a in ordered(values) if a.kind is Kind.CLIENT and not a.path]


def _in_process(models: List[str]) -> bool:
    return bool(models) and all(m in LOCAL_MODELS for m in models)


def _factory_passes_model(site: CallSite, facts: FileFacts) -> bool:
    """Does a factory building the site's receiver (``index.as_query_engine(llm=...)``, inline or
    through a local) pass a model? Its call is a site of this file named like a call in the
    receiver; a receiver read from an attribute or a parameter (no call in it) may come from any
    of this file's factories."""
    built: List[str] = []
    expr: Expr = site.callee
    while expr and expr[0] in ("attr", "call"):
        if expr[0] == "call":
            built.append(last_segment(expr[1]))
        expr = expr[1]
    # ``from_documents(docs, embed_model=X)`` is recorded as ``X``'s operation: its text names it
    named = [{s.method, s.text.rsplit(".", 1)[-1]} for s in facts.call_sites if s.passes_model]
    factories = [names for names in named if names & LI_FACTORY_METHODS]
    return any(names & set(built) for names in factories) if built else bool(factories)
