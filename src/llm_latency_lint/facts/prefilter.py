"""A cheap text scan that decides which Python files are worth a libcst parse.

A file is relevant when it mentions an SDK, scheduler, web framework or sink word, or when
it imports a relevant project module (it may be a hop on the path to an SDK call). The
import closure is computed with a regex, never a parse.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import (
    Any,
    Callable,
    Dict,
    FrozenSet,
    Iterable,
    List,
    Optional,
    Pattern,
    Set,
    Tuple,
)

from llm_latency_lint.catalog import celery_methods, providers, service_hosts
from llm_latency_lint.facts.exports import (
    Exports,
    ExportsMemo,
    Leads,
    read_exports,
)
from llm_latency_lint.facts.module_names import loads, module_names, named_modules
from llm_latency_lint.facts.textviews import (
    Reads,
    TextViews,
    base_names,
    loads_modules,
    runs_entries_by_name,
    sends_to_sqs,
)
from llm_latency_lint.facts.wordscan import (
    import_lines,
    mentions_call_path,
    mentions_words,
    word_alternatives,
)
from llm_latency_lint.files.testpaths import is_test_path
from llm_latency_lint.syntax.noqa import LLM_NOQA_HINT

_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(?P<base>\.*[\w.]*)[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n#;]+)|import[ \t]+(?P<mods>[^\n#;]+))",
    re.MULTILINE,
)
EXTRA_WORDS = ("llm-latency", "__main__", "crontab", "beat_schedule", "send_mail", "smtplib", "slack")


@lru_cache(maxsize=1)
def anchor_pattern() -> Pattern[str]:
    """What makes a file relevant on its own: an SDK's anchors (its package name, or for a
    package shared with non-LLM services the words of its LLM modules), provider API hosts, our pragma."""
    return re.compile("|".join([*providers.anchor_expressions(), re.escape("llm-latency")]), re.MULTILINE)


_NEVER = re.compile(r"(?!)")  # matches nothing: no root left to anchor on


@lru_cache(maxsize=None)
def root_pattern(root: str) -> Pattern[str]:
    """One anchoring root's import statement, compiled when a line naming it is first tried (not 74 at once)."""
    return re.compile(providers.import_of(root), re.MULTILINE)


@lru_cache(maxsize=8)
def roots_pattern(own: FrozenSet[str] = frozenset()) -> Pattern[str]:
    """An import statement of any catalogued root the project does not define itself (``own``)."""
    roots = [root for root in providers.import_anchored_roots() if root not in own]
    return re.compile(providers.imports_of(roots), re.MULTILINE) if roots else _NEVER


@lru_cache(maxsize=1)
def word_pattern() -> Pattern[str]:
    """The anchors that are no root's import (words of LLM modules, hosts, our pragma): one scan
    of a file finds them much faster than the whole alternation."""
    return re.compile("|".join(word_alternatives()), re.MULTILINE)


def anchor_parts(own: FrozenSet[str] = frozenset()) -> Tuple[Pattern[str], Pattern[str]]:
    """``anchor_pattern`` split in two: the anchors that are import statements of a package the
    project does not define (tried on each import statement alone), and the rest."""
    return roots_pattern(own), word_pattern()


def imported_roots(text: str) -> FrozenSet[str]:
    """The catalogued roots whose import statement ``text`` holds: one scan for any of them, then
    each matching line tried per root (``import os, openai, anthropic`` holds two)."""
    found: Set[str] = set()
    for start in import_lines(roots_pattern(), text):
        end = text.find("\n", start)
        line = text[start: end if end >= 0 else len(text)]
        # a root's import statement spells the root: only roots the line names are tried
        found.update(root for root in providers.import_anchored_roots() if root in line and root_pattern(root).search(line))
    return frozenset(found)


