"""The shape of provider knowledge: one declarative ``Provider`` entry per SDK.

An SDK call is matched by evaluating its callee (see ``graph.Evaluator``) to either
- a client instance plus an attribute path (``openai.OpenAI`` + ``chat.completions.create``), or
- a module-level function (``litellm.completion``, ``openai.ChatCompletion.create``).
Chains that do not change the request (``with_raw_response``, ``beta``, ``aio`` ...) are
dropped from the path before lookup, so one entry covers every spelling.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, Optional, Tuple

from llm_latency_lint.catalog import discounts

# Path segments that never change what is sent: dropped before catalog lookup.
TRANSPARENT_SEGMENTS = frozenset({"with_raw_response", "with_streaming_response", "beta", "aio"})
# A module that submits, polls or lists batches reads its batches' files: there ``files.content(file_id)``
# is a Batch API result read whatever the id expression (a helper's parameter, ``batch.error_file_id``
# read off a retrieved batch; label policy 9), unless the module also handles files of other kinds
# (fine-tuning results, Assistants / vector-store uploads, a non-batch ``purpose=``): then only a
# batch's own file id counts.
BATCH_USE = re.compile(r"\.batches\.(?:create|retrieve|list|get|results|cancel)\b")
OTHER_FILE_USES = re.compile(
    r"\.(?:fine_tuning|fine_tunes|FineTune|assistants|threads|vector_stores)\b|\bresult_files\b"
    r"|\bpurpose\s*=\s*['\"](?!batch)")
# Calls that return the same client (or model) they are called on.
SAME_CLIENT_CALLS = frozenset(
    {
        "with_options", "copy", "with_structured_output", "bind", "bind_tools", "with_retry",
        "with_config", "with_fallbacks", "with_types", "with_listeners", "configurable_fields",
        "configurable_alternatives", "pick", "assign",
    }
)

# Keywords that name the model a request is for (``model=``, Bedrock's ``modelId=``): the facts
# pass records which one a call passes (``CallSite.model_keyword``); where the receiver's type is
# unknown, an SDK operation's path counts only with the keyword that provider's API takes
# (``Provider.model_keywords``).
MODEL_KEYWORDS = frozenset({"model", "model_id", "modelId", "model_name"})
# ``CallSite.model_keyword`` of a request unpacked from the function's own ``**kwargs``: a model
# request when the function's callers pass a model keyword (``facts.unpacked``, ``project.forwarded``).
FORWARDED_KWARGS = "**?"

SYNC = "sync"  # an online request priced at the full rate
STREAM = "stream"  # an online request whose answer arrives as events
BATCH = "batch"  # submits work to a batch API
POLL = "poll"  # reads a batch's status or results
FACTORY = "factory"  # returns another client-like object (chat sessions)


@dataclass(frozen=True)
class Operation:
    kind: str
    endpoint: Optional[str] = None  # batch endpoint that replaces it, when one exists
    batchable: bool = True  # the provider's batch API accepts this request
    embedding: bool = False
    returns: Optional[str] = None  # the client type it returns (a FACTORY, or a site that also builds one)
    note: str = ""  # why it is not batchable, and the like
    # Only a call site when this keyword has one of these literal values (files.create purpose).
    requires_kwarg: Optional[Tuple[str, Tuple[str, ...]]] = None
    # Reads a file by id (files.content): a call site only when the file is known to be a batch
    # file, created with purpose="batch" or named by a batch's output/error file id.
    batch_file_only: bool = False
    # The request names no model (Bedrock's ``invoke_agent`` takes an agent id): on a receiver of
    # unknown type its path alone says too little, so it never matches by the call's shape.
    takes_model: bool = True
    # An SDK's copy of another SDK's path (huggingface_hub's OpenAI-style ``chat.completions.create``):
    # a typed receiver matches it; on a receiver of unknown type the path names the original's.
    alias: bool = False
    # A decorator that makes the decorated function a site (Airflow's ``@task.llm(...)``): matched by
    # its qualified name only; its last segment (``llm``, ``agent``) is too common a name to make
    # every call of it (``self.agent(text)``, an object called) a candidate (``facts.calls.decorator_functions``).
    decorator: bool = False
    # A factory matched by its qualified name or typed receiver only (``lmstudio.llm()``,
    # ``client.llm.model(key)``, which build model handles): its last segment is too common a name
    # (``self.llm(text)``, ``model(prompt)``: an object called) to make every call of it a candidate;
    # the value it returns is typed all the same.
    qualified_only: bool = False
    # A call site only when the call passes one of these keywords (the raw input it embeds: Chroma's
    # ``documents=`` / ``query_texts=``); a call passing only precomputed vectors sends nothing.
    requires_input: Tuple[str, ...] = ()
    # No call site when the call passes one of these keywords (not ``None``): the vectors themselves
    # (Chroma's ``embeddings=``), stored as given beside whatever raw input comes with them.
    precomputed: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Provider:
    id: str
    label: str
    batch_api: str  # name of the provider's batch product, for messages
    clients: Tuple[str, ...] = ()  # qualified constructors whose instances carry ``operations``
    operations: Dict[str, Operation] = field(default_factory=dict)
    # Extra client types that carry their own operations (chat sessions, models).
    client_operations: Dict[str, Dict[str, Operation]] = field(default_factory=dict)
    module_functions: Dict[str, Operation] = field(default_factory=dict)
    import_roots: Tuple[str, ...] = ()  # top-level packages, for the prefilter and fallbacks
    # Regular expressions that make a file worth parsing for this provider (the prefilter's
    # anchors); empty: an import of one of its import roots. A root shared with code that calls no
    # model (boto3 for S3, google for protobuf or Cloud Storage), or too common a word (``agents``),
    # narrows it to the words that do.
    anchors: Tuple[str, ...] = ()
    batch_supported: bool = True
    no_batch_reason: str = ""
    # Clients whose SDK refuses batches (Anthropic on Bedrock/Vertex): id -> reason
    client_refusals: Dict[str, str] = field(default_factory=dict)
    # A framework's model classes -> the id of the provider they call (LangChain's ChatOpenAI ->
    # "openai"): the framework has no batch API, but that provider's is one rewrite away.
    backends: Dict[str, str] = field(default_factory=dict)
    # Factories that build one client per service name (``boto3.client``): a client they build
    # from a name the code does not spell out is typed ``factory#?`` until a caller's literal fills it.
    service_factories: Tuple[str, ...] = ()
    # The keywords this provider's API names the model with (Bedrock: ``modelId``): a call on a
    # receiver of unknown type is this provider's request only when it passes one of them.
    model_keywords: Tuple[str, ...] = ("model",)
    # Operation paths distinctive enough to name this provider on a receiver of unknown type in a
    # project importing no SDK that has them (``models.generate_content`` is Gemini's); a generic
    # path (Mistral's ``chat.complete``, ``ocr.process``) needs the provider's package imported.
    shape_paths: FrozenSet[str] = frozenset()
    # Factories whose first argument is a model id (``llm.get_model("gpt-4o-mini")``) and the id
    # prefixes naming whose model it is (``("gpt-", "openai")``): the client is typed
    # ``<factory>#<provider id>`` (``model_client``), else, for an id no prefix names, the factory's.
    model_factories: Tuple[str, ...] = ()
    model_families: Tuple[Tuple[str, str], ...] = ()

    def model_client(self, factory: str, model_id: str) -> str:
        """``llm.get_model#openai`` for ``llm.get_model`` called with ``"gpt-4o-mini"``."""
        model_id = model_id.lower()
        family = next((pid for prefix, pid in self.model_families if model_id.startswith(prefix)), "")
        return f"{factory}#{family}" if family else f"{factory}#?"

    @property
    def discount(self) -> float:
        """The batch discount as a fraction of the online price (``catalog.discounts``, its one home)."""
        return discounts.effective(self.id).rate

    @property
    def discount_source(self) -> str:
        found = discounts.effective(self.id)
        verified = "" if found.verified else "UNVERIFIED: "
        return f"{verified}{found.note} ({found.source}), {found.checked}" if found.source else "no discount known"

    def ops_for(self, client: str) -> Optional[Dict[str, Operation]]:
        if client in self.client_operations:
            return self.client_operations[client]
        if client in self.clients:
            return self.operations
        return None


@dataclass(frozen=True)
class Match:
    """A callee matched against the catalog."""

    provider: Provider
    operation: str  # normalised path, e.g. "chat.completions.create"
    op: Operation
    client: Optional[str] = None  # the client type, when called on an instance
    refusal: str = ""  # the client cannot use the batch API, and why
    backend: Optional["Provider"] = None  # the provider a framework's model calls (Provider.backends)
    model: str = ""  # which model that is, when the call does not show it (LlamaIndex ``Settings.llm``)
    inferred: str = ""  # how the match was made where the receiver's type is unknown (evidence)

    @property
    def batch_provider(self) -> Optional["Provider"]:
        """Whose batch API this call can move to: its provider's, or its framework's backend's."""
        if self.provider.batch_supported:
            return self.provider
        return self.backend if self.backend is not None and self.backend.batch_supported else None


def normalise_path(path: Tuple[str, ...]) -> Tuple[str, ...]:
    return tuple(p for p in path if p not in TRANSPARENT_SEGMENTS)
