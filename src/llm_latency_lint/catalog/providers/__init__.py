"""Provider catalog: every module in this package declares ``PROVIDERS = [Provider(...), ...]``.

Adding an SDK is adding one module here; nothing else changes.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

from llm_latency_lint.catalog.providers.http import (
    anchor_patterns,
    anchor_words,
    host_words,
)
from llm_latency_lint.catalog.providers.shapes import (  # noqa: F401 (the package's API)
    inferred,
    is_model_request,
    names_its_model,
    off_catalog,
    unpacked_model,
)
from llm_latency_lint.catalog.providers.spec import (
    FACTORY,
    STREAM,
    SYNC,
    Match,
    Operation,
    Provider,
    normalise_path,
)


@lru_cache(maxsize=1)
def all_providers() -> Tuple[Provider, ...]:
    found: List[Provider] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name in ("catalog", "spec", "http"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(getattr(module, "PROVIDERS", ()))
    return tuple(found)


@lru_cache(maxsize=1)
def _client_index() -> Dict[str, Provider]:
    index: Dict[str, Provider] = {}
    for provider in all_providers():
        for client in provider.clients:
            index[client] = provider
        for client in provider.client_operations:
            index[client] = provider
    return index


@lru_cache(maxsize=1)
def _function_index() -> Dict[str, Tuple[Provider, Operation]]:
    return {name: (provider, op) for provider in all_providers() for name, op in provider.module_functions.items()}


@lru_cache(maxsize=1)
def _model_factories() -> Dict[str, Provider]:
    return {factory: p for p in all_providers() for factory in p.model_factories}


@lru_cache(maxsize=1)
def method_names() -> FrozenSet[str]:
    """Last segments of every operation but decorators (``Operation.decorator``) and factories
    matched by their qualified name or typed receiver only (``Operation.qualified_only``): a call
    whose method is not here is no SDK call."""
    names: Set[str] = set()
    for provider in all_providers():
        for ops in [provider.operations, *provider.client_operations.values()]:
            names.update(path.rsplit(".", 1)[-1] for path, op in ops.items() if not op.qualified_only)
        names.update(name.rsplit(".", 1)[-1] for name, op in provider.module_functions.items()
                     if not (op.decorator or op.qualified_only))
    return frozenset(names)


@lru_cache(maxsize=1)
def resource_classes() -> FrozenSet[str]:
    """Names whose methods are module functions of the catalog (``openai.ChatCompletion`` for
    ``openai.ChatCompletion.create``): an instance, ``openai.ChatCompletion()``, has them too."""
    owners = (name.rsplit(".", 1)[0] for name in _function_index())
    return frozenset(owner for owner in owners if owner.rsplit(".", 1)[-1][:1].isupper())


@lru_cache(maxsize=1)
def import_roots() -> FrozenSet[str]:
    return frozenset(root for p in all_providers() for root in p.import_roots)


@lru_cache(maxsize=1)
def anchor_expressions() -> Tuple[str, ...]:
    """Regular expressions for the prefilter: a file matching one may hold an SDK call (a
    provider's anchors, else its import roots as words; a provider API host raw HTTP names)."""
    found: List[str] = []
    for provider in all_providers():
        found.extend(provider.anchors or (import_of(root) for root in provider.import_roots))
    found.extend(re.escape(host) for host in sorted(host_words()))
    found.extend(anchor_patterns())
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1)
def import_anchored_roots() -> Tuple[str, ...]:
    """Import roots whose import statement is the anchor (providers without ``anchors``): the
    prefilter records which of them a file imports, so that a package the project defines itself
    (``own_roots``) anchors nothing."""
    return tuple(dict.fromkeys(root for p in all_providers() if not p.anchors for root in p.import_roots))


def own_roots(modules: Iterable[Tuple[str, bool]]) -> FrozenSet[str]:
    """The catalogued import roots the scanned tree defines as a package itself, from its files'
    (module, is_package): a ``crewai/__init__.py`` or a ``crewai.<x>`` module. Such a package is
    project code, not an SDK: the repository *is* the framework (crewAI, autogen) or vendors a
    fork of it, so its imports resolve to the project's own files and only the SDK calls its code
    makes are call sites. A lone script named after an SDK (``openai.py``) defines no package."""
    roots = import_roots()
    found = set()
    for module, is_package in modules:
        head, dot, _ = module.partition(".")
        if head in roots and (dot or is_package):
            found.add(head)
    return frozenset(found)


