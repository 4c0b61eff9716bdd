"""Where the rewritten call would run, as far as the rewrite depends on it.

Two refusals found by reading the fixes on real code (docs/fix-rate.md):

- **The server behind ``base_url``.** The facts pass types ``OpenAI(base_url=<known host>)`` as
  that provider's client; a ``base_url`` it cannot read (a setting, an environment variable) or a
  literal whose host the catalog does not know (``https://models.github.ai/inference``) keeps
  the plain OpenAI type. The OpenAI Batch API, flex tier and background mode exist only on
  api.openai.com, so ``base_url_refusal`` finds the client's construction and refuses unless
  the project lists that ``base_url`` under ``openai-base-urls`` (a URL, the expression's source
  text, or an environment variable it reads; ``"*"``: any).
- **The runner's time limit.** A GitHub Actions job is cancelled after 6 h; a batch may take
  24 h. ``ci_time_limit`` says so when every trigger reaching the call is a GitHub Actions
  workflow and one of them is its ``schedule:``.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator, List, Optional, Set, Tuple
from urllib.parse import urlsplit

import libcst as cst

from llm_latency_lint.catalog.providers.compatible import OPENAI_CLIENTS
from llm_latency_lint.catalog.providers.http import base_url_provider
from llm_latency_lint.syntax.literals import literal

if TYPE_CHECKING:  # pragma: no cover
    from llm_latency_lint.fixes.base import SiteContext
    from llm_latency_lint.project.classify import ClassifiedSite

CI_SOURCE = "github-actions"
CI_JOB_HOURS = 6  # docs.github.com: "Each job in a workflow can run for up to 6 hours"
OPENAI_HOSTS = ("api.openai.com",)
_CONSTRUCTORS = {"OpenAI", "AsyncOpenAI"}  # also ``openai.Client`` / ``openai.AsyncClient``
# Attributes between the client and the method (``client.beta.chat.completions.parse``).
_NAMESPACES = {"chat", "completions", "responses", "embeddings", "beta", "images", "audio", "moderations",
               "transcriptions", "translations", "speech", "with_raw_response", "with_streaming_response"}
_URL_KEYS = ("base_url",)


def ci_time_limit(site: Optional["ClassifiedSite"]) -> Optional[str]:
    """Why a batch (or an 8 h background window) would outlast the runner, or None."""
    if site is None or not site.reaches:
        return None
    triggers = [r.trigger for r in site.reaches]
    if any(t is None or t.source != CI_SOURCE for t in triggers):
        return None
    scheduled = next((r for r in site.reaches if r.trigger is not None and r.trigger.kind == "scheduled"), None)
    if scheduled is None:
        return None
    where = f" ({scheduled.chain[0].path}:{scheduled.chain[0].line})" if scheduled.chain else ""
    return (f"every trigger reaching the call is a GitHub Actions workflow run on its `schedule:`{where}: a "
            f"GitHub Actions job is cancelled after {CI_JOB_HOURS} h, and a batch may take up to 24 h "
            "(`--fix-strategy batch` forces it)")


def base_url_refusal(ctx: "SiteContext", list_input: bool = False) -> Optional[str]:
    """Why the OpenAI-only rewrites do not apply to this client's server, or None.
    ``list_input``: the embedding-list rewrite, which relies on api.openai.com's input limits."""
    if ctx.client_type not in OPENAI_CLIENTS:
        return None
    key = _receiver_key(ctx.call.func)
    module = ctx.module
    found = [c for c in _constructions(module) if key is not None and c[0] == key]
    imported = _imported_from(ctx, key) if not found and key is not None else None
    if imported is not None:  # ``from app.llm.client import classifier_client``: built there
        module, name = imported
        found = [c for c in _constructions(module) if c[0] == name]
    elif not found:  # the receiver is a parameter or comes from elsewhere: every client this module builds
        found = list(_constructions(module))
        if not found or any(_base_url(c[1]) is None for c in found):
            return None
    allowed = ctx.config.openai_base_urls
    for _, call in found:
        value = _base_url(call)
        if value is None or _is_openai(module, value, allowed):
            continue
        code = re.sub(r"\s+", " ", module.code_for_node(value)).strip()
        url = _constant(module, value)
        what = (f"`{code}`, a server this catalog does not know" if url is not None
                else f"`{code}`, set where the code cannot see it")
        why = ("the list-input rewrite sends up to 2048 inputs per request, api.openai.com's limit, and the "
               "project's own chunks may be that server's" if list_input else
               "the OpenAI Batch API, flex tier and background mode exist only on api.openai.com")
        return (f"the client's base_url is {what}: {why} (list it under `openai-base-urls` in "
                "[tool.llm-latency-lint] if it is OpenAI itself)")
    return None


def _imported_from(ctx: "SiteContext", key: str) -> Optional[Tuple[cst.Module, str]]:
    """The parsed project module ``key`` is imported from (``from X import key [as alias]``, or
    ``key = f()`` / ``key = f`` of such an import) and the name it has there; None when it is not
    imported from a project module."""
    if ctx.callers is None or ctx.other_file is None:
        return None
    names = {key} | _assigned_from(ctx.module, key)
    for stmt in ctx.module.body:
        small = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) and stmt.body else None
        if not isinstance(small, cst.ImportFrom) or small.module is None or small.relative \
                or isinstance(small.names, cst.ImportStar):
            continue
        for alias in small.names:
            bound = alias.asname.name if alias.asname is not None else alias.name
            if isinstance(bound, cst.Name) and bound.value in names and isinstance(alias.name, cst.Name):
                path = _module_path(ctx, cst.Module([]).code_for_node(small.module))
                other = ctx.other_file(path) if path is not None else None
                return (other.module, alias.name.value) if other is not None else None
    return None


