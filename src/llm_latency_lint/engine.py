"""The pipeline: discover -> prefilter -> facts -> project graph -> classify -> rules.

Every per-file failure becomes a ``FileError`` and the run goes on; nothing here imports or
executes the scanned code.
"""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from pathlib import Path
from typing import (
    Callable,
    Dict,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Set,
    Tuple,
)

from llm_latency_lint.catalog.sources import all_sources
from llm_latency_lint.config import Config, find_pyproject
from llm_latency_lint.facts import extract, prefilter
from llm_latency_lint.facts.cache import Entry, Store, Texts, content_hash, folder_for
from llm_latency_lint.files import notebook
from llm_latency_lint.files.discover import Candidate, discover
from llm_latency_lint.files.read import SourceError, decode, read_bytes
from llm_latency_lint.model import FileError, FileFacts, Trigger
from llm_latency_lint.project.classify import ClassifiedSite, Classifier
from llm_latency_lint.project.graph import Project
from llm_latency_lint.result import Finding, Result
from llm_latency_lint.rules import rules_by_code, selected_codes
from llm_latency_lint.rules.base import FileScope, Used
from llm_latency_lint.suppress import noqa


def _machine_dependent(message: str) -> bool:
    from llm_latency_lint.syntax.parse import depends_on_the_machine

    return depends_on_the_machine(message)


Progress = Callable[[int, int], None]  # (files done, files to read), called per file


def _stat(path: Path) -> Optional[os.stat_result]:
    try:
        return os.stat(path)
    except OSError:
        return None


def collect_facts(
    files: Sequence[Candidate],
    config: Config,
    overrides: Optional[Dict[str, str]] = None,
    progress: Optional[Progress] = None,
    store: Optional[Store] = None,
) -> Tuple[List[FileFacts], List[Tuple[Trigger, str]], List[FileError], Texts]:
    """Facts of the relevant Python files, schedule triggers, per-file errors and the texts.

    With a ``store``, a file the stat index vouches for is not even read, and a relevant file
    whose facts are cached is not parsed; the rest are parsed (across processes when many).
    """
    errors: List[FileError] = []
    texts = Texts()
    triggers: List[Tuple[Trigger, str]] = []
    python: Dict[str, Candidate] = {}
    digests: Dict[str, str] = {}
    summaries: Dict[str, prefilter.Summary] = {}
    sources = {s.id: s for s in all_sources()}
    overrides = overrides or {}
    extra = [w.rsplit(".", 1)[-1] for w in config.wrapper_names]
    for candidate in files:
        rel = candidate.relpath
        if rel in overrides:
            python[rel] = candidate
            texts[rel] = overrides[rel]
            digests[rel] = content_hash(overrides[rel].encode("utf-8", "surrogatepass"))
            summaries[rel] = prefilter.summarise(overrides[rel], candidate.module, candidate.is_package, extra)
            continue
        # A notebook's text is its Python view, never its bytes: it is always read.
        indexed = store is not None and candidate.kind == "python" and not notebook.is_notebook(rel)
        stat = _stat(candidate.path) if indexed else None
        known = store.known(candidate.path, stat) if store is not None and stat is not None else None
        if known is not None:
            python[rel] = candidate
            texts.defer(rel, candidate.path)
            digests[rel], summaries[rel] = known
            continue
        try:
            data = read_bytes(str(candidate.path))
            source = notebook.source(data) if notebook.is_notebook(rel) else decode(data)
        except SourceError as exc:
            errors.append(FileError(rel, str(exc)))
            continue
        if source.text is None:
            if candidate.kind == "python":
                errors.append(FileError(rel, source.error or "cannot decode"))
            continue
        if candidate.kind == "python":
            python[rel] = candidate
            texts[rel] = source.text
            digests[rel] = source.digest
            summaries[rel] = prefilter.summarise(source.text, candidate.module, candidate.is_package, extra)
            if store is not None and stat is not None:
                store.remember(candidate.path, stat, digests[rel], summaries[rel])
        else:
            try:
                triggers.extend((t, rel) for t in sources[candidate.kind].parse(rel, source.text))
            except Exception as exc:  # noqa: BLE001 - one bad schedule file never stops the run
                errors.append(FileError(rel, f"cannot read schedule: {type(exc).__name__}: {exc}"))
    texts.noqa_paths = {rel for rel, summary in summaries.items() if summary.noqa}
    modules = {k: c.module for k, c in python.items()}
    selection_key = prefilter.selection_key(summaries, modules, digests) if store is not None else ""
    cached_keep = store.selection(selection_key) if store is not None else None
    keep = cached_keep if cached_keep is not None else sorted(prefilter.select(summaries, modules, texts.__getitem__))
    if store is not None and cached_keep is None:
        store.save_selection(selection_key, keep)
    entries: Dict[str, Entry] = {}
    keys: Dict[str, str] = {}
    with _collector_paused():
        for rel in keep:
            candidate = python[rel]
            if store is not None:
                keys[rel] = store.facts_key(rel, candidate.module, candidate.is_package, digests[rel])
                cached = store.load(keys[rel])
                if cached is not None:
                    entries[rel] = cached
                    if progress:
                        progress(len(entries), len(keep))
    missing = [rel for rel in keep if rel not in entries]
    jobs = [(rel, texts[rel], python[rel].module, python[rel].is_package) for rel in missing]
    for rel, entry in zip(missing, extract.extract_all(jobs, config.wrapper_names)):
        entries[rel] = entry
        if store is not None and not (isinstance(entry, str) and _machine_dependent(entry)):
            store.save(keys[rel], entry)
        if progress:
            progress(len(entries), len(keep))
    if store is not None:
        store.save_index()
    collected: List[FileFacts] = []
    for rel in keep:
        entry = entries[rel]
        if isinstance(entry, str):
            errors.append(FileError(rel, notebook.cell_message(texts[rel], entry) if notebook.is_notebook(rel) else entry))
        else:
            collected.append(notebook_entry(entry) if notebook.is_notebook(rel) else entry)
    return collected, triggers, errors, texts


