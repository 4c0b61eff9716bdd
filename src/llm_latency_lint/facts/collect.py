"""The facts stage of a run: read (or vouch for, by the stat index) and summarise every file,
select the ones worth parsing, and give each kept file its facts, made or read from the cache.

Split in steps so that the engine can stop after ``extract_missing``: when the facts hashes of
the kept files key a stored result, no facts are read at all.
"""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import (
    Callable,
    Dict,
    FrozenSet,
    Iterator,
    List,
    Optional,
    Sequence,
    Tuple,
    Union,
)

from llm_latency_lint.catalog.queues import consumes_sqs
from llm_latency_lint.catalog.sources import (
    Source,
    all_sources,
    docs,
    github_actions,
    shell,
)
from llm_latency_lint.config import Config
from llm_latency_lint.facts import extract, prefilter
from llm_latency_lint.facts.cache import (
    Entry,
    Store,
    Texts,
    content_hash,
    encode_entry,
    entry_hash,
)
from llm_latency_lint.facts.module_names import module_names
from llm_latency_lint.facts.stored_exports import (
    StoredExports,
    fingerprint,
    unseen_names,
)
from llm_latency_lint.facts.textviews import Dependency, Reads, StoredSelection
from llm_latency_lint.files import notebook
from llm_latency_lint.files.discover import Candidate
from llm_latency_lint.files.read import SourceError, decode, decode_text, read_bytes
from llm_latency_lint.model import FileError, FileFacts, Trigger
from llm_latency_lint.syntax.checked import forget


def _machine_dependent(message: str) -> bool:
    from llm_latency_lint.syntax.parse import depends_on_the_machine

    return depends_on_the_machine(message)


Progress = Callable[[int, int], None]  # (files done, files to read), called per file


def _stat(path: Path) -> Optional[os.stat_result]:
    try:
        return os.stat(path)
    except OSError:
        return None


@dataclass
class Scan:
    """Every file of a run read (or vouched for by the stat index) and summarised, and which
    Python files the prefilter keeps."""

    python: Dict[str, Candidate]
    digests: Dict[str, str]
    texts: Texts
    triggers: List[Tuple[Trigger, str]]  # from schedule files outside Python
    errors: List[FileError]
    keep: List[str]
    keys: Dict[str, str] = field(default_factory=dict)  # kept relpath -> facts key (with a store)
    hashes: Dict[str, str] = field(default_factory=dict)  # kept relpath -> facts hash (with a store)
    entries: Dict[str, Entry] = field(default_factory=dict)  # kept relpath -> facts made or read this run
    # Editor buffers (``overrides``): their facts are not stored, since rewriting the facts file
    # on every keystroke would cost more than parsing the one file again.
    unsaved: Tuple[str, ...] = ()


def collect_facts(
    files: Sequence[Candidate],
    config: Config,
    overrides: Optional[Dict[str, str]] = None,
    progress: Optional[Progress] = None,
    store: Optional[Store] = None,
) -> Tuple[List[FileFacts], List[Tuple[Trigger, str]], List[FileError], Texts]:
    """Facts of the relevant Python files, schedule triggers, per-file errors and the texts."""
    scan = scan_files(files, config, overrides, store)
    extract_missing(scan, config, progress, store)
    collected, errors = facts_of(scan, config, store)
    return collected, scan.triggers, scan.errors + errors, scan.texts