def anchor_substrings() -> Tuple[str, ...]:
    """Prefilter anchors that are plain substrings (``http.anchor_words``)."""
    return anchor_words()


@lru_cache(maxsize=1)
def call_path_anchors() -> Tuple[str, ...]:
    """The dotted operation paths of SDK clients called as methods (``.chat.completions.create(``,
    ``.messages.create(``): a helper that is handed its client as a parameter imports no SDK and
    names none, yet holds the call site. A client's one-segment name (``.create(``) says too
    little to parse a file for; the paths ``match_shape`` accepts are all here, one-segment AWS
    operations of a per-service client included (``.converse(``, ``.invoke_model(``), since only
    those match on an untyped receiver: ``.models.generate_content(`` is Gemini's whatever the
    receiver."""
    paths = {path for p in all_providers() for ops in (p.client_operations or {}).values()
             for path in ops if "." in path} | set(_shape_owners())
    return tuple(sorted(f".{path}(" for path in paths))


def import_of(root: str) -> str:
    """An import statement of package ``root`` (indented or not, ``import os, root`` too): a
    mere mention is no anchor (Django's ``unique_together`` is not Together AI, ``coherence``
    is not Cohere). Compile with ``re.MULTILINE``."""
    name = re.escape(root)
    return rf"^[ \t]*(?:from[ \t]+{name}\b|import[ \t]+(?:[^\n#;]*[ \t,])?{name}\b)"


def imports_of(roots: Iterable[str]) -> str:
    """``import_of`` of each of ``roots`` joined with ``|``, as one shape: the same lines, compiled in a sixth of the time."""
    names = "|".join(re.escape(root) for root in roots)
    return rf"^[ \t]*(?:from[ \t]+(?:{names})\b|import[ \t]+(?:[^\n#;]*[ \t,])?(?:{names})\b)"


# Submodules that define response and parameter types, not the clients a package re-exports:
# ``openai.types.chat.ChatCompletion`` is a response, not the legacy ``openai.ChatCompletion``.
_TYPE_MODULES = frozenset({"types", "_types", "type_defs"})


@lru_cache(maxsize=1)
def _catalogued_names() -> FrozenSet[str]:
    return frozenset(_client_index()) | frozenset(_function_index())


@lru_cache(maxsize=4096)
def canonical(name: str) -> str:
    """The catalogued name of a class imported from the submodule that defines it: packages
    re-export their public classes from ``__init__``, and users import from either
    (``langchain_community.embeddings.openai.OpenAIEmbeddings`` is the catalogued
    ``langchain_community.embeddings.OpenAIEmbeddings``; ``agents.run.Runner.run`` is
    ``agents.Runner.run``). Only a class-like segment (capitalised) is looked up, under a shorter
    prefix of the same top-level package, never through a ``types`` module; a package the project
    defines itself never reaches here (``project.evaluate`` types its names as project code)."""
    known = _catalogued_names()
    if name in known or " " in name:  # a raw HTTP endpoint name (``POST host path``) too
        return name
    factory, sep, model_id = name.partition("#")
    if sep and factory in _model_factories():  # ``llm.get_model#gpt-4o-mini`` -> ``llm.get_model#openai``
        return _model_factories()[factory].model_client(factory, model_id)
    parts = name.split(".")
    head = next((i for i in range(2, len(parts)) if parts[i][:1].isupper()), None)
    if head is None or _TYPE_MODULES.intersection(parts[1:head]):
        return name
    tail = parts[head:]
    for cut in range(head - 1, 0, -1):  # the longest catalogued prefix first
        candidate = ".".join([*parts[:cut], *tail])
        if candidate in known:
            return candidate
    return name


def is_client(type_name: str) -> bool:
    return canonical(type_name) in _client_index()


def provider_by_id(provider_id: str) -> Optional[Provider]:
    return next((p for p in all_providers() if p.id == provider_id), None)


def match_client_call(client: str, path: Tuple[str, ...]) -> Optional[Match]:
    client = canonical(client)
    provider = _client_index().get(client)
    if provider is None:
        return None
    ops = provider.ops_for(client) or {}
    name = ".".join(normalise_path(path))
    op = ops.get(name)
    if op is None:
        return None
    backend = provider_by_id(provider.backends[client]) if client in provider.backends else None
    return Match(provider, name, op, client, provider.client_refusals.get(client, ""), backend)


