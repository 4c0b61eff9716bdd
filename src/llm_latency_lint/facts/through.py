"""Call sites that reach a model through an argument (``catalog.providers.langchain.EMBEDDED_THROUGH``).

``FAISS.from_documents(docs, embedding=emb)`` embeds every chunk with ``emb``: the site is recorded
with the callee ``emb.embed_documents``, so the graph matches it only when ``emb`` is a hosted
embeddings model; a local one (``HuggingFaceEmbeddings``) leaves no site.
"""
from __future__ import annotations

from typing import List, Mapping, Optional, Tuple, Union

import libcst as cst

from llm_latency_lint.catalog.dispatch import (
    DI_PROVIDERS,
    TASK_BINDERS,
    TASK_LIBRARIES,
    tool_wrapper,
)
from llm_latency_lint.catalog.providers.chroma import (
    COLLECTION_GETTERS,
    COLLECTION_KEYWORD,
)
from llm_latency_lint.catalog.providers.langchain import (
    EMBEDDED_THROUGH,
    STORE_BUILDERS,
    STORE_CONSTRUCTOR_KEYWORDS,
    STORE_OF,
    STORE_PACKAGES,
)
from llm_latency_lint.catalog.providers.lc_holders import holder
from llm_latency_lint.catalog.providers.local_models import MODEL_WRAPPERS
from llm_latency_lint.catalog.providers.runnables import COMPOSERS
from llm_latency_lint.catalog.providers.store_arguments import (
    STORE_CONSTRUCTOR_POSITIONS,
    STORE_EMBED_METHODS,
)
from llm_latency_lint.catalog.providers.store_probes import EMBEDDED_AT_CONSTRUCTION
from llm_latency_lint.catalog.queues import CALLABLE_WRAPPERS
from llm_latency_lint.model import Expr
from llm_latency_lint.syntax.literals import kwarg, literal, positional

__all__ = ["STORE_OF", "collection_embeddings", "composed", "composed_parts", "held_model", "store_embeddings", "through_argument",
           "wrapped_callable"]


def through_argument(node: cst.Call, method: str, qualified: Optional[str] = None,
                     ) -> Optional[Tuple[cst.BaseExpression, str]]:
    """(the argument that carries the model, the operation the call runs on it), if any; a
    constructor that embeds (``store_probes``) by its ``qualified`` name."""
    probe = EMBEDDED_AT_CONSTRUCTION.get(qualified or "")
    if probe is not None:
        keyword, position, operation, switch = probe
        value = kwarg(node, keyword) or positional(node, position)
        if literal(kwarg(node, switch)) is not False and isinstance(value, (cst.Name, cst.Attribute, cst.Call)):
            return value, operation
        return None
    if not isinstance(node.func, cst.Attribute):
        return None
    for keyword, position, operation in EMBEDDED_THROUGH.get(method, ()):
        value = kwarg(node, keyword) or (positional(node, position) if position >= 0 else None)
        if isinstance(value, (cst.Name, cst.Attribute, cst.Call)):
            return value, operation
    return None


def store_embeddings(func: Expr, node: cst.Call) -> Optional[cst.BaseExpression]:
    """The embeddings argument of a call that builds a LangChain vector store over it
    (``FAISS.from_documents(docs, embedding=emb)``, ``Chroma(embedding_function=emb)``,
    ``FAISS.load_local(path, emb)``): the store embeds every query with it."""
    if func[0] != "name" or not any(str(func[1]).startswith(f"{p}.") for p in STORE_PACKAGES):
        return None
    return _store_argument(func, node)


def collection_embeddings(node: cst.Call) -> Optional[cst.BaseExpression]:
    """The embedding function of a call making or opening a Chroma collection over it
    (``client.get_collection(name, embedding_function=ef)``): the collection embeds its documents
    and queries with ``ef``; typed through ``ef``, so only a catalogued hosted one counts."""
    if not isinstance(node.func, cst.Attribute) or node.func.attr.value not in COLLECTION_GETTERS:
        return None
    value = kwarg(node, COLLECTION_KEYWORD)
    return value if isinstance(value, (cst.Name, cst.Attribute, cst.Call)) else None


def held_model(func: Expr, node: cst.Call) -> Optional[Tuple[Union[cst.BaseExpression, str], str]]:
    """(the model, the marker operation) of a call building an object that runs the model it is
    built over (``langchain.MODEL_HOLDERS``): ``VectorstoreIndexCreator(embedding=emb)`` indexes with
    ``emb`` (without one, langchain<0.1's default model, by its qualified name), ``GenericLoader(blobs,
    OpenAIWhisperParser())`` parses with the parser."""
    found = holder(str(func[1])) if func[0] == "name" else None
    if found is None:
        return None
    keyword, position, default, marker = found
    value = kwarg(node, keyword) or (positional(node, position) if position >= 0 else None)
    if isinstance(value, (cst.Name, cst.Attribute, cst.Call)):
        return value, marker
    return (default, marker) if default and value is None else None