def scan_files(
    files: Sequence[Candidate], config: Config, overrides: Optional[Dict[str, str]], store: Optional[Store]
) -> Scan:
    """Read and summarise every file and select the ones to parse. With a ``store``, a file the
    stat index vouches for is not even read, and an unchanged project reuses the selection."""
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
        # A notebook is indexed by its bytes like any file; its text is its Python view (``Texts``).
        stat = _stat(candidate.path) if store is not None else None
        if candidate.kind != "python":
            parsed = store.known_schedule(candidate.path, stat) if store is not None and stat is not None else None
            if parsed is None:
                parsed = _schedule(candidate, sources)
                if store is not None and stat is not None:
                    store.remember_schedule(candidate.path, stat, parsed)
            if isinstance(parsed, str):
                errors.append(FileError(rel, parsed))
            else:
                triggers.extend((t, rel) for t in parsed)
            continue
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
            errors.append(FileError(rel, source.error or "cannot decode"))
            continue
        if source.error:  # a notebook cell that does not parse: the rest of the notebook is read
            errors.append(FileError(rel, source.error))
        python[rel] = candidate
        texts[rel] = source.text
        digests[rel] = source.digest
        summaries[rel] = prefilter.summarise(source.text, candidate.module, candidate.is_package, extra)
        if store is not None and stat is not None:
            store.remember(candidate.path, stat, digests[rel], summaries[rel])
    texts.noqa_paths = {rel for rel, summary in summaries.items() if summary.noqa}
    modules = {k: c.module for k, c in python.items()}
    imported = (name for summary in summaries.values() for name in summary.imports | summary.named)
    triggers = github_actions.without_copies(triggers)  # a doc's copy of a workflow file: the file runs
    paths = {c.relpath for c in files}
    triggers = shell.without_shadowed_templates(triggers, paths)  # run.sh beside run.sh.example runs
    triggers = [(t, rel) for t, rel in triggers if not t.requires or t.requires in paths]  # a badge of a workflow here
    sqs = consumes_sqs((t for t, _ in triggers), imported)  # SQS senders are worth parsing only then
    if store is None:
        keep = sorted(prefilter.select(summaries, modules, texts.__getitem__, None, None, sqs))
    else:
        keep = _selection(store, summaries, modules, digests, texts, refresh=not overrides, sqs_consumed=sqs)
    return Scan(python, digests, texts, triggers, errors, keep, unsaved=tuple(overrides))


def _selection(store: Store, summaries: Dict[str, prefilter.Summary], modules: Dict[str, str],
               digests: Dict[str, str], texts: Texts, refresh: bool = True, sqs_consumed: bool = False) -> List[str]:
    """The stored selection when its key (summaries, modules) matches and every answer it read
    off a file that changed since is still the same (``textviews``); else ``select`` again,
    recording what it reads. ``refresh``: store what was found (the new digests of a reused
    selection, a new selection, exports read); not for an editor's unsaved buffers, whose runs
    write nothing but facts they lack."""
    key = prefilter.selection_key(summaries, modules, sqs_consumed)
    own = prefilter.own_roots(summaries, modules)  # what a module exports toward an SDK depends on them
    memo = StoredExports(store, {k: store.exports_key(digests[k], modules[k], k.endswith("__init__.py"),
                                                    summaries[k].anchored(own), own) for k in summaries})
    record = store.selection(key)
    keep = _still_valid(record, digests, texts, memo, summaries, modules, own) if record is not None else None
    if record is not None and keep is not None:
        if refresh and any(digests[rel] != dep.digest for rel, dep in record.deps.items()):
            deps = {rel: dep if digests[rel] == dep.digest else  # the exports now: names may have been added
                    replace(dep, digest=digests[rel], exports=memo.fingerprint(rel) if dep.exports else "")
                    for rel, dep in record.deps.items()}
            store.save_selection(key, StoredSelection(keep, deps))
            memo.save()
        return keep
    # answers of an earlier selection (made under any key) for files whose text is unchanged
    last = record or store.last_selection()
    known = {rel: dep.answers for rel, dep in last.deps.items() if digests.get(rel) == dep.digest} if last else {}
    reads = Reads(texts.__getitem__, prefilter.TEXT_VIEWS, known)
    keep = sorted(prefilter.select(summaries, modules, texts.__getitem__, memo, reads, sqs_consumed))
    if refresh:
        deps = {rel: Dependency(digests[rel], reads.answers.get(rel, {}), memo.fingerprint(rel) if rel in memo.asked else "")
                for rel in set(reads.answers) | memo.asked}
        store.save_selection(key, StoredSelection(keep, deps))
        memo.save()
    return keep