@lru_cache(maxsize=1)
def trigger_words() -> Tuple[str, ...]:
    """Scheduler / framework words: relevant only together with a relevant module's name."""
    from llm_latency_lint.catalog.triggers import (
        all_recognizers,  # imports libcst: only when some file must be scanned
    )

    words: Set[str] = set(EXTRA_WORDS)
    for recognizer in all_recognizers():
        words.update(recognizer.words)
    return tuple(sorted(w for w in words if w))


def _mentions(text: str, words: Iterable[str]) -> bool:
    """Any of ``words`` in ``text``: one C-level substring search per word (``map``: no generator
    frame per word), several times faster than a regex alternation of the same literals."""
    return any(map(text.__contains__, words))


def mentions_llm_words(text: str, extra: Iterable[str] = ()) -> bool:
    return bool(anchor_pattern().search(text)) or _mentions(text, extra) or _mentions(text, providers.anchor_substrings())


def imported_modules(text: str, module: str, is_package: bool) -> Set[str]:
    """Module names (and module.name candidates) a file imports, by regex."""
    whole, named, bases = _imports(text, module, is_package)
    return whole | named | bases


def _imports(text: str, module: str, is_package: bool) -> Tuple[Set[str], Set[str], Set[str]]:
    """(modules imported whole: ``import m`` and ``from m import *``; ``base.name`` of each
    ``from base import name``; the bases of those), by regex."""
    package = module if is_package else module.rpartition(".")[0]
    whole: Set[str] = loads(text)
    named: Set[str] = set()
    bases: Set[str] = set()
    for m in _IMPORT.finditer(text):
        if m.group("mods"):
            for part in m.group("mods").split(","):
                name = part.strip().split(" as ")[0].strip()
                if name:
                    whole.add(name)
            continue
        base = m.group("base") or ""
        dots = len(base) - len(base.lstrip("."))
        base = base.lstrip(".")
        if dots:
            parts = package.split(".") if package else []
            parts = parts[: len(parts) - (dots - 1)] if dots > 1 else parts
            base = ".".join([*parts, base] if base else parts)
        if not base:
            continue
        bases.add(base)
        for name in m.group("names").strip("() \n").split(","):
            name = name.strip().split(" as ")[0].strip()
            if name == "*":
                whole.add(base)
            elif name:
                named.add(f"{base}.{name}")
    return whole, named, bases


@dataclass(frozen=True)
class Summary:
    """What the prefilter needs from one file; depends on its text, module and wrappers only,
    so it is cached with the file (see ``cache``) and a warm run never re-reads the file."""

    words: bool  # names an SDK's words or host, our pragma or a configured wrapper
    registry: bool  # has scheduler / framework words
    imports: FrozenSet[str] = frozenset()
    dispatch: bool = False  # defines a class, a module-level container or a decorator factory
    noqa: bool = False  # may hold an LLM noqa comment (LLM100 reads only these files)
    whole: FrozenSet[str] = frozenset()  # modules imported whole (``import m``, ``from m import *``)
    named: FrozenSet[str] = frozenset()  # ``base.name`` of each ``from base import name``
    roots: FrozenSet[str] = frozenset()  # catalogued roots it imports (their import is the anchor)
    methods: FrozenSet[str] = frozenset()  # methods (``def name(self``) an anchor defines, six letters or more
    calls: FrozenSet[str] = frozenset()  # ``.name(`` method calls, six letters or more

    @property
    def anchor(self) -> bool:
        """Names an SDK (any anchor), whatever the project defines."""
        return self.words or bool(self.roots)

    def anchored(self, own: FrozenSet[str]) -> bool:
        """Names an SDK, when the packages in ``own`` are the project's own code (``providers.own_roots``)."""
        return self.words or not self.roots <= own

    def to_json(self) -> List[Any]:
        return [self.words, self.registry, sorted(self.imports), self.dispatch, self.noqa, sorted(self.whole),
                sorted(self.named), sorted(self.roots), sorted(self.methods), sorted(self.calls)]

    @classmethod
    def from_json(cls, data: Any) -> "Summary":
        words, registry, imports, dispatch, noqa, whole, named, roots, methods, calls = data
        if not (isinstance(words, bool) and isinstance(registry, bool) and isinstance(dispatch, bool)
                and isinstance(noqa, bool) and all(isinstance(group, list) and all(isinstance(i, str) for i in group)
                                                   for group in (imports, whole, named, roots, methods, calls))):
            raise ValueError("bad prefilter summary")
        return cls(words, registry, frozenset(imports), dispatch, noqa, frozenset(whole), frozenset(named),
                   frozenset(roots), frozenset(methods), frozenset(calls))


