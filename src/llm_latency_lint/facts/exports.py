"""Which top-level names of a module lead toward an LLM call: what an importer by name needs.

The prefilter's import closure once pulled in every importer of a relevant module: in a
framework whose utilities sit beside its LLM code, ``from pkg.llm import slugify`` made a file
worth a libcst parse. Now an importer by name joins only when one of the names it imports
*matters* (issue 14 item 3). A module's top-level statements are read off CPython's tree (a
fraction of a libcst parse, and only for the modules imported by name); each binds names (a
``def``, a class, assignment targets, import aliases; a statement that binds nothing, such as
``register(ask)`` or ``HANDLERS["x"] = ask``, stands for every name it mentions) and mentions
words. A name leads toward an LLM call when a statement binding it mentions an SDK word (its
text matches an anchor) or a name that leads: an SDK import's alias, another top-level name that
leads, or an imported project name that leads in its own module. A compound statement (``if``,
``try``, ``with``, loops) binds whatever is bound anywhere in it and mentions every word in it; a
decorator's names are bound by the definition it decorates (``@registry.add`` puts it there).
Anything the scan cannot vouch for counts as leading: a name the module does not bind itself (a
star import, a submodule), every name of a module with a ``__getattr__`` or of an anchor without
any anchored statement (a pragma, a configured wrapper), a file CPython cannot read.
"""
from __future__ import annotations

import ast
import bisect
import itertools
import re
from dataclasses import dataclass, field
from typing import (
    Callable,
    Dict,
    FrozenSet,
    List,
    Optional,
    Pattern,
    Protocol,
    Set,
    Tuple,
)

from llm_latency_lint.syntax.checked import measured

_WORD = re.compile(r"[^\W\d]\w*")
_INNER_IMPORT = re.compile(r"\n[ \t]+(?:from[ \t]+\S+[ \t]+)?import[ \t]")
_NESTED_DEF = re.compile(r"\n[ \t]+(?:async[ \t]+)?def[ \t]")
_COMPOUND = (ast.If, ast.Try, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith)
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass
class Exports:
    """A module's top-level names: what each binding statement mentions, and what imports bind."""

    whole: bool = False  # every name counts (nothing here can be vouched for)
    mentions: Dict[str, Set[str]] = field(default_factory=dict)  # name -> words of statements binding it
    anchored: Set[str] = field(default_factory=set)  # names bound by a statement matching an anchor
    imported: Dict[str, str] = field(default_factory=dict)  # alias -> "module" or "module.name"
    classes: Set[str] = field(default_factory=set)  # dispatch may go through a subclass
    objects: Set[str] = field(default_factory=set)  # containers and objects: a registry may hold anything
    factories: Set[str] = field(default_factory=set)  # functions with nested defs (decorator factories)
    stars: Set[str] = field(default_factory=set)  # modules imported with ``from m import *``
    inner: List[Tuple[str, str]] = field(default_factory=list)  # (alias, target) of imports inside defs


class ExportsMemo(Protocol):
    """Exports read on an earlier run, by file key, valid for the file's text as it is now (the
    cache keys them by content hash): an edit re-selects without re-reading every module."""

    def get(self, key: str) -> Optional[Exports]: ...

    def put(self, key: str, found: Exports) -> None: ...


EncodedExports = Tuple[bool, Dict[str, Set[str]], Set[str], Dict[str, str], Set[str], Set[str], Set[str], Set[str],
                       List[Tuple[str, str]]]


def encode_exports(found: Exports) -> EncodedExports:
    """Plain values ``marshal`` writes (``Exports``' fields in order)."""
    return (found.whole, found.mentions, found.anchored, found.imported, found.classes, found.objects,
            found.factories, found.stars, found.inner)


def decode_exports(data: object) -> Optional[Exports]:
    """``encode_exports`` read back; None for anything else (the caller reads the module again)."""
    if not isinstance(data, tuple) or len(data) != 9:
        return None
    whole, mentions, anchored, imported, classes, objects, factories, stars, inner = data
    sets = (anchored, classes, objects, factories, stars)
    if not (isinstance(whole, bool) and isinstance(mentions, dict) and isinstance(imported, dict)
            and isinstance(inner, list) and all(isinstance(v, set) for v in (*sets, *mentions.values()))):
        return None
    return Exports(whole, mentions, anchored, imported, classes, objects, factories, stars,
                   [(str(a), str(t)) for a, t in inner])