def _assigned_from(module: cst.Module, key: str) -> Set[str]:
    """Names ``key`` is assigned from anywhere in the module (``client = get_client()``)."""
    found: Set[str] = set()
    for node in _walk(module):
        if isinstance(node, cst.Assign) and any(_last_name(t.target) == key for t in node.targets):
            value = node.value.func if isinstance(node.value, cst.Call) else node.value
            if isinstance(value, cst.Name):
                found.add(value.value)
    return found


def _module_path(ctx: "SiteContext", dotted: str) -> Optional[str]:
    """The project file an absolute import names: by the analysis's module names, else the one
    file whose path ends as the dotted name does (a namespace package, a ``backend/`` root)."""
    assert ctx.callers is not None
    if dotted in ctx.callers.modules:
        return ctx.callers.modules[dotted]
    tail = dotted.replace(".", "/")
    found = [p for p in ctx.callers.texts for end in (f"{tail}.py", f"{tail}/__init__.py")
             if p == end or p.endswith("/" + end)]
    return found[0] if len(found) == 1 else None


def _receiver_key(func: cst.BaseExpression) -> Optional[str]:
    """The last name of the client expression: ``client`` in ``self.client.chat.completions.create``,
    ``get_client`` in ``get_client().chat...``; ``with_options(...)`` copies are looked through."""
    node = func.value if isinstance(func, cst.Attribute) else func
    while True:
        if isinstance(node, cst.Attribute) and node.attr.value in _NAMESPACES:
            node = node.value
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) \
                and node.func.attr.value in ("with_options", "copy"):
            node = node.func.value
        else:
            break
    if isinstance(node, cst.Call):
        node = node.func
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return node.value if isinstance(node, cst.Name) else None


def _constructions(module: cst.Module) -> Iterator[Tuple[Optional[str], cst.Call]]:
    """Every ``OpenAI(...)``-like call in the module with the name it is bound to (an assignment's
    last name, or the function returning it)."""
    found: List[Tuple[Optional[str], cst.Call]] = []

    class Finder(cst.CSTVisitor):
        def __init__(self) -> None:
            self.bound: List[Optional[str]] = [None]
            self.functions: List[str] = []

        def _push(self, name: Optional[str]) -> None:
            self.bound.append(name)

        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            self.functions.append(node.name.value)

        def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
            self.functions.pop()

        def visit_Assign(self, node: cst.Assign) -> None:
            self._push(_last_name(node.targets[-1].target))

        def leave_Assign(self, node: cst.Assign) -> None:
            self.bound.pop()

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            self._push(_last_name(node.target))

        def leave_AnnAssign(self, node: cst.AnnAssign) -> None:
            self.bound.pop()

        def visit_Return(self, node: cst.Return) -> None:
            self._push(self.functions[-1] if self.functions else None)

        def leave_Return(self, node: cst.Return) -> None:
            self.bound.pop()

        def visit_Call(self, node: cst.Call) -> None:
            if _is_constructor(node.func):
                found.append((self.bound[-1], node))

    module.visit(Finder())
    return iter(found)


def _last_name(node: cst.BaseExpression) -> Optional[str]:
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return node.value if isinstance(node, cst.Name) else None


def _is_constructor(func: cst.BaseExpression) -> bool:
    if isinstance(func, cst.Name):
        return func.value in _CONSTRUCTORS
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == "openai":
        return func.attr.value in _CONSTRUCTORS | {"Client", "AsyncClient"}
    return False


def _base_url(call: cst.Call) -> Optional[cst.BaseExpression]:
    return next((a.value for a in call.args if a.keyword is not None and a.keyword.value in _URL_KEYS), None)


def _constant(module: cst.Module, value: cst.BaseExpression) -> Optional[str]:
    """The URL a literal or a module-level constant holds (None: not readable here)."""
    found = literal(value)
    if isinstance(found, str):
        return found
    if isinstance(value, cst.Name):
        for stmt in module.body:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    if isinstance(small, cst.Assign) and len(small.targets) == 1 and \
                            isinstance(small.targets[0].target, cst.Name) and small.targets[0].target.value == value.value:
                        found = literal(small.value)
                        return found if isinstance(found, str) else None
    return None


def _host(url: str) -> str:
    return (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()


def _is_openai(module: cst.Module, value: cst.BaseExpression, allowed: List[str]) -> bool:
    """OpenAI itself, another provider the facts pass already typed, or listed in ``openai-base-urls``."""
    if "*" in allowed:
        return True
    url = _constant(module, value)
    if url is not None:
        host = _host(url)
        if any(h in host for h in OPENAI_HOSTS) or base_url_provider(url) is not None:
            return True
        return any(_host(a) == host for a in allowed if "." in a or "/" in a)
    code = re.sub(r"\s+", "", module.code_for_node(value))
    strings = _strings(value)
    return any(re.sub(r"\s+", "", a) == code or a in strings for a in allowed)


def _strings(node: cst.CSTNode) -> Set[str]:
    """String literals inside an expression, evaluated (``os.getenv("OPENAI_BASE_URL")``)."""
    return {text for child in _walk(node) if isinstance(child, cst.SimpleString)
            and isinstance(text := literal(child), str)}


def _walk(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    yield node
    for child in node.children:
        yield from _walk(child)