def summarise(text: str, module: str, is_package: bool, extra: Iterable[str] = ()) -> Summary:
    whole, named, bases = _imports(text, module, is_package)
    imports = frozenset(whole | named | bases)
    dispatch = bool(_DISPATCH_SHAPES.search(text))
    noqa = bool(LLM_NOQA_HINT.search(text))
    # plain substrings too (``OLLAMA_``, ``/api/generate``: raw HTTP's clue; a deployed function's host: a hop)
    words = mentions_words(text) or _mentions(text, extra) or _mentions(text, providers.anchor_substrings()) \
        or _mentions(text, service_hosts.DEPLOYED_FUNCTION_HOSTS)
    # an SDK loaded by a literal name (``importlib.import_module("ollama")``, not ``pkg.*``) is imported as by a statement
    roots = imported_roots(text) | {m.partition(".")[0] for m in loads(text) if "*" not in m} & set(providers.import_anchored_roots())
    # a helper handed its client calls an SDK's operation path and imports no SDK at all (a file
    # importing one, even the project's own copy, is decided by that import)
    calls = frozenset(_METHOD_CALL.findall(text))
    words = words or (not roots and mentions_call_path(text, calls))
    # Registry words matter only for a file that is no anchor: one whose roots are all the
    # project's own (``select``) may still be one, so they are looked for there too.
    registry = not words and _mentions(text, trigger_words())
    methods = frozenset(_METHOD_DEF.findall(text)) if words or roots else frozenset()
    return Summary(words, registry, imports, dispatch, noqa, frozenset(whole), frozenset(named), roots, methods, calls)


def own_roots(summaries: Dict[str, Summary], modules: Dict[str, str]) -> FrozenSet[str]:
    """The catalogued SDK packages the scanned tree defines itself (``providers.own_roots``)."""
    return providers.own_roots((modules[key], key.endswith("__init__.py")) for key in summaries)


def mentioned_modules(text: str) -> FrozenSet[str]:
    """Modules a text names in code other than its imports (a schedule's ``"app.tasks.x"``)."""
    return frozenset(named_modules(_IMPORT.sub("", text)))


# What ``select`` reads off texts besides exports, by name (``textviews.Reads``).
TEXT_VIEWS = TextViews(names={"bases": base_names, "mentioned": mentioned_modules},
                       flags={"loads": loads_modules, "dags": runs_entries_by_name, "sqs": sends_to_sqs})


