"""The pipeline: discover -> prefilter -> facts -> project graph -> classify -> rules.

Every per-file failure becomes a ``FileError`` and the run goes on; nothing here imports or
executes the scanned code.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Set, Tuple

from llm_latency_lint.catalog.providers import all_providers
from llm_latency_lint.catalog.providers.spec import Match, Operation, Provider
from llm_latency_lint.config import Config, find_pyproject
from llm_latency_lint.facts import graphs
from llm_latency_lint.facts.cache import Store, folder_for
from llm_latency_lint.facts.codec import Codec, Plain, decode_facts, encode_facts
from llm_latency_lint.facts.collect import (  # noqa: F401 - collect_facts, Progress: the engine's API
    Progress,
    Scan,
    collect_facts,
    collector_paused,
    extract_missing,
    facts_of,
    scan_files,
    thaw,
)
from llm_latency_lint.facts.listings import StoredListings
from llm_latency_lint.files.discover import discover, discovery_root
from llm_latency_lint.model import CallSite, FileError, FileFacts, Sink, Trigger
from llm_latency_lint.project import classify_reuse, config_names
from llm_latency_lint.project.classify import (
    ClassifiedSite,
    Classifier,
    Evidence,
    Reach,
)
from llm_latency_lint.project.classify_reuse import Asking
from llm_latency_lint.project.edges import ResolvedSite
from llm_latency_lint.project.graph import GraphInput, Project
from llm_latency_lint.result import Finding, Result
from llm_latency_lint.rules import rules_by_code, selected_codes
from llm_latency_lint.rules.base import FileScope, Used
from llm_latency_lint.suppress import noqa

# What this process did, for tests and the benchmark: graphs built, stored results reused.
COUNTS: Dict[str, int] = {"graph": 0, "reused": 0, "graph_from_state": 0, "classes_kept": 0}  # graphs started from a stored one
_CODEC = Codec(
    [ClassifiedSite, ResolvedSite, Evidence, Reach, CallSite, Trigger, Sink, Match, Operation, FileError],
    {FileFacts: ("facts", lambda f: f.path), Provider: ("provider", lambda p: p.id)},
)


def config_triggers(project: Project, config: Config) -> List[Tuple[Trigger, str]]:
    """Triggers the user declared in config: decorators and functions with a latency class."""
    by_class = {
        "scheduled": (config.scheduled_decorators, config.scheduled_functions),
        "real-time": (config.real_time_decorators, config.real_time_functions),
        "near-real-time": (config.near_real_time_decorators, config.near_real_time_functions),
    }
    found: List[Tuple[Trigger, str]] = []
    for cls, (decorators, names) in by_class.items():
        functions = config_names.qualified(names, project)  # ``app.py:summarize``: by path
        for qualname, (fn, facts) in project.functions.items():
            hit = next((d for d in fn.decorators if d in decorators), None)
            if hit or qualname in functions:
                note = f"@{hit} (configured as {cls})" if hit else f"{fn.name} configured as {cls}"
                found.append((Trigger(kind=cls, source="config", target=["name", qualname], line=fn.line, note=note), facts.path))
    return found


def unmatched_wrappers(project: Project, config: Config) -> List[FileError]:
    """A declared wrapper that names no function is reported, not silently ignored (the file of a
    wrapper is always parsed: the prefilter looks for its name). A third-party helper
    (``wordmill.llm.llm_client.summarize``) counts when the scanned code imports its module from
    a package the project does not define."""
    own = {facts.module.split(".")[0] for facts in project.files}
    imported = {q for facts in project.files for q in facts.imports.values() if q.split(".")[0] not in own}
    return [
        FileError("pyproject.toml", f"[tool.llm-latency-lint] wrappers: {w.function!r} names no function in the "
                                    "scanned code (give the qualified name, e.g. pkg.module.Class.method)")
        for w in config.wrappers
        if w.function not in project.functions and not any(w.function.startswith(f"{q}.") for q in imported)
    ]


def open_store(root: Path, config: Config) -> Optional[Store]:
    """The cache for this project (beside its pyproject.toml, else in the scan root), if enabled."""
    if not config.cache:
        return None
    pyproject = find_pyproject(root)
    return Store(folder_for(pyproject.parent if pyproject else root, config.cache_dir), config.wrapper_names)


_EXITS_AFTER = [False]


def exits_after_runs() -> None:
    """This process exits once its runs are done (``cli.entry``'s batch commands): what a run's
    analysis builds lives to the end, so it is frozen for the collector (``collect.collector_paused``)
    instead of scanned by the first collection after it (0.2 s of an edit on crewAI). Not in a
    process that goes on (a language server, flake8, tests): there a thawed run's objects would
    make a later collection land anywhere."""
    _EXITS_AFTER[0] = True


def run(
    paths: Sequence[Path],
    config: Optional[Config] = None,
    root: Optional[Path] = None,
    overrides: Optional[Dict[str, str]] = None,
    progress: Optional[Progress] = None,
) -> Result:
    """Check ``paths``. ``overrides`` maps relative paths to unsaved text (editors);
    ``progress`` is told each file the facts pass finishes."""
    return _run(paths, config or Config(), root, overrides, progress)


def _run(
    paths: Sequence[Path],
    config: Config,
    root: Optional[Path],
    overrides: Optional[Dict[str, str]],
    progress: Optional[Progress],
) -> Result:
    thaw()  # what an earlier run in this process froze
    top = discovery_root(paths, root)
    store = open_store(top, config)
    listings = (StoredListings(store, json.dumps([str(top), config.model_dump_json()]), writes=not overrides)
                if store is not None else None)
    found = discover(paths, config, top, listings)
    errors = [FileError(p, m) for p, m in found.errors]
    if store is None:
        files, external, file_errors, texts = collect_facts(found.files, config, overrides, progress)
        sites, analysed = analyse(files, external, config)
        errors.extend(file_errors + analysed)
    else:
        with store.exclusive():
            if listings is not None and not overrides:  # an editor's runs write nothing but facts it lacks
                listings.save()
            scan = scan_files(found.files, config, overrides, store)
            extract_missing(scan, config, progress, store)
        texts = scan.texts
        key = result_key(found.root, scan, config)
        reused = _reuse(store, key, scan, config)
        if reused is not None:
            files, sites, analysed = reused
        else:  # facts, the stored graph read back, the graph, the result: no collections while they are
            with collector_paused(keep=_EXITS_AFTER[0]):  # made, nor (``exits_after_runs``) one scanning them all after
                files, sites, analysed = _analyse_stored(store, scan, config, found.root, key)
        errors.extend(scan.errors + analysed)
    used: Set[Tuple[str, int, str]] = set()
    findings, suppressed = apply_rules(sites, config, used)
    findings.extend(file_findings(texts.with_noqa(), used, config))
    findings.sort(key=lambda f: (f.path, f.line, f.col, f.code))
    return Result(found.root, files, sites, findings, errors, suppressed, texts)


def _analyse_stored(store: Store, scan: Scan, config: Config, root: Path, key: str) -> Tuple[
        List[FileFacts], List[ClassifiedSite], List[FileError]]:
    """A run's analysis with a store: the facts, the graph started from the stored one where it
    may be, the result and the solved graph stored (not for an editor's unsaved buffers)."""
    with store.exclusive():
        files, file_errors = facts_of(scan, config, store)
    previous = graphs.latest(store)
    context = _graph_context(root, scan, config)
    graph = GraphInput(previous, context, dict(scan.hashes), keep=not scan.unsaved, classes=graphs.classes(store, context))
    sites, analysed = analyse(files, scan.triggers, config, graph, lambda k: _stored_sites(store, k))
    analysed = file_errors + analysed
    if not scan.unsaved:  # an editor's buffer changes with every keystroke
        store.save_result(key, _encode_result(sites, analysed))
        if graph.solved is not None:
            graphs.save(store, key, graph.solved)
        if isinstance(graph.classified, dict):
            graphs.save_classes(store, context, {**graph.classified, "key": key})
    return files, sites, analysed


def analyse(
    files: List[FileFacts], external: List[Tuple[Trigger, str]], config: Config, graph: Optional[GraphInput] = None,
    stored_sites: Optional[Callable[[str], Optional[List[ClassifiedSite]]]] = None,
) -> Tuple[List[ClassifiedSite], List[FileError]]:
    """The project graph and every call site's class (sorted), with the graph's own errors. With
    ``graph`` (a store's), the graph may start from the stored one and leaves its own state there,
    and the run before's classification stands where the edit cannot change it (``classify_reuse``)."""
    COUNTS["graph"] += 1
    with collector_paused():
        project = Project(files, {w.function: (w.provider, w.operation) for w in config.wrappers}, config.graph_budget, graph)
        COUNTS["graph_from_state"] += project.start is not None
        errors = unmatched_wrappers(project, config)
        extra = external + config_triggers(project, config)
        sites = _classes_kept(project, graph, extra, config, stored_sites) if graph is not None else None
        if sites is None:
            project.edges()  # built first: building them sets and clears the evaluator's query notes
            with Asking(project) as asking:
                classifier = Classifier(project, extra)
                sites = [classifier.classify(r) for r in project.resolved_sites()]
            sites.sort(key=lambda s: (s.resolved.facts.path, s.resolved.site.line, s.resolved.site.col))
            if graph is not None and graph.keep and not project.evaluator.solver.stopped:
                graph.classified = classify_reuse.record(project, graph.hashes, extra, asking.notes.plain(), asking.asked)
        if graph is not None and graph.keep and project.start is None:  # a graph started from the stored
            graph.solved = project.state()  # one leaves that as the base: the next edit adds to it again
    errors.extend(project.budget_errors())
    return sites, errors


def _classes_kept(project: Project, graph: GraphInput, extra: List[Tuple[Trigger, str]], config: Config,
                  stored_sites: Optional[Callable[[str], Optional[List[ClassifiedSite]]]]) -> Optional[List[ClassifiedSite]]:
    """The run before's sites, when the edit only added functions no classification input sees."""
    configured = {w.function for w in config.wrappers} | config_names.qualified(
        config.scheduled_functions + config.real_time_functions + config.near_real_time_functions, project)
    key = classify_reuse.reusable(graph.classes, project, graph.hashes, extra, configured)
    found = stored_sites(key) if key is not None and stored_sites is not None else None
    sites = classify_reuse.rebind(found, project) if found is not None else None
    if sites is not None:
        COUNTS["classes_kept"] += 1
        if graph.keep and isinstance(graph.classes, dict):
            graph.classified = {**graph.classes, "hashes": dict(graph.hashes)}  # the same queries, this run's facts
    return sites


# ---- the stored result ---------------------------------------------------------------------
def result_key(root: Path, scan: Scan, config: Config) -> str:
    """Everything the classified sites depend on: the kept files' facts hashes (not their
    bytes: an edit that leaves the facts equal keeps the key), the triggers of schedule files,
    the effective configuration and the scan root. The tool's version and source are the
    store's namespace."""
    rows = [str(root), config.model_dump_json(), sorted(scan.hashes.items()), repr(scan.triggers)]
    return hashlib.sha256(json.dumps(rows).encode("utf-8", "surrogatepass")).hexdigest()


def _graph_context(root: Path, scan: Scan, config: Config) -> str:
    """What the solved graph depends on besides the facts: the scan root, the configuration and
    the schedule files' triggers."""
    rows = [str(root), config.model_dump_json(), repr(scan.triggers)]
    return hashlib.sha256(json.dumps(rows).encode("utf-8", "surrogatepass")).hexdigest()


def _encode_result(sites: List[ClassifiedSite], errors: List[FileError]) -> Plain:
    """The sites and errors, with the facts of the files holding a site (all a report needs)."""
    paths = {s.resolved.facts.path: s.resolved.facts for s in sites}
    return {"sites": _CODEC.encode(sites), "errors": _CODEC.encode(errors),
            "facts": {path: encode_facts(facts) for path, facts in paths.items()}}


def _decoded(store: Store, key: str) -> Optional[Tuple[Dict[str, FileFacts], List[ClassifiedSite], List[FileError]]]:
    """The stored result for ``key`` (the facts it embeds, its sites, its errors), if it reads back whole."""
    stored = store.result(key)
    if not isinstance(stored, dict):
        return None
    try:
        with collector_paused():
            embedded = {path: decode_facts(data) for path, data in stored["facts"].items()}
            providers = {p.id: p for p in all_providers()}
            lookup: Dict[str, Callable[[str], object]] = {"facts": embedded.get, "provider": providers.get}
            sites = _CODEC.decode(stored["sites"], lookup)
            errors = _CODEC.decode(stored["errors"], lookup)
        if not all(isinstance(s, ClassifiedSite) for s in sites) or not all(isinstance(e, FileError) for e in errors):
            return None
    except Exception:  # noqa: BLE001 - a stored result that does not read back is a miss
        return None
    return embedded, sites, errors


def _stored_sites(store: Store, key: str) -> Optional[List[ClassifiedSite]]:
    found = _decoded(store, key)
    return found[1] if found is not None else None


def _reuse(
    store: Store, key: str, scan: Scan, config: Config
) -> Optional[Tuple[List[FileFacts], List[ClassifiedSite], List[FileError]]]:
    """The stored result for ``key``, if there is one that reads back whole."""
    found = _decoded(store, key)
    if found is None:
        return None
    embedded, sites, errors = found
    COUNTS["reused"] += 1

    def every_file() -> List[FileFacts]:
        with store.exclusive():
            files, _ = facts_of(scan, config, store)
        return [embedded.get(f.path, f) for f in files]

    return LazyFacts(every_file), sites, errors


class LazyFacts(list):
    """``Result.files`` of a reused result: every kept file's facts, read from the store when
    first asked for (fixes build the graph again from them; reports never ask)."""

    def __init__(self, load: Callable[[], List[FileFacts]]) -> None:
        super().__init__()
        self._load: Optional[Callable[[], List[FileFacts]]] = load

    def _fill(self) -> None:
        if self._load is not None:
            load, self._load = self._load, None
            self.extend(load())

    def __iter__(self):
        self._fill()
        return super().__iter__()

    def __len__(self) -> int:
        self._fill()
        return super().__len__()

    def __getitem__(self, index):
        self._fill()
        return super().__getitem__(index)

    def __eq__(self, other: object) -> bool:
        self._fill()
        return super().__eq__(other)

    __hash__ = None

    def __repr__(self) -> str:
        self._fill()
        return super().__repr__()


def file_findings(texts: Mapping[str, str], used: Used, config: Config) -> List[Finding]:
    """Findings of the file-level rules (LLM100), after the site rules recorded which noqa codes fired."""
    active = selected_codes(*config.selected)
    rules = [rules_by_code()[c](discounts=config.discounts) for c in active if rules_by_code()[c].file_level]
    known = frozenset(rules_by_code())
    found: List[Finding] = []
    for path, text in sorted(texts.items()):
        ignored = config.ignored_for(path)
        here = [c for c in active if not any(c.startswith(p) for p in ignored)]
        scope = FileScope(path, text, used, here, known)
        for rule in rules:
            if rule.code in here:
                found.extend(rule.check_file(scope))
    return found


def apply_rules(
    sites: Sequence[ClassifiedSite], config: Config, used_noqa: Optional[Set[Tuple[str, int, str]]] = None
) -> Tuple[List[Finding], int]:
    """Findings and the suppressed count; ``used_noqa`` collects (path, line, code) noqa codes that fired."""
    select, ignore = config.selected
    codes = selected_codes(select, ignore)
    rules = [rules_by_code()[c](discounts=config.discounts) for c in codes]
    findings: List[Finding] = []
    suppressed = 0
    for site in sites:
        facts, call = site.resolved.facts, site.resolved.site
        ignored = config.ignored_for(facts.path)
        for rule in rules:
            if any(rule.code.startswith(p) for p in ignored):
                continue
            message = rule.check(site)
            if message is None:
                continue
            silenced_by = noqa.silencing(facts.noqa.get(call.line), rule.code)
            if silenced_by is not None:
                suppressed += 1
                noqa.record(used_noqa, facts.path, call.line, silenced_by)
                continue
            findings.append(Finding(rule.code, message, facts.path, call.line, call.col, call.end_line, call.end_col, site))
    findings.sort(key=lambda f: (f.path, f.line, f.col, f.code))
    return findings, suppressed