def notebook_entry(facts: FileFacts) -> FileFacts:
    """A notebook is an entry point: whatever runs it runs its top-level cells in order."""
    key = f"script:{facts.path}"
    if not any(t.entry_key == key and t.source == "notebook" for t in facts.triggers):
        facts.triggers.append(Trigger(
            kind="entry", source="notebook", target=["name", f"{facts.module}.<module>"], line=1,
            note=f"{facts.path} runs as a notebook (its cells top to bottom)", entry_key=key,
        ))
    return facts


def config_triggers(project: Project, config: Config) -> List[Tuple[Trigger, str]]:
    """Triggers the user declared in config: decorators and functions with a latency class."""
    by_class = {
        "scheduled": (config.scheduled_decorators, config.scheduled_functions),
        "real-time": (config.real_time_decorators, config.real_time_functions),
        "near-real-time": (config.near_real_time_decorators, config.near_real_time_functions),
    }
    found: List[Tuple[Trigger, str]] = []
    for cls, (decorators, functions) in by_class.items():
        for qualname, (fn, facts) in project.functions.items():
            hit = next((d for d in fn.decorators if d in decorators), None)
            if hit or qualname in functions:
                note = f"@{hit} (configured as {cls})" if hit else f"{fn.name} configured as {cls}"
                found.append((Trigger(kind=cls, source="config", target=["name", qualname], line=fn.line, note=note), facts.path))
    return found


def unmatched_wrappers(project: Project, config: Config) -> List[FileError]:
    """A declared wrapper that names no function is reported, not silently ignored (the file of a
    wrapper is always parsed: the prefilter looks for its name)."""
    return [
        FileError("pyproject.toml", f"[tool.llm-latency-lint] wrappers: {w.function!r} names no function in the "
                                    "scanned code (give the qualified name, e.g. pkg.module.Class.method)")
        for w in config.wrappers if w.function not in project.functions
    ]


def open_store(root: Path, config: Config) -> Optional[Store]:
    """The cache for this project (beside its pyproject.toml, else in the scan root), if enabled."""
    if not config.cache:
        return None
    pyproject = find_pyproject(root)
    return Store(folder_for(pyproject.parent if pyproject else root, config.cache_dir), config.wrapper_names)


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


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading cached facts and building the graph make long-lived data: the cyclic garbage
    collector would traverse all of it again and again (a third of the graph's time on
    autogen), so it waits meanwhile. Not while parsing: libcst's trees are garbage at once,
    and a paused collector there doubled the peak memory of a cold run."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run(
    paths: Sequence[Path],
    config: Config,
    root: Optional[Path],
    overrides: Optional[Dict[str, str]],
    progress: Optional[Progress],
) -> Result:
    found = discover(paths, config, root)
    errors = [FileError(p, m) for p, m in found.errors]
    store = open_store(found.root, config)
    if store is None:
        files, external, file_errors, texts = collect_facts(found.files, config, overrides, progress)
    else:
        with store.exclusive():
            files, external, file_errors, texts = collect_facts(found.files, config, overrides, progress, store)
    errors.extend(file_errors)
    with _collector_paused():
        project = Project(files, {w.function: (w.provider, w.operation) for w in config.wrappers}, config.graph_budget)
        errors.extend(unmatched_wrappers(project, config))
        classifier = Classifier(project, external + config_triggers(project, config))
        sites = [classifier.classify(r) for r in project.resolved_sites()]
    errors.extend(project.budget_errors())
    sites.sort(key=lambda s: (s.resolved.facts.path, s.resolved.site.line, s.resolved.site.col))
    used: Set[Tuple[str, int, str]] = set()
    findings, suppressed = apply_rules(sites, config, used)
    findings.extend(file_findings(texts.with_noqa(), used, config))
    findings.sort(key=lambda f: (f.path, f.line, f.col, f.code))
    return Result(found.root, files, sites, findings, errors, suppressed, texts)


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