def read_exports(text: str, module: str, is_package: bool, anchor: Tuple[Pattern[str], Pattern[str]],
                 is_anchor: bool) -> Exports:
    """``anchor``: the prefilter's anchors that are import statements, and the others (``prefilter.
    anchor_parts``); ``is_anchor``: the prefilter found one in the file (else no statement holds one)."""
    import_anchor, word_anchor = anchor
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return Exports(whole=True)
    measured(text, tree)  # the check before the facts pass of this text will not parse it again
    lines = text.splitlines(keepends=True)
    hits: List[int] = []  # lines where an anchor starts: one scan of the file, not one per statement
    if is_anchor:
        starts = list(itertools.accumulate(len(line) for line in lines))
        hits = [bisect.bisect_right(starts, m.start()) + 1 for m in word_anchor.finditer(text)]

    package = module if is_package else module.rpartition(".")[0]
    found = Exports()
    for stmt in tree.body:
        start = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", ()))])
        end = stmt.end_lineno or stmt.lineno
        source = "".join(lines[start - 1:end])
        words = set(_WORD.findall(source))
        bound = _bound(stmt, package, found)
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == "__getattr__":
            found.whole = True  # a lazy module: any name may come from anywhere
        if not bound:  # ``register(ask)``, ``HANDLERS["x"] = ask``: stands for what it mentions
            bound = words
        for decorator in getattr(stmt, "decorator_list", ()):  # ``@registry.add``: the registry holds it
            bound = bound | {n.id for n in ast.walk(decorator) if isinstance(n, ast.Name)}
        at = bisect.bisect_left(hits, start)
        hit = at < len(hits) and hits[at] <= end
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            hit = hit or (is_anchor and bool(import_anchor.search(_import_text(stmt))))
        elif _INNER_IMPORT.search(source):
            for node in ast.walk(stmt):  # ``def create(): from .tasks import job``: the def mentions it
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    found.inner.extend(_targets(node, package))
                    hit = hit or (is_anchor and bool(import_anchor.search(_import_text(node))))
        if hit and isinstance(stmt, ast.ImportFrom) and any(a.name == "*" for a in stmt.names):
            found.whole = True  # ``from openai import *``: any name may be the SDK's
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            words = set()  # an alias leads through its target alone (``Leads``), not its neighbours
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and _NESTED_DEF.search(source):
            found.factories.add(stmt.name)
        for name in bound:
            found.mentions.setdefault(name, set()).update(words)
            if hit:
                found.anchored.add(name)
    if not found.anchored and is_anchor:
        found.whole = True  # anchored only where no top-level statement is (a pragma in a comment)
    return found


def _import_text(stmt: ast.stmt) -> str:
    """An import statement on one line, as the prefilter's import anchors read it."""
    names = ", ".join(a.name for a in stmt.names)  # type: ignore[attr-defined]
    if isinstance(stmt, ast.ImportFrom):
        return f"from {'.' * stmt.level}{stmt.module or ''} import {names}"
    return f"import {names}"


def _targets(stmt: ast.stmt, package: str) -> List[Tuple[str, str]]:
    """(alias, "module" or "module.name") of an import statement; ("*", "module.*") for a star."""
    pairs: List[Tuple[str, str]] = []
    if isinstance(stmt, ast.Import):
        for alias in stmt.names:
            local = alias.asname or alias.name.split(".")[0]
            pairs.append((local, alias.name if alias.asname else local))
    elif isinstance(stmt, ast.ImportFrom):
        base = stmt.module or ""
        if stmt.level:
            parts = package.split(".") if package else []
            parts = parts[: len(parts) - (stmt.level - 1)] if stmt.level > 1 else parts
            base = ".".join([*parts, base] if base else parts)
        for alias in stmt.names:
            if alias.name == "*":
                pairs.append(("*", f"{base}.*"))
            else:
                pairs.append((alias.asname or alias.name, f"{base}.{alias.name}" if base else alias.name))
    return pairs


def defines_dispatch(exports: Exports, name: str) -> bool:
    """Does dispatch go through ``name`` (a class, a container or object, a decorator factory, or
    a name this module does not bind itself)? Its module is then worth parsing for an importer."""
    return (exports.whole or name in exports.classes or name in exports.objects or name in exports.factories
            or name not in exports.mentions)