def _store_argument(func: Expr, node: cst.Call) -> Optional[cst.BaseExpression]:
    owner, _, method = str(func[1]).rpartition(".")
    if method in STORE_BUILDERS and owner.rpartition(".")[2][:1].isupper():
        places = STORE_BUILDERS[method]
    elif method[:1].isupper():
        places = tuple((keyword, -1) for keyword in STORE_CONSTRUCTOR_KEYWORDS)
        if method in STORE_CONSTRUCTOR_POSITIONS:
            places += (("", STORE_CONSTRUCTOR_POSITIONS[method]),)
    else:
        return None
    for keyword, position in places:
        value = (kwarg(node, keyword) if keyword else None) or (positional(node, position) if position >= 0 else None)
        if isinstance(value, cst.Attribute) and value.attr.value in STORE_EMBED_METHODS:
            value = value.value  # ``emb.embed_query``: the store embeds with ``emb``
        if isinstance(value, (cst.Name, cst.Attribute, cst.Call)):
            return value
    return None


_COMPOSERS = frozenset(COMPOSERS)


def composed_parts(func: Expr, node: cst.Call) -> Optional[List[cst.BaseExpression]]:
    """The runnables a LangChain composer (``catalog.providers.runnables``) is built from: every
    argument that could be one, the members of a literal tuple, list or dict argument included
    (``RunnableBranch((cond, chain), default)``, ``RunnableParallel({"a": chain})``)."""
    if func[0] != "name" or str(func[1]) not in _COMPOSERS:
        return None
    parts: List[cst.BaseExpression] = []
    for arg in node.args:
        value = arg.value
        if isinstance(value, (cst.Tuple, cst.List)):
            parts.extend(e.value for e in value.elements if isinstance(e, cst.Element))
        elif isinstance(value, cst.Dict):
            parts.extend(e.value for e in value.elements if isinstance(e, cst.DictElement))
        else:
            parts.append(value)
    return [p for p in parts if isinstance(p, (cst.Name, cst.Attribute, cst.Call, cst.BinaryOperation, cst.Await))]


def composed(parts: List[Expr]) -> Expr:
    """A runnable built from ``parts`` as their ``|`` pipe: a model when any part holds one."""
    if not parts:
        return ["unknown", "composed runnable"]
    out = parts[0]
    for part in parts[1:]:
        out = ["pipe", out, part]
    return out if len(parts) > 1 else ["pipe", out, ["unknown", "composed runnable"]]



def wrapped_callable(func: Expr, node: cst.Call, imports: Mapping[str, str]) -> Optional[cst.BaseExpression]:
    """What a call stands for when it only wraps a callable: ``partial(f, x)`` and the other
    ``CALLABLE_WRAPPERS`` / ``DI_PROVIDERS`` their first argument, as a model wrapper
    (``CacheBackedEmbeddings.from_bytes_store(emb, store)``: ``local_models.MODEL_WRAPPERS``) its model; an orchestrator's task rebound
    (Airflow ``summarise.override(task_id="x")``, ``.partial(prompt=p)``, Prefect
    ``.with_options(retries=2)``: ``TASK_BINDERS``) its receiver, in a file that imports one of
    ``TASK_LIBRARIES``, so ``.expand(...)`` on the result runs the task; a framework's tool built
    around a function (``StructuredTool.from_function(func=f)``: ``dispatch.TOOL_WRAPPERS``) the function."""
    if func[0] == "name" and (func[1] in CALLABLE_WRAPPERS or func[1] in DI_PROVIDERS or func[1] in MODEL_WRAPPERS) \
            and node.args:
        return node.args[0].value
    held = tool_wrapper(str(func[1])) if func[0] == "name" else None
    if held is not None:  # ``StructuredTool.from_function(func=f)``: the tool runs ``f``
        keywords, position = held
        found = next((v for v in (kwarg(node, k) for k in keywords) if v is not None), None)
        return found if found is not None else (positional(node, position) if position >= 0 else None)
    callee = node.func
    if not isinstance(callee, cst.Attribute) or callee.attr.value not in TASK_BINDERS:
        return None
    return callee.value if any(str(q).split(".", 1)[0] in TASK_LIBRARIES for q in imports.values()) else None