@lru_cache(maxsize=1)
def service_factories() -> Dict[str, Tuple[str, ...]]:
    """Factories that make a client per service name (``boto3.client`` -> ("bedrock",
    "bedrock-runtime")): each provider's ``service_factories`` with the services of its clients
    spelled ``factory#service``."""
    found: Dict[str, List[str]] = {}
    for provider in all_providers():
        for factory in provider.service_factories:
            found.setdefault(factory, [])
    for name in _client_index():
        factory, sep, service = name.partition("#")
        if sep and factory in found:
            found[factory].append(service)
    return {factory: tuple(sorted(services)) for factory, services in found.items()}


def match_service_call(factory: str, path: Tuple[str, ...]) -> Optional[Match]:
    """``client.<path>`` on a client of ``factory`` whose service name is not known (a variable,
    a parameter no caller passes a literal for): the operation when exactly one service of the
    catalog has it (``converse`` is Bedrock runtime's), else nothing."""
    hits = [m for m in (match_client_call(f"{factory}#{s}", path) for s in service_factories().get(factory, ())) if m]
    return hits[0] if len(hits) == 1 else None


def factory_result(client: str, path: Tuple[str, ...]) -> Optional[str]:
    """The client type returned by calling ``client.<path>(...)``: a factory's, or the object an
    operation that is also a call site returns (an index ``from_documents`` embeds and is the index)."""
    match = match_client_call(client, path)
    if match and match.op.returns:
        return match.op.returns
    return None


def match_function(qualified: str) -> Optional[Match]:
    qualified = canonical(qualified)
    if qualified not in _function_index() and not any(c in qualified for c in " :/"):  # ``openai.beta.threads...``
        qualified = ".".join(normalise_path(tuple(qualified.split("."))))  # less TRANSPARENT_SEGMENTS
    hit = _function_index().get(qualified)
    if hit is None:
        return _match_endpoint(qualified)
    provider, op = hit
    return Match(provider, qualified, op)


def _match_endpoint(name: str) -> Optional[Match]:
    """Raw HTTP: the facts pass names a POST to a provider endpoint ``POST:<host><path>``."""
    from llm_latency_lint.catalog.providers.endpoints import match_endpoint

    return match_endpoint(name, provider_by_id)


def operation_match(provider: Provider, name: str) -> Optional[Match]:
    """``provider``'s operation ``name``: on its main client, else on the first client type that
    has it, else a module function of that name (the lookup every by-name match shares)."""
    for client, ops in [(None, provider.operations), *provider.client_operations.items()]:
        if name in ops:
            return Match(provider, name, ops[name], client)
    if name in provider.module_functions:
        return Match(provider, name, provider.module_functions[name])
    return None


def match_unresolved(path: Tuple[str, ...], imported_roots: FrozenSet[str]) -> Optional[Match]:
    """Fallback for a receiver we cannot type (an unannotated parameter): accept a path of two
    or more segments that names exactly one operation of one provider this file imports."""
    found = _imported_match(normalise_path(path), imported_roots)
    return inferred(found, "an SDK the file imports") if found else None


def _imported_match(norm: Tuple[str, ...], imported_roots: FrozenSet[str]) -> Optional[Match]:
    if len(norm) < 2:
        return _distinctive_method(norm[0], imported_roots) if norm else None
    name = ".".join(norm)
    hits = [m for m in (_own_operation(p, name) for p in all_providers()
                        if imported_roots.intersection(p.import_roots)) if m and m.op.kind != FACTORY]
    originals = [m for m in hits if not m.op.alias]  # an SDK's copy of another's path yields to it
    hits = originals if originals and len(hits) > 1 else hits
    return hits[0] if len(hits) == 1 else None


def _distinctive_method(name: str, imported_roots: FrozenSet[str]) -> Optional[Match]:
    """A one-segment method an imported provider flags distinctive (``Provider.shape_paths``: the
    legacy Gemini SDK's ``embed_content``, never ``chat``): its operation, or its module function."""
    hits = [m for m in (_own_operation(p, name) or next((Match(p, q, op) for q, op in p.module_functions.items()
                                                         if q.rpartition(".")[2] == name), None)
                        for p in all_providers() if name in p.shape_paths and imported_roots.intersection(p.import_roots)) if m]
    return hits[0] if len(hits) == 1 else None