def select(summaries: Dict[str, Summary], modules: Dict[str, str], text_of: Callable[[str], str],
           memo: Optional[ExportsMemo] = None, reads: Optional[Reads] = None, sqs_consumed: bool = False) -> Set[str]:
    """Keys of ``summaries`` worth parsing, to a fixpoint:

    Test code (``files.testpaths``) is never kept: its calls are no call sites, nothing deployed
    runs it, and its mocks passed to project functions or its fake subclasses only blur what
    production code holds (on crewAI, 298 test files were 43% of the lines parsed).

    - anchors: the file names an SDK (or a configured wrapper); an import of a catalogued package
      the project defines itself (``providers.own_roots``: crewAI scanning crewAI) is no anchor;
    - importers: the file imports a relevant module whole, or (unless it has scheduler / framework
      words: then any import of one counts) by name a name of one that leads
      toward an SDK call or that dispatch may go through (a container, an object, a class some
      chosen file subclasses; ``exports``): a hop toward an SDK call;
    - registries: the file has scheduler/framework words and names a relevant module in text (a beat
      schedule's ``"app.tasks.nightly"``, a ``"pkg.mod:function"`` job), loads modules (``module_from_spec``), sends to SQS
      a template consumes (``sqs_consumed``) or Celery tasks by name (``send_task``); only their texts are read, once relevant;
    - providers: a relevant file imports it and it defines what dispatch goes through (a class
      that may be a plugin base, a module-level registry, a decorator factory) or has scheduler
      / framework words.
    """
    reads = reads or Reads(text_of, TEXT_VIEWS)  # texts are read only through it (or for exports)
    own = own_roots(summaries, modules)
    tests = {key for key in summaries if is_test_path(key)}
    chosen = {key for key, summary in summaries.items() if key not in tests and summary.anchored(own)}
    relevant_modules = {name for k in chosen for name in module_names(k, modules[k])}
    pending = {key for key in summaries if key not in chosen and key not in tests}
    files: Dict[str, Set[str]] = {}
    for key in summaries:
        for name in module_names(key, modules[key]):
            files.setdefault(name, set()).add(key)
    exports: Dict[str, Exports] = {}

    def exports_of(key: str) -> Exports:
        if key not in exports:
            found = memo.get(key) if memo is not None else None
            if found is None:
                found = file_exports(text_of(key), key, modules[key], summaries[key], own)
                if memo is not None:
                    memo.put(key, found)
            exports[key] = found
        return exports[key]

    frozen = {name: frozenset(found) for name, found in files.items()}  # asked 250,000 times on crewAI
    leads = Leads(lambda name: frozen.get(name, frozenset()), exports_of)

    subclassed: Set[str] = set()  # names in the bases of the classes of chosen files
    for key in chosen:
        subclassed |= reads.names(key, "bases")

    def names_module(key: str) -> bool:
        """Names a relevant module in code other than its imports (a schedule's ``"app.tasks.x"``);
        what it imports is ``imports_what_matters``' business."""
        return not reads.names(key, "mentioned").isdisjoint(relevant_modules)

    def dispatches(key: str, name: str) -> bool:
        found = exports_of(key)
        return name in found.objects or (name in found.classes and name in subclassed)

    def imports_what_matters(key: str) -> bool:
        """A relevant module imported whole or as a submodule, or a name of one that leads toward
        an LLM call or that dispatch may go through (``exports``)."""
        summary = summaries[key]
        if summary.whole & relevant_modules or summary.named & relevant_modules:
            return True
        if summary.registry and summary.imports & relevant_modules:
            return True  # a schedule or framework file: any name may be a key (an asset group's constant)
        for target in summary.named:
            base, _, name = target.rpartition(".")
            if base in relevant_modules and any(
                    f in chosen and (dispatches(f, name) or leads.name(f, name)) for f in files.get(base, ())):
                return True
        return False

    while True:
        added = {
            key for key in pending
            if imports_what_matters(key) or (summaries[key].registry and relevant_modules and (
                names_module(key) or reads.flag(key, "loads") or reads.flag(key, "dags") or sqs_consumed and reads.flag(key, "sqs")
                or not summaries[key].calls.isdisjoint(celery_methods.SEND_BY_NAME)))
        }
        if not added:
            added = _providers(chosen, pending, summaries, modules)
        if not added:
            added = _method_callers(chosen, pending, summaries, modules, own)
        if not added:
            return chosen
        chosen |= added
        pending -= added
        for key in added:
            subclassed |= reads.names(key, "bases")
        relevant_modules |= {name for k in added for name in module_names(k, modules[k])}


