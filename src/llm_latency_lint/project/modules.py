"""Module-valued expressions: a dotted name resolved through the project's modules and imports,
a module's attribute, and a module imported by name at run time.

``import_module(f"stages.{name}")`` loads one of ``stages``' modules; which one is data, so the
value is every project module directly under ``stages`` (one atom each, its path naming the
package), and ``m.run(ctx)`` reaches each module's ``run``. A catalogued SDK loaded by a literal name
(``import_module("ollama")``, as a wrapper does to make the package optional) is that SDK, as its
``import`` statement would be. A prefix that names no project package
(a library's, or none at all) holds nothing: never every module of the project.
"""
from __future__ import annotations

import fnmatch
from typing import Dict, Optional, Protocol

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.dispatch import ANY_MODULE, SPEC_FILE
from llm_latency_lint.model import Expr
from llm_latency_lint.project.solver import NodeKey
from llm_latency_lint.project.symbols import Symbols
from llm_latency_lint.project.values import EMPTY, Atom, Kind, Values, func


class Evaluator(Protocol):
    """What these rules read of ``evaluate.Evaluator`` (which imports this module)."""

    s: Symbols
    computed: Dict[str, str]

    def note(self, name: str) -> None: ...

    def note_under(self, prefix: str) -> None: ...

    def read(self, key: NodeKey) -> Values: ...

    def getattr(self, values: Values, name: str) -> Values: ...

    def eval(self, expr: Expr) -> Values: ...


MAX_NAME = 64  # segments of a dotted name worth resolving: real names are far shorter
COMPUTED_NOTE = "imported by a computed name under "


def imported(ev: Evaluator, importer: str, spec: Optional[str]) -> Values:
    """The project modules an ``import_module`` / ``__import__`` call with this spec loads."""
    s = ev.s
    if not spec:
        return EMPTY
    if spec.startswith(SPEC_FILE):  # ``module_from_spec`` of a file the code names by its path
        found = next((f.module for f in s.files if f.path == spec[len(SPEC_FILE):]), None)
        return {Atom(Kind.MODULE, found)} if found is not None and found in s.modules else EMPTY
    if not spec.endswith(ANY_MODULE):
        if importer.endswith("__import__"):
            spec = spec.split(".", 1)[0]  # ``__import__("a.b")`` returns the package ``a``
        ev.note(spec)
        if spec in s.modules:
            return {Atom(Kind.MODULE, spec)}
        root = spec.partition(".")[0]  # an SDK loaded by name (``import_module("ollama")``): as ``import ollama``
        return {Atom(Kind.EXTERNAL, spec)} if root in providers.import_roots() and root not in s.own_roots else EMPTY
    package, _, start = spec[:-len(ANY_MODULE)].rpartition(".")
    if not package:
        return EMPTY
    package = s.module_aliases.get(package, package)  # ``llm.adapters`` of ``apps/worker`` on the path
    inner = f"{package}."
    ev.note_under(package)
    return {Atom(Kind.MODULE, m, (package,)) for m in s.modules
            if m.startswith(inner) and "." not in m[len(inner):] and m[len(inner):].startswith(start)}


def module_attr(ev: Evaluator, atom: Atom, name: str) -> Values:
    """A module's attribute; of a module a computed import loaded, the functions it reaches are
    recorded (``Evaluator.computed``) so the evidence says how weak that link is."""
    found: Values
    if name == ANY_MODULE:  # ``getattr(m, config.CLASS_NAME)``: any class or function of the module
        found = _members(ev, atom) if atom.path else EMPTY  # only of a module a computed import loaded
    elif ANY_MODULE in name:  # ``getattr(m, f"run_{kind}")``: the module-level functions that match
        ev.note_under(atom.name)
        found = {func(q) for q, (fn, facts) in ev.s.functions.items()
                 if facts.module == atom.name and not fn.cls and fnmatch.fnmatchcase(fn.name, name)}
    else:
        found = ev.read(("name", f"{atom.name}.{name}"))
    if atom.path:
        for value in found:
            if value.kind is Kind.FUNC:
                ev.computed.setdefault(value.name, atom.path[0])
    return found