def _own_operation(provider: Provider, name: str) -> Optional[Match]:
    """``operation_match`` over the clients of ``provider``'s own package: importing
    ``huggingface_hub`` says nothing of the OpenAI SDK pointed at Hugging Face's router
    (``openai.OpenAI#base_url=huggingface``), whose paths are OpenAI's."""
    carriers: List[Tuple[Optional[str], Dict[str, Operation]]] = [
        (c, ops) for c, ops in provider.client_operations.items() if _native(c)]
    if not provider.clients or any(_native(c) for c in provider.clients):
        carriers.insert(0, (None, provider.operations))
    for client, ops in carriers:
        if name in ops:
            return Match(provider, name, ops[name], client)
    return Match(provider, name, provider.module_functions[name]) if name in provider.module_functions else None


# The provider of OpenAI's API shape on a server the code does not show (``compatible.py``): the
# shape many SDKs and servers copy (Groq, Together, DeepSeek, vLLM...).
OPENAI_SHAPE = "openai-compatible"


def _native(client: str) -> bool:
    """A provider's own client class, not another SDK's client pointed at it (``openai.OpenAI#base_url=groq``)
    or wrapped (``instructor.Instructor#litellm``); a client a factory makes per service
    (``boto3.client#bedrock-runtime``) is its own."""
    head, sep, _ = client.partition("#")
    return not sep or head in service_factories()


@lru_cache(maxsize=1)
def _shape_owners() -> Dict[str, Tuple[str, ...]]:
    """Online operation paths -> the providers whose own clients have them: paths of two or more
    segments, and the one-segment operations of clients a factory makes per service (Bedrock's
    ``converse``, ``invoke_model``: AWS operation names, not words a project's own method takes)."""
    owners: Dict[str, List[str]] = {}
    for provider in all_providers():
        carriers = [(c, provider.operations) for c in provider.clients] + list(provider.client_operations.items())
        for client, ops in carriers:
            if not _native(client):
                continue
            per_service = "#" in client
            for path, op in ops.items():
                shaped = op.kind in (SYNC, STREAM) and op.takes_model and not op.alias and ("." in path or per_service)
                if shaped and provider.id not in owners.get(path, ()):
                    owners.setdefault(path, []).append(provider.id)
    return {path: tuple(ids) for path, ids in owners.items()}


@lru_cache(maxsize=1)
def _shape_methods() -> FrozenSet[str]:
    """One-segment paths some provider flags distinctive (``_distinctive_method``)."""
    return frozenset(path for p in all_providers() for path in p.shape_paths if "." not in path)


def match_shape(path: Tuple[str, ...], project_roots: FrozenSet[str]) -> Optional[Match]:
    """A model request (the call names a model) on a receiver of unknown type in a file that imports
    no SDK with this operation (a helper handed its client: ``def ask(client, q):
    client.chat.completions.create(model=..., ...)``): the one provider the project imports that
    has it (``match_unresolved`` over the project's imports), else the one provider whose own
    client has that path when the catalog flags it distinctive (``Provider.shape_paths``:
    Anthropic's ``messages.create``, Gemini's ``models.generate_content``), else, for a path of
    OpenAI's API, which many SDKs and servers copy, ``openai-compatible``: OpenAI's Batch API
    applies only if the client points at api.openai.com. ``inferred`` says so.

    The single-owner fallback takes the catalog's flag, not the project's declared dependencies: a
    library handed its client (the case this serves) need not depend on the SDK, while a path
    such as Mistral's ``chat.complete`` or ``ocr.process`` is a word any project's objects take."""
    norm = normalise_path(path)
    name = ".".join(norm)
    if len(norm) < 2 and name not in _shape_owners() and name not in _shape_methods():
        return None
    found = _imported_match(norm, project_roots)
    why = "the SDK the project imports"
    if found is None:
        owners = _shape_owners().get(name, ())
        generic = provider_by_id(OPENAI_SHAPE)
        owner = provider_by_id(owners[0]) if len(owners) == 1 else None
        if owner is not None and name in owner.shape_paths:
            found = operation_match(owner, name)
            why = "the only SDK with that operation"
        elif owners and generic is not None and name in generic.operations:
            found = Match(generic, name, generic.operations[name])
            why = "OpenAI's API shape, which many SDKs and servers share"
    if found is None or found.op.kind not in (SYNC, STREAM):
        return None
    return inferred(found, why)


def provider_of_client(client_type: str) -> Optional[str]:
    """The id of the provider whose client (or client operation) ``client_type`` is."""
    provider = _client_index().get(canonical(client_type))
    return provider.id if provider is not None else None
