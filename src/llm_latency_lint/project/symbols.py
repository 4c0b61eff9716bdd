"""The symbol table: every file's facts joined under qualified names.

Typed tables of what the project defines (functions, classes, module-level bindings, modules,
containers and what code adds to them, task names) and the lookups that need no evaluation.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from llm_latency_lint.catalog import providers
from llm_latency_lint.model import ClassFacts, Expr, FileFacts, FunctionFacts
from llm_latency_lint.project.path_roots import enclosing_roots, inserted_roots
from llm_latency_lint.project.programs import Programs
from llm_latency_lint.project.scripts import NEVER_SIBLINGS, folder_first

SUFFIX_SCANS = 8  # names resolved by suffix with a scan of every function before the index is built


@dataclass
class Symbols:
    files: List[FileFacts]
    functions: Dict[str, Tuple[FunctionFacts, FileFacts]] = field(default_factory=dict)
    classes: Dict[str, ClassFacts] = field(default_factory=dict)
    class_files: Dict[str, FileFacts] = field(default_factory=dict)
    globals: Dict[str, List[Expr]] = field(default_factory=dict)
    modules: Dict[str, FileFacts] = field(default_factory=dict)
    task_names: Dict[str, str] = field(default_factory=dict)
    containers: Dict[str, List[Expr]] = field(default_factory=dict)
    module_aliases: Dict[str, str] = field(default_factory=dict)
    locals: Dict[str, List[Expr]] = field(default_factory=dict)  # "fn#name" -> every value
    # Catalogued SDK packages the project defines itself (``providers.own_roots``): project code.
    own_roots: FrozenSet[str] = frozenset()
    # While classification runs (``classify_reuse.Asking``): names resolved here outside the evaluator.
    asked: Optional[List[str]] = field(default=None, compare=False, repr=False)
    # ``_by_suffix``: names looked up by a scan so far, then the index (built once: functions are fixed)
    _scans: int = field(default=0, compare=False, repr=False)
    _tails: Optional[Dict[str, int]] = field(default=None, compare=False, repr=False)
    _at: Dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    _names: List[str] = field(default_factory=list, compare=False, repr=False)
    _programs: Optional[Programs] = field(default=None, compare=False, repr=False)

    def ask(self, name: str) -> None:
        if self.asked is not None:
            self.asked.append(name)

    @classmethod
    def build(cls, files: List[FileFacts]) -> "Symbols":
        # a script's bare imports: its own folder first, then the folders it adds to ``sys.path``
        table = cls(enclosing_roots(inserted_roots(folder_first(list(files)))))
        for facts in table.files:
            table.modules[facts.module] = facts
            for qual, fn in facts.functions.items():
                table.functions[qual] = (fn, facts)
                for name, values in fn.locals.items():
                    table.locals[f"{qual}#{name}"] = values
            for qual, klass in facts.classes.items():
                table.classes[qual] = klass
                table.class_files[qual] = facts
            for name, exprs in facts.globals.items():
                table.globals.setdefault(name, []).extend(exprs)
            table.task_names.update(facts.task_names)
            for key, exprs in facts.containers.items():
                table.containers.setdefault(key, []).extend(exprs)
        table.module_aliases = path_module_aliases(table.files)
        table.own_roots = providers.own_roots((f.module, f.path.rpartition("/")[2] == "__init__.py") for f in table.files)
        return table

    @property
    def programs(self) -> Programs:
        """Which modules share a program (``programs``): built on first use, once per project, for
        every stage that asks (the name-based fallback, LlamaIndex ``Settings``, deployed workers)."""
        if self._programs is None:
            self._programs = Programs(self.files, self.module_aliases)
        return self._programs

    def file_of(self, qualname: str) -> str:
        """The path of the file defining a function or class ('' when unknown)."""
        if qualname in self.functions:
            return self.functions[qualname][1].path
        if qualname in self.class_files:
            return self.class_files[qualname].path
        return ""

    def resolve_dotted(self, name: str, hops: int = 0) -> List[str]:
        """Project functions a dotted string names (``"app.tasks.nightly"``, ``"pkg.mod:fn"``); a
        name the module only imports is the function it re-exports (a Cloud Functions ``main.py``
        doing ``from src.digest import run`` for ``--entry-point run``)."""
        self.ask(name)
        name = name.replace(":", ".").strip()
        if name in self.task_names:
            return [self.task_names[name]]
        if name in self.functions:
            return [name]
        module, _, last = name.rpartition(".")
        imported = self.modules[module].imports.get(last) if module in self.modules else None
        if imported and imported != name and hops < 4:
            return self.resolve_dotted(imported, hops + 1)
        # A dotted name relative to a src/ layout or a package prefix the scan root lacks.
        hit = self._by_suffix(name)
        if hit is not None:
            return [hit]
        short = {v for k, v in self.task_names.items() if k.endswith("." + name) or name.endswith("." + k)}
        return sorted(short)[:1]

    def _by_suffix(self, name: str) -> Optional[str]:
        """The first function (in table order) whose name ends with ``.<name>``, or that ``name``
        ends with ``.<it>``. Past a few names, from an index of every function's dotted tails (a
        classification of crewAI asked 80 names, each a scan of 12,000 functions)."""
        self._scans += 1
        if self._scans <= SUFFIX_SCANS:
            return next((q for q in self.functions if q.endswith("." + name) or name.endswith("." + q)), None)
        if self._tails is None:
            self._names, self._tails = list(self.functions), {}
            self._at = {qualname: at for at, qualname in enumerate(self._names)}
            for at, qualname in enumerate(self._names):
                parts = qualname.split(".")
                for i in range(1, len(parts)):
                    self._tails.setdefault(".".join(parts[i:]), at)  # the first function with that tail
        best = self._tails.get(name)
        parts = name.split(".")
        for i in range(1, len(parts)):  # ``name``'s own tails that are functions
            tail = self._at.get(".".join(parts[i:]))
            if tail is not None and (best is None or tail < best):
                best = tail
        return self._names[best] if best is not None else None

    def resolve_global(self, name: str) -> Optional[str]:
        """The module-level name a dotted string names when it is no function: a Lambda handler
        bound to an instance's method (``handler = CoverLetterHandler().handler``, round 18's
        UmairJibran/waltzes-python), a callable object. The module as ``resolve_dotted`` reads it:
        by its name, an alias (``src.handlers.x`` for ``handlers/x.py`` run from ``src``), or the one
        project module the string's module ends with."""
        self.ask(name)
        module, _, last = name.replace(":", ".").strip().rpartition(".")
        if not module or not last:
            return None
        candidates = [module, self.module_aliases.get(module, "")]
        candidates += sorted(m for m in self.modules if module.endswith("." + m) or m.endswith("." + module))
        for found in candidates:
            if found in self.modules and f"{found}.{last}" in self.globals:
                return f"{found}.{last}"
        return None

    def constant_text(self, name: str) -> Optional[str]:
        """The one string a module constant or class attribute holds (``pkg.settings.TOPIC``,
        ``pkg.settings.AppSettings.TOPIC``; a module found as ``resolve_global`` finds it), else None."""
        owner, _, last = name.strip().rpartition(".")
        held = self.resolve_global(name)
        exprs = self.globals.get(held, []) if held else []
        if not exprs:
            klass = self.classes.get(owner) or next(
                (c for q, c in self.classes.items() if owner.endswith("." + q) or q.endswith("." + owner)), None)
            exprs = klass.attrs.get(last, []) if klass is not None and "." in owner else []
        texts = {str(e[1]) for e in exprs if e and e[0] == "str"}
        return texts.pop() if len(texts) == 1 and len(exprs) == 1 else None

    def resolve_by_name(self, name: str) -> List[str]:
        """The name-based fallback for a dotted task name that names nothing here (a beat entry
        ``"conversations.tasks.nightly"`` for ``apps/conversation/tasks.py``): the one task whose
        module's last segment and function name are the string's last two. Evidence says so."""
        parts = name.replace(":", ".").strip().split(".")
        if len(parts) < 2 or self.resolve_dotted(name):
            return []
        tail = ".".join(parts[-2:])
        hits = sorted({q for q in self.task_names.values() if q == tail or q.endswith("." + tail)})
        return hits if len(hits) == 1 else []