def _still_valid(record: StoredSelection, digests: Dict[str, str], texts: Texts, memo: StoredExports,
                 summaries: Dict[str, prefilter.Summary], modules: Dict[str, str], own: FrozenSet[str]) -> Optional[List[str]]:
    """The recorded selection if what ``select`` read is unchanged; None otherwise (a file it
    read is gone, or it asked a view this version does not define: it is then made again)."""
    grown: List[str] = []  # changed files whose exports differ: the selection stands if no answer sees it
    for rel, dep in record.deps.items():
        if rel not in digests:
            return None
        if digests[rel] == dep.digest:
            continue
        for view, answer in dep.answers.items():
            try:
                if prefilter.TEXT_VIEWS.answer(view, texts[rel]) != answer:
                    return None
            except KeyError:
                return None
        if dep.exports:
            if memo.get(rel) is None:
                memo.put(rel, prefilter.file_exports(texts[rel], rel, modules[rel], summaries[rel], own))
            if memo.fingerprint(rel) != dep.exports:
                grown.append(rel)
    if grown and not all(_unseen(rel, record, memo, summaries, modules, own) for rel in grown):
        return None
    return list(record.keep)


def _unseen(rel: str, record: StoredSelection, memo: StoredExports,
            summaries: Dict[str, prefilter.Summary], modules: Dict[str, str], own: FrozenSet[str]) -> bool:
    """Do ``rel``'s exports now answer the stored selection's questions as those it read did
    (``stored_exports.unseen_names``: only top-level names added that lead nowhere and nothing imports)?"""
    dep = record.deps[rel]
    old = memo.decoded(Store.exports_key(dep.digest, modules[rel], rel.endswith("__init__.py"),
                                         summaries[rel].anchored(own), own))
    new = memo.seen.get(rel)
    if old is None or new is None or fingerprint(old) != dep.exports:
        return False
    imported = frozenset().union(*(summary.imports for summary in summaries.values()))
    asked = (memo.blob(memo.keys.get(other, "")) for other, d in record.deps.items() if d.exports)
    return unseen_names(old, new, module_names(rel, modules[rel]), imported, asked)


def _schedule(candidate: Candidate, sources: Dict[str, Source]) -> Union[List[Trigger], str]:
    """The triggers of a schedule file outside Python, or why it could not be read (a file that
    cannot be decoded has none). A file over its source's size limit (a doc, a big ``.xml``) is
    data, not a schedule: skipped silently, never an error."""
    limit = docs.MAX_BYTES if candidate.kind == docs.SOURCE.id else sources[candidate.kind].max_bytes
    if limit is not None:
        found = _stat(candidate.path)
        if found is not None and found.st_size > limit:
            return []
    try:
        source = decode_text(read_bytes(str(candidate.path)))
    except SourceError as exc:
        return str(exc)
    if source.text is None:
        return []
    try:
        return sources[candidate.kind].parse(candidate.relpath, source.text)
    except Exception as exc:  # noqa: BLE001 - one bad schedule file never stops the run
        return f"cannot read schedule: {type(exc).__name__}: {exc}"