# A class (maybe a plugin base), a module-level container (maybe a registry), a nested def
# (maybe a decorator factory). Each alternative is anchored and linear.
_DISPATCH_SHAPES = re.compile(
    r"^(?:class[ \t]+\w|[ \t]+def[ \t]+\w|[A-Za-z_]\w*[ \t]*(?::[^=\n]*)?=[ \t]*(?:[\[{]|dict\(|list\(|defaultdict\())",
    re.MULTILINE,
)


def _providers(chosen: Set[str], pending: Set[str], summaries: Dict[str, Summary], modules: Dict[str, str]) -> Set[str]:
    """Modules a relevant file imports that define what dispatch goes through, or that hold
    scheduler / framework words (a Dagster ``jobs.py`` or ``sensors.py`` a definitions module
    gathers: their triggers name assets by key, not by module). Imported by name or whole: a
    relevant file may hand an SDK client to any function there (``explain(topic, llm)``). So are
    modules that import an SDK package without naming what makes it an LLM client (``utils/aws.py``:
    ``get_aws_client(service_name)`` over ``boto3``, called with ``"bedrock-runtime"``)."""
    wanted: Set[str] = set()
    for key in chosen:
        wanted |= summaries[key].imports
    roots = providers.import_roots()
    return {k for k in pending if (summaries[k].dispatch or summaries[k].registry
                                   or not roots.isdisjoint(summaries[k].imports))
            and not wanted.isdisjoint(module_names(k, modules[k]))}


_METHOD_DEF = re.compile(r"^[ \t]+(?:async[ \t]+)?def[ \t]+([A-Za-z]\w{5,})[ \t]*\([ \t]*self\b", re.MULTILINE)
_METHOD_CALL = re.compile(r"\.([A-Za-z]\w{5,})\(")


def _method_callers(chosen: Set[str], pending: Set[str], summaries: Dict[str, Summary], modules: Dict[str, str],
                    own: FrozenSet[str]) -> Set[str]:
    """Modules a relevant file imports that call, on any receiver, a method an SDK-calling class
    defines (``judge.faithfulness(answer, ctx, llm)`` -> ``llm.decompose_claims(answer)``: plain
    functions handed the caller's client object). Names under six letters (``run``) say too little."""
    wanted = {name for key in chosen for name in summaries[key].imports}
    methods = {name for key in chosen if summaries[key].anchored(own) for name in summaries[key].methods}
    return {k for k in pending if not methods.isdisjoint(summaries[k].calls)
            and not wanted.isdisjoint(module_names(k, modules[k]))}


def selection_key(summaries: Dict[str, Summary], modules: Dict[str, str], sqs_consumed: bool = False) -> str:
    """What ``select`` depends on besides texts, hashed: every file's summary and module. What it
    reads off texts (exports, ``TEXT_VIEWS``) is stored beside the selection and checked for the
    files that changed (``collect``): a run whose key matches and whose answers are the same
    reuses the selection."""
    import hashlib
    import json

    rows = [[key, modules[key], summaries[key].to_json()] for key in sorted(summaries)] + [["sqs"]] * sqs_consumed
    return hashlib.sha256(json.dumps(rows, separators=(",", ":")).encode("utf-8", "surrogatepass")).hexdigest()


def file_exports(text: str, key: str, module: str, summary: Summary, own: FrozenSet[str]) -> Exports:
    """A file's exports as ``select`` reads them."""
    return read_exports(text, module, key.endswith("__init__.py"), anchor_parts(own), summary.anchored(own))


def relevant(texts: Dict[str, str], modules: Dict[str, str], packages: Dict[str, bool], extra: Iterable[str] = ()) -> Set[str]:
    """``select`` over texts already in memory."""
    extra = tuple(extra)
    summaries = {key: summarise(text, modules[key], packages[key], extra) for key, text in texts.items()}
    return select(summaries, modules, texts.__getitem__)


__all__: List[str] = ["Summary", "summarise", "select", "selection_key", "relevant", "mentions_llm_words", "imported_modules"]