def path_module_aliases(files: List[FileFacts]) -> Dict[str, str]:
    """``src.agents`` -> ``agents`` for ``src/agents.py`` in a folder without ``__init__.py``:
    code run from the scan root imports it by its path (a namespace package)."""
    aliases: Dict[str, str] = {}
    modules = {f.module for f in files}
    for facts in files:
        stem = facts.path[: -len(".py")] if facts.path.endswith(".py") else ""
        stem = stem[: -len("/__init__")] if stem.endswith("/__init__") else stem  # a package: its folder
        if not stem or stem == "__init__":
            continue
        dotted = stem.replace("/", ".")
        if facts.module.endswith("." + dotted) and dotted not in modules:
            aliases.setdefault(dotted, facts.module)  # the scan root holds an __init__.py: code imports below it
        if dotted != facts.module and dotted.endswith("." + facts.module):
            parts = dotted.split(".")  # ``app.modules.llm.client`` from a folder above the package root too
            for cut in range(len(parts) - len(facts.module.split("."))):
                alias = ".".join(parts[cut:])
                if alias not in modules:
                    aliases.setdefault(alias, facts.module)
    # A package's modules named without the package (``from services.ai.messenger import
    # Messenger`` for ``server/services/ai/messenger.py`` under ``server/__init__.py``): code run from
    # inside the package's folder (Django's ``manage.py`` beside it puts that folder on sys.path).
    # Only names nothing else answers to: not a project module, not an SDK's own package.
    # Deeper too (``from services.x import C`` for ``root/app/services/x.py`` under ``root/__init__.py``
    # and ``app/__init__.py``: ``cd app; uvicorn main:app``) when one module alone answers to it.
    tops = {m.split(".", 1)[0] for m in modules}
    deeper: Dict[str, Set[str]] = {}
    for facts in files:
        parts = facts.module.split(".")
        for cut in range(1, len(parts) - 1):
            alias = ".".join(parts[cut:])
            if alias in modules or parts[cut] in tops or parts[cut] in providers.import_roots():
                continue
            if cut == 1:
                aliases.setdefault(alias, facts.module)
            else:
                deeper.setdefault(alias, set()).add(facts.module)
    for alias, owners in deeper.items():
        if len(owners) == 1:
            aliases.setdefault(alias, next(iter(owners)))
    # A script imports a sibling by its bare name (``from prompt_generator import f`` in the same
    # folder, which is on sys.path when the script runs): the stem names that file.
    folders = {(posixpath.dirname(f.path), posixpath.basename(f.path)[:-3]): f.module
               for f in files if f.path.endswith(".py") and posixpath.basename(f.path) != "__init__.py"}
    # a folder of modules without ``__init__.py`` imports like a package (a namespace package)
    namespaces = {(posixpath.dirname(posixpath.dirname(f.path)), posixpath.basename(posixpath.dirname(f.path))): ""
                  for f in files if f.path.endswith(".py") and posixpath.dirname(f.path)}
    packages = {**namespaces, **_packages(files)}
    roots: Set[str] = set()
    for facts in files:
        folder = posixpath.dirname(facts.path)
        for value in facts.imports.values():
            stem = value.split(".", 1)[0]
            sibling = folders.get((folder, stem))
            if sibling is not None and stem not in modules and sibling != stem and stem not in NEVER_SIBLINGS:
                aliases.setdefault(stem, sibling)
            if stem not in modules and stem not in NEVER_SIBLINGS and (folder, stem) in packages:
                roots.add(folder)
    _root_aliases(files, roots, modules, aliases)
    return aliases