def _members(ev: Evaluator, atom: Atom) -> Values:
    """The classes and module-level functions a module defines: what a name from configuration may
    pick out of a module a computed import loaded (``import_module(f"adapters.{kind}")`` then
    ``getattr(module, settings.ADAPTER_CLASS)``: a plugin chosen by configuration, policy 14's live
    value). A module any import names literally keeps its names unguessed."""
    ev.note_under(atom.name)
    classes = {Atom(Kind.CLASS, q) for q in ev.s.classes if q.rpartition(".")[0] == atom.name}
    functions = {func(q) for q, (fn, facts) in ev.s.functions.items()
                 if facts.module == atom.name and not fn.cls and fn.name.isidentifier()}
    return classes | functions


def resolve_name(ev: Evaluator, q: str) -> Values:
    """A qualified name: a definition, a module, or a name reached through imports and aliases."""
    s = ev.s
    ev.note(q)  # the entries named by ``q`` and its prefixes, in every table
    if q in s.functions:
        return {func(q)}
    if q in s.classes:
        return {Atom(Kind.CLASS, q)}
    if q in s.containers:  # ``agent = Agent(...)`` with ``@agent.tool`` members: the client as well
        sdk = _client_attribute(ev, q)
        if sdk:  # ``client.beta.conversations.append(...)`` is the SDK's method, not a container's add
            return sdk
        return {Atom(Kind.MULTI, q)} | {a for e in s.globals.get(q, ()) for a in ev.eval(e) if a.kind is Kind.CLIENT}
    if q in s.modules:
        # ``from .nodes import ask`` where ``nodes/__init__.py`` says ``from .ask import ask``: the
        # package's attribute is the function its ``__init__`` binds, not the submodule
        parent, _, last = q.rpartition(".")
        package = s.modules.get(parent)
        target = package.imports.get(last) if package is not None else None
        if target and target != q and not target.startswith("*"):
            return ev.read(("name", target))
        return {Atom(Kind.MODULE, q)}
    if q in s.module_aliases:
        return ev.read(("name", s.module_aliases[q]))
    parts = q.split(".")
    if len(parts) > MAX_NAME:
        return EMPTY  # only a redirect cycle through imports makes such a name
    for cut in range(len(parts) - 1, 0, -1):
        prefix = ".".join(parts[:cut])
        alias = s.module_aliases.get(prefix)
        if alias is not None:
            return ev.read(("name", ".".join([alias, *parts[cut:]])))
        module = s.modules.get(prefix)
        if module is not None and parts[cut] in module.imports:
            target = module.imports[parts[cut]]
            inner = f"{prefix}.{parts[cut]}."
            if target.startswith(inner) and q.startswith(inner):
                # ``q`` is inside the unparsed submodule the package imports the name from
                # (``from .sub import sub``): redirecting again grows it forever (``pkg.sub.sub...``)
                return EMPTY
            redirected = ".".join([target, *parts[cut + 1:]])
            if redirected != q:
                return ev.read(("name", redirected))
        if prefix in s.functions or prefix in s.classes or prefix in s.globals or prefix in s.containers:
            value = ev.read(("name", prefix))
            for part in parts[cut:]:
                value = ev.getattr(value, part)
            return value
        if module is not None:  # a project module without that name, unless it star-imports it
            rest = ".".join(parts[cut:])
            for key, star in module.imports.items():
                if key.startswith("*"):
                    found = ev.read(("name", f"{star}.{rest}"))
                    if found:
                        return found
            if cut > 1 or prefix not in providers.import_roots() or prefix in s.own_roots:
                if parts[0] not in s.own_roots and providers.match_function(q) is not None:
                    # a folder named after the SDK (``interpreter/interpreter.py``: ``from interpreter
                    # import interpreter``) lacks the catalogued function the code calls: the SDK's
                    return {Atom(Kind.EXTERNAL, q)}
                return EMPTY  # else a lone script ``openai.py``: a name it lacks is the SDK's
    if parts[0] in s.own_roots:
        return EMPTY  # a package of the project's own, named by an SDK's root: not the SDK
    return {Atom(Kind.EXTERNAL, q)}


def _client_attribute(ev: Evaluator, q: str) -> Values:
    """The SDK clients' attribute ``q`` names, where a global before its last dot holds a client
    (``bot.client.beta.conversations``): the facts pass took an SDK method named like a container's
    add (``append``, ``add``) for one, so the path has a container key; it is the client's path."""
    parts = q.split(".")
    for cut in range(len(parts) - 1, 1, -1):
        prefix = ".".join(parts[:cut])
        if prefix in ev.s.globals and prefix not in ev.s.containers:
            value: Values = {a for a in ev.read(("name", prefix)) if a.kind is Kind.CLIENT}
            for part in parts[cut:]:
                value = ev.getattr(value, part)
            return value
    return EMPTY