def _bound(stmt: ast.stmt, package: str, found: Exports) -> Set[str]:
    """Names ``stmt`` binds at module level; import aliases recorded with their targets."""
    if isinstance(stmt, _DEFS):
        if isinstance(stmt, ast.ClassDef):
            found.classes.add(stmt.name)
        return {stmt.name}
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        pairs = _targets(stmt, package)
        found.imported.update((alias, target) for alias, target in pairs if alias != "*")
        found.stars.update(target[:-2] for alias, target in pairs if alias == "*")
        return {alias for alias, _ in pairs if alias != "*"}
    targets: List[ast.expr] = []
    if isinstance(stmt, ast.Assign):
        targets = list(stmt.targets)
    elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
        targets = [stmt.target]
    names = {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    value = getattr(stmt, "value", None)
    if names and isinstance(value, (ast.Dict, ast.List, ast.Set, ast.Call, ast.DictComp, ast.ListComp)):
        found.objects.update(names)  # a module-level container (maybe a registry) or an object
    if isinstance(stmt, _COMPOUND):
        names = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        names |= {n.name for n in ast.walk(stmt) if isinstance(n, _DEFS)}
        names |= {(a.asname or a.name.split(".")[0]) for n in ast.walk(stmt)
                  if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    return names


def _close(leading: Set[str], exports: Exports) -> None:
    """Add to ``leading`` every name a statement binding it mentions one that leads, to a fixpoint."""
    grew = True
    while grew:
        grew = False
        for name, words in exports.mentions.items():
            if name not in leading and not words.isdisjoint(leading):
                leading.add(name)
                grew = True


class Leads:
    """Which names lead toward an LLM call, across modules: the least fixpoint over the modules
    read so far and every project module they import from, so the answer depends neither on the
    order of questions nor on import cycles (a cycle leads only where one of its names does).

    ``files_of`` maps a module name (as importers write it) to the files that define it;
    ``exports_of`` reads a file's ``Exports``."""

    def __init__(self, files_of: Callable[[str], FrozenSet[str]], exports_of: Callable[[str], Exports]) -> None:
        self._files_of = files_of
        self._exports_of = exports_of
        self._leading: Dict[str, Set[str]] = {}  # file read -> its names that lead
        self._users: Dict[str, Set[str]] = {}  # file -> the files read that import from it
        self._locals: Dict[str, Set[str]] = {}

    def name(self, file: str, name: str) -> bool:
        exports = self._exports_of(file)
        if exports.whole or name not in exports.mentions:
            return True
        if file not in self._leading and name in self._local(file, exports):
            return True  # leads within its own module: so in the fixpoint, without reading its imports
        self._read(file)
        return name in self._leading[file]

    def _local(self, file: str, exports: Exports) -> Set[str]:
        """Names that lead through the module's own anchored statements alone (a subset of the
        fixpoint's), memoised."""
        if file not in self._locals:
            leading = set(exports.anchored)
            _close(leading, exports)
            self._locals[file] = leading
        return self._locals[file]

    def _read(self, file: str) -> None:
        """Read ``file`` and every project module it imports from, then update the fixpoint."""
        if file in self._leading:
            return
        todo, new = [file], []
        imports: Dict[str, List[str]] = {}  # file read now -> the files it imports from
        while todo:
            current = todo.pop()
            if current in self._leading:
                continue
            self._leading[current] = set()
            new.append(current)
            exports = self._exports_of(current)
            targets = imports[current] = []
            for target in [*exports.imported.values(), *exports.stars, *(t for _, t in exports.inner)]:
                base = target.rpartition(".")[0]
                for found in (*self._files_of(target), *(self._files_of(base) if base else ())):
                    self._users.setdefault(found, set()).add(current)
                    targets.append(found)
                    if found not in self._leading:
                        todo.append(found)
        for component in _components(new, imports):
            self._solve(component)

    def _solve(self, todo: List[str]) -> None:
        """Grow the leading names of ``todo``'s files (one strongly connected component of the
        files read together: what they import from is solved already), and of their importers
        in it while they change. A file waits in the worklist once (the least fixpoint does not
        depend on the order); solving the components in dependency order visits most files once
        (saleor: 36,000 visits of 460 files in one worklist)."""
        members = set(todo)
        waiting = set(todo)
        while todo:
            file = todo.pop()
            waiting.discard(file)
            exports = self._exports_of(file)
            if exports.whole:
                continue
            leading = self._leading[file]
            before = len(leading)
            if any(self._target_leads(star) for star in exports.stars):
                leading |= set(exports.mentions)  # any word may be a name the star import brought
            leading |= exports.anchored
            leading.update(alias for alias, target in [*exports.imported.items(), *exports.inner]
                           if alias not in leading and self._target_leads(target))
            _close(leading, exports)
            if len(leading) != before:
                for user in self._users.get(file, ()):
                    if user in members and user not in waiting:
                        waiting.add(user)
                        todo.append(user)

    def _leads(self, file: str, name: str) -> bool:
        exports = self._exports_of(file)
        return exports.whole or name in self._leading.get(file, ()) or name not in exports.mentions

    def _target_leads(self, target: str) -> bool:
        modules = self._files_of(target)
        if modules:  # a module of the project, imported whole: any name of it that leads
            return any(self._exports_of(f).whole or self._leading.get(f) for f in modules)
        base, _, name = target.rpartition(".")
        return any(self._leads(f, name) for f in (self._files_of(base) if base else ()))


def _components(files: List[str], imports: Dict[str, List[str]]) -> List[List[str]]:
    """The strongly connected components of ``files`` under "imports from" (edges leaving
    ``files`` ignored), each after every component it imports from (Tarjan's order), iteratively."""
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    stack: List[str] = []
    on_stack: Set[str] = set()
    out: List[List[str]] = []
    for root in files:
        if root in index:
            continue
        work = [(root, iter(imports.get(root, ())))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in imports:
                    continue  # read by an earlier question: solved already
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(imports.get(nxt, ()))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    out.append(component)
    return out


__all__ = ["Exports", "Leads", "defines_dispatch", "read_exports"]