def _packages(files: List[FileFacts]) -> Dict[Tuple[str, str], str]:
    """(parent folder, name) -> module of each package (a folder holding ``__init__.py``)."""
    out: Dict[Tuple[str, str], str] = {}
    for facts in files:
        if posixpath.basename(facts.path) == "__init__.py":
            folder = posixpath.dirname(facts.path)
            out[(posixpath.dirname(folder), posixpath.basename(folder))] = facts.module
    return out


def _root_aliases(files: List[FileFacts], roots: Set[str], modules: Set[str], aliases: Dict[str, str]) -> None:
    """A file importing a package beside it by its bare name (``from services import Summarizer`` in
    ``src/app.py`` next to ``src/services/``) runs with its folder on ``sys.path`` (a Lambda's
    ``CodeUri: src/``, a script run from there): every module below that folder is importable by its
    path from it (``agents`` for ``src/agents/__init__.py``), even where ``src/`` is itself a package.
    Only names nothing else answers to: not a project module, not an SDK or standard-library name."""
    for facts in files:
        for root in roots:
            prefix = root + "/" if root else ""
            if not facts.path.startswith(prefix) or not facts.path.endswith(".py"):
                continue
            stem = facts.path[len(prefix):-len(".py")]
            stem = stem[: -len("/__init__")] if stem.endswith("/__init__") else stem
            dotted = stem.replace("/", ".")
            if stem != "__init__" and dotted != facts.module and dotted not in modules \
                    and dotted.split(".", 1)[0] not in NEVER_SIBLINGS:
                aliases.setdefault(dotted, facts.module)