def extract_missing(scan: Scan, config: Config, progress: Optional[Progress], store: Optional[Store]) -> None:
    """Parse the kept files the store has no facts for (all of them without a store). With a
    store, every kept file ends with a facts hash and only new facts are read into memory."""
    missing = list(scan.keep)
    if store is not None:
        missing = []
        for rel in scan.keep:
            candidate = scan.python[rel]
            key = scan.keys[rel] = store.facts_key(rel, candidate.module, candidate.is_package, scan.digests[rel])
            digest = store.entry_hash(key, rel)
            if digest is None:
                missing.append(rel)
            else:
                scan.hashes[rel] = digest
    if progress and len(missing) < len(scan.keep):
        progress(len(scan.keep) - len(missing), len(scan.keep))  # the files the store vouches for
    jobs = [(rel, scan.texts[rel], scan.python[rel].module, scan.python[rel].is_package) for rel in missing]
    for done, (rel, entry) in enumerate(zip(missing, extract.extract_all(jobs, config.wrapper_names)), 1):
        scan.entries[rel] = entry
        if store is not None:
            if rel in scan.unsaved or (isinstance(entry, str) and _machine_dependent(entry)):
                scan.hashes[rel] = entry_hash(encode_entry(entry))  # not stored: the next run parses it again
            else:
                scan.hashes[rel] = store.save(scan.keys[rel], rel, entry)
        if progress:
            progress(len(scan.keep) - len(missing) + done, len(scan.keep))
    if store is not None:
        store.save_index()
    forget()  # verdicts the selection made for texts not parsed here (``syntax.checked``)


def facts_of(scan: Scan, config: Config, store: Optional[Store]) -> Tuple[List[FileFacts], List[FileError]]:
    """Every kept file's facts (read from the store when not made this run) and parse errors."""
    if store is not None:
        unreadable = []
        with collector_paused():
            for rel in scan.keep:
                if rel not in scan.entries:
                    entry = store.load(scan.keys[rel])
                    if entry is None:
                        unreadable.append(rel)  # the index names facts the facts file lost
                    else:
                        scan.entries[rel] = entry
        if unreadable:
            jobs = [(rel, scan.texts[rel], scan.python[rel].module, scan.python[rel].is_package) for rel in unreadable]
            for rel, entry in zip(unreadable, extract.extract_all(jobs, config.wrapper_names)):
                scan.entries[rel] = entry
                if not (isinstance(entry, str) and _machine_dependent(entry)):
                    store.save(scan.keys[rel], rel, entry)
            store.save_index()
    collected: List[FileFacts] = []
    errors: List[FileError] = []
    for rel in scan.keep:
        entry = scan.entries[rel]
        if isinstance(entry, str):
            errors.append(FileError(rel, notebook.cell_message(scan.texts[rel], entry) if notebook.is_notebook(rel) else entry))
        else:
            collected.append(notebook_entry(entry) if notebook.is_notebook(rel) else entry)
    return collected, errors


def notebook_entry(facts: FileFacts) -> FileFacts:
    """A notebook is an entry point: whatever runs it runs its top-level cells in order."""
    key = f"script:{facts.path}"
    if not any(t.entry_key == key and t.source == "notebook" for t in facts.triggers):
        facts.triggers.append(Trigger(
            kind="entry", source="notebook", target=["name", f"{facts.module}.<module>"], line=1,
            note=f"{facts.path} runs as a notebook (its cells top to bottom)", entry_key=key,
        ))
    return facts


_FROZE = [False]  # whether a run here froze anything: a host's own ``gc.freeze`` is not ours to undo


@contextmanager
def collector_paused(keep: bool = False) -> Iterator[None]:
    """Loading cached facts and building the graph make long-lived data: the cyclic garbage
    collector would traverse all of it again and again (a third of the graph's time on
    autogen), so it waits meanwhile. Not while parsing: libcst's trees are garbage at once,
    and a paused collector there doubled the peak memory of a cold run. ``keep``: what the
    region made lives until the process exits, so it is frozen (``gc.freeze``) rather than scanned
    by the first collection after it (0.2 s of an edit on crewAI); a next run thaws it (``thaw``)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if keep:
                gc.freeze()
                _FROZE[0] = True
            gc.enable()


def thaw() -> None:
    """What an earlier run froze goes back to the collector (a language server runs many). Only
    when a run froze something: a host (an LSP, a pre-fork server) may have frozen its own objects."""
    if _FROZE[0]:
        _FROZE[0] = False
        gc.unfreeze()
