"""Call sites that reach a model through an argument (``catalog.providers.langchain.EMBEDDED_THROUGH``).

``FAISS.from_documents(docs, embedding=emb)`` embeds every chunk with ``emb``: the site is recorded
with the callee ``emb.embed_documents``, so the graph matches it only when ``emb`` is a hosted
embeddings model; a local one (``HuggingFaceEmbeddings``) leaves no site.
"""
from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from llm_latency_lint.catalog.providers.langchain import EMBEDDED_THROUGH
from llm_latency_lint.syntax.literals import kwarg, positional


def through_argument(node: cst.Call, method: str) -> Optional[Tuple[cst.BaseExpression, str]]:
    """(the argument that carries the model, the operation the call runs on it), if any."""
    if not isinstance(node.func, cst.Attribute):
        return None
    for keyword, position, operation in EMBEDDED_THROUGH.get(method, ()):
        value = kwarg(node, keyword) or (positional(node, position) if position >= 0 else None)
        if isinstance(value, (cst.Name, cst.Attribute, cst.Call)):
            return value, operation
    return None
