"""The pipeline: discover -> prefilter -> facts -> project graph -> classify -> rules.

Every per-file failure becomes a ``FileError`` and the run goes on; nothing here imports or
executes the scanned code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

from . import facts as facts_mod
from . import noqa_hygiene, prefilter
from .classify import Classifier, ClassifiedSite, Evidence
from .config import Config
from .discover import Candidate, discover
from .edits import Fix
from .graph import Project
from .model import FileFacts, Trigger
from .parsing import ParseFailure
from .rules import rules_by_code, selected_codes
from .source import SourceError, decode, read_bytes
from .sources import all_sources


@dataclass
class FileError:
    path: str
    message: str


@dataclass
class Finding:
    code: str
    message: str
    path: str
    line: int
    col: int
    end_line: int
    end_col: int
    site: Optional[ClassifiedSite]  # None for findings about comments (LLM100 unused noqa)
    fix: Optional[Fix] = None  # attached by fixes/ when a rewrite exists (or is refused)

    @property
    def evidence(self) -> List[Evidence]:
        return self.site.evidence if self.site is not None else []


@dataclass
class Result:
    root: Path
    files: List[FileFacts]
    sites: List[ClassifiedSite]
    findings: List[Finding]
    errors: List[FileError]
    suppressed: int = 0
    texts: Dict[str, str] = field(default_factory=dict)


def _extract(candidate: Candidate, text: str, config: Config) -> FileFacts:
    return facts_mod.extract(text, candidate.relpath, candidate.module, candidate.is_package, config.wrapper_names)


def parse_error(exc: BaseException) -> str:
    if isinstance(exc, ParseFailure):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "expression nested too deeply to parse"
    return f"internal error while reading facts: {type(exc).__name__}: {exc}"


Progress = Callable[[int, int], None]  # (files done, files to read), called per file


def collect_facts(
    files: Sequence[Candidate],
    config: Config,
    overrides: Optional[Dict[str, str]] = None,
    progress: Optional[Progress] = None,
) -> Tuple[List[FileFacts], List[Tuple[Trigger, str]], List[FileError], Dict[str, str]]:
    errors: List[FileError] = []
    texts: Dict[str, str] = {}
    triggers: List[Tuple[Trigger, str]] = []
    python: Dict[str, Candidate] = {}
    sources = {s.id: s for s in all_sources()}
    overrides = overrides or {}
    for candidate in files:
        if candidate.relpath in overrides:
            python[candidate.relpath] = candidate
            texts[candidate.relpath] = overrides[candidate.relpath]
            continue
        try:
            source = decode(read_bytes(str(candidate.path)))
        except SourceError as exc:
            errors.append(FileError(candidate.relpath, str(exc)))
            continue
        if source.text is None:
            if candidate.kind == "python":
                errors.append(FileError(candidate.relpath, source.error or "cannot decode"))
            continue
        if candidate.kind == "python":
            python[candidate.relpath] = candidate
            texts[candidate.relpath] = source.text
        else:
            try:
                triggers.extend((t, candidate.relpath) for t in sources[candidate.kind].parse(candidate.relpath, source.text))
            except Exception as exc:  # noqa: BLE001 - one bad schedule file never stops the run
                errors.append(FileError(candidate.relpath, f"cannot read schedule: {type(exc).__name__}: {exc}"))
    keep = prefilter.relevant(
        texts,
        {k: c.module for k, c in python.items()},
        {k: c.is_package for k, c in python.items()},
        extra=[w.rsplit(".", 1)[-1] for w in config.wrapper_names],
    )
    collected: List[FileFacts] = []
    for done, relpath in enumerate(sorted(keep), start=1):
        try:
            collected.append(_extract(python[relpath], texts[relpath], config))
        except Exception as exc:  # noqa: BLE001 - parse failures are reported, never raised
            errors.append(FileError(relpath, parse_error(exc)))
        if progress:
            progress(done, len(keep))
    return collected, triggers, errors, texts


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


def run(
    paths: Sequence[Path],
    config: Optional[Config] = None,
    root: Optional[Path] = None,
    overrides: Optional[Dict[str, str]] = None,
    progress: Optional[Progress] = None,
) -> Result:
    """Check ``paths``. ``overrides`` maps relative paths to unsaved text (editors);
    ``progress`` is told each file the facts pass finishes."""
    config = config or Config()
    found = discover(paths, config, root)
    errors = [FileError(p, m) for p, m in found.errors]
    files, external, file_errors, texts = collect_facts(found.files, config, overrides, progress)
    errors.extend(file_errors)
    project = Project(files, {w.function: (w.provider, w.operation) for w in config.wrappers})
    classifier = Classifier(project, external + config_triggers(project, config))
    sites = [classifier.classify(r) for r in project.resolved_sites()]
    sites.sort(key=lambda s: (s.resolved.facts.path, s.resolved.site.line, s.resolved.site.col))
    used: Set[Tuple[str, int, str]] = set()
    findings, suppressed = apply_rules(sites, config, used)
    findings.extend(noqa_hygiene.unused(texts, used, selected_codes(*config.selected), config.ignored_for))
    findings.sort(key=lambda f: (f.path, f.line, f.col, f.code))
    return Result(found.root, files, sites, findings, errors, suppressed, texts)


def apply_rules(
    sites: Sequence[ClassifiedSite], config: Config, used_noqa: Optional[Set[Tuple[str, int, str]]] = None
) -> Tuple[List[Finding], int]:
    """Findings and the suppressed count; ``used_noqa`` collects (path, line, code) noqa codes that fired."""
    select, ignore = config.selected
    codes = selected_codes(select, ignore)
    rules = [rules_by_code()[c]() for c in codes]
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
            noqa = facts.noqa.get(call.line)
            if noqa is not None and (not noqa or any(rule.code.startswith(c) for c in noqa)):
                suppressed += 1
                if used_noqa is not None:
                    used_noqa.update((facts.path, call.line, c) for c in noqa if rule.code.startswith(c))
                continue
            findings.append(Finding(rule.code, message, facts.path, call.line, call.col, call.end_line, call.end_col, site))
    findings.sort(key=lambda f: (f.path, f.line, f.col, f.code))
    return findings, suppressed
