"""From findings to fixes: attach ``edits.Fix`` objects, apply them, show what happened.

``attach`` gives every finding whose rule has a fix strategy a ``Fix``: edits, or a refusal
saying why not. ``fix_paths`` applies fixes the way Ruff does: safe ones with ``--fix``, unsafe
ones only with ``--unsafe-fixes``; fixes that touch the same code wait for the next pass (up to
``MAX_PASSES``, each re-running the whole analysis on the new text in memory), and files are
written once at the end, atomically, only if they still hold the text that was analysed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Set, Tuple

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.files import notebook_out as notebook
from llm_latency_lint.files import write as apply_edits
from llm_latency_lint.files.edits import Fix
from llm_latency_lint.files.notebook import where
from llm_latency_lint.fixes import helper_module
from llm_latency_lint.fixes.base import (
    UNSAFE,
    Outcome,
    Plan,
)
from llm_latency_lint.fixes.emit import apply_plans
from llm_latency_lint.fixes.plan import (
    FixOptions,
    Layout,
    attach,
    attach_file,
    overlaps,
    span,
    strategy_for,
)
from llm_latency_lint.fixes.textdiff import old_line, text_edits, unified
from llm_latency_lint.result import Finding, Result
from llm_latency_lint.rules.llm100 import UnusedNoqa
from llm_latency_lint.syntax.parse import ParseFailure, parse_module

UNUSED_NOQA = UnusedNoqa.code

MAX_PASSES = 4


@dataclass
class FixReport:
    result: Result  # the analysis of the fixed text
    originals: Dict[str, str] = field(default_factory=dict)  # relpath -> text as read
    fixed: Dict[str, str] = field(default_factory=dict)  # relpath -> new text
    outcomes: List[Outcome] = field(default_factory=list)
    errors: List[Tuple[str, str]] = field(default_factory=list)  # (relpath, why it was not written)
    created: Set[str] = field(default_factory=set)  # new files (the generated helper module)
    helper_of: Dict[str, str] = field(default_factory=dict)  # fixed module -> the helper module it imports

    @property
    def applied(self) -> int:
        return sum(1 for o in self.outcomes if o.status == "applied")

    def outcomes_in_original_lines(self) -> List[Outcome]:
        """Skipped outcomes point into the fixed text; map them back for a run that wrote nothing."""
        mapped = []
        for o in self.outcomes:
            if o.status == "skipped" and o.path in self.fixed:
                old, new = self.originals[o.path], self.fixed[o.path]
                reason = re.sub(r"\bline (\d+)", lambda m: f"line {old_line(old, new, int(m.group(1)))}", o.reason)
                o = Outcome(o.path, old_line(old, new, o.line), o.col, o.code, o.status, reason)
            mapped.append(o)
        return mapped

    def diff(self) -> str:
        return "".join(notebook.cell_diff(p, self.originals[p], self.fixed[p]) if notebook.is_notebook(p)
                       else unified(p, self.originals[p], self.fixed[p], new_file=p in self.created)
                       for p in sorted(self.fixed))


def fix_paths(
    paths: Sequence[Path], config: Config, options: FixOptions, write: bool, root: Optional[Path] = None,
    only: Optional[Callable[[str], bool]] = None,
) -> FixReport:
    """Fix ``paths``; ``only`` (a root-relative path test) limits which files are rewritten."""
    overrides: Dict[str, str] = {}
    originals: Dict[str, str] = {}
    outcomes: List[Outcome] = []
    helper_texts: Dict[str, str] = {}  # helper module path -> its text after this run's fixes
    created: Set[str] = set()  # helper modules this run creates
    helper_of: Dict[str, str] = {}
    result = run(paths, config, root)
    for _ in range(MAX_PASSES):
        changed = False
        layout = Layout(result, config, helper_texts)
        needs: Dict[str, Tuple[helper_module.Target, List]] = {}
        paths_with_fixes = sorted({f.path for f in result.findings if strategy_for(f.code, options) and f.path in result.texts
                                   and (only is None or only(f.path))})
        taken: Dict[str, List] = {}
        accepted: Dict[str, List[Plan]] = {}
        for path in paths_with_fixes:
            parsed = layout.file(path)
            if parsed is None:
                continue
            for finding, plan in attach_file(result, path, parsed, config, options, layout):
                if plan.safety == UNSAFE and not options.unsafe:
                    continue
                parts = {path: plan, **plan.others}  # a fix across files applies everywhere or nowhere
                if only is not None and not all(only(p) for p in parts):
                    continue
                spans = {p: span(layout.file(p), part) for p, part in parts.items()}  # type: ignore[arg-type]
                if any(overlaps(spans[p], taken.get(p, [])) for p in parts):
                    continue  # the next pass sees the rewritten code
                for p, part in parts.items():
                    taken.setdefault(p, []).extend(spans[p])
                    accepted.setdefault(p, []).append(part)
                outcomes.append(Outcome(path, finding.line, finding.col, finding.code, "applied", plan.description))
        for path, plans in sorted(accepted.items()):
            parsed = layout.file(path)
            assert parsed is not None
            target = layout.target(path) if any(p.helpers for p in plans) else None
            new_text = apply_plans(parsed.module, plans, target.module if target else None,
                                   layout.first_party(target)).code
            try:
                parse_module(new_text)
            except ParseFailure:
                continue
            if target is not None:
                needs.setdefault(target.path, (target, []))[1].extend(h for p in plans for h in p.helpers)
                helper_of[path] = target.path
            originals.setdefault(path, result.texts[path])
            overrides[path] = new_text
            changed = True
        for target, helpers in needs.values():
            old = layout.current(target)
            new = helper_module.render(old, helpers, layout.first_party(target))
            if new is not None:
                if old is None:
                    created.add(target.path)
                originals.setdefault(target.path, old or "")
                helper_texts[target.path] = new
        if not changed:
            break
        result = run(paths, config, root or result.root, overrides)
    if _remove_unused_noqa(result, overrides, originals, outcomes, only):
        result = run(paths, config, root or result.root, overrides)
    attach(result, config, options)  # what is left: refusals and unsafe fixes, with their edits
    for finding in result.findings:
        fix = finding.fix
        if fix is None:
            continue
        if fix.refusal:
            outcomes.append(Outcome(finding.path, finding.line, finding.col, finding.code, "skipped", fix.refusal))
        elif fix.safety == UNSAFE and not options.unsafe:
            outcomes.append(Outcome(finding.path, finding.line, finding.col, finding.code, "skipped",
                                    f"unsafe fix ({fix.description}): apply with --unsafe-fixes"))
    fixed = {p: t for p, t in {**overrides, **helper_texts}.items() if t != originals.get(p) or p in created}
    report = FixReport(result, originals, fixed, outcomes, created=created, helper_of=helper_of)
    if write:
        write_report(report)
    return report


def write_report(report: FixReport) -> None:
    """Write every fixed file atomically; a file changed since it was read is skipped (errors).

    Helper modules go first: a module whose helper module could not be written is not written
    either (it would import what is not there)."""
    helpers = set(report.helper_of.values())
    failed: Set[str] = set()
    for path in sorted(report.fixed, key=lambda p: (p not in helpers, p)):
        target = str(report.result.root / path)
        helper = report.helper_of.get(path)
        if helper in failed:
            report.errors.append((path, f"its helper module {helper} was not written; skipped"))
            continue
        try:
            if path in report.created:
                apply_edits.create_file(target, report.fixed[path])
                continue
            if notebook.is_notebook(path):  # the fixed cells go back into the notebook's JSON
                notebook.write(target, report.originals[path], report.fixed[path])
                continue
            edits = text_edits(path, report.originals[path], report.fixed[path])
            apply_edits.apply_edits(target, edits, expected_text=report.originals[path])
        except apply_edits.EditError as exc:
            report.errors.append((path, str(exc)))
            failed.add(path)


def _remove_unused_noqa(result: Result, overrides: Dict[str, str], originals: Dict[str, str],
                        outcomes: List[Outcome], only: Optional[Callable[[str], bool]]) -> bool:
    """Apply LLM100's safe text fixes (stale noqa codes) on top of the rewrites; True if any."""
    by_path: Dict[str, List[Tuple[Finding, Fix]]] = {}
    for f in result.findings:
        if f.code == UNUSED_NOQA and f.fix is not None and f.fix.applicable and f.path in result.texts:
            if only is None or only(f.path):
                by_path.setdefault(f.path, []).append((f, f.fix))
    for path, findings in sorted(by_path.items()):
        try:
            new_text = apply_edits.apply_to_text(result.texts[path], [e for _, fix in findings for e in fix.edits])
        except apply_edits.EditError:
            continue
        originals.setdefault(path, result.texts[path])
        overrides[path] = new_text
        outcomes.extend(Outcome(path, f.line, f.col, f.code, "applied", fix.description) for f, fix in findings)
    return bool(by_path)


def available_outcomes(findings: Sequence[Finding]) -> List[Outcome]:
    """For ``--show-fixes`` without ``--fix``: each attached fix, offered or refused."""
    return [
        Outcome(f.path, f.line, f.col, f.code, "available" if f.fix.applicable else "skipped",
                f"{f.fix.safety} fix: {f.fix.description}" if f.fix.applicable else f.fix.refusal)
        for f in findings
        if f.fix is not None
    ]


def render_outcomes(outcomes: Sequence[Outcome], before: Optional[Mapping[str, str]] = None,
                    after: Optional[Mapping[str, str]] = None, place: Optional[Callable[[str], str]] = None) -> str:
    """``--show-fixes``. ``before``/``after``: the texts applied / other outcomes' lines point into
    (notebooks are shown ``cell N:line:col``; without the texts, lines of their Python view);
    ``place`` turns root-relative paths into the ones the report prints."""
    if not outcomes:
        return "No fixes available.\n"
    lines = ["Fixes:"]
    for o in sorted(outcomes, key=lambda o: (o.path, o.line, o.col, o.code, o.status)):
        texts = (before if o.status == "applied" else after) or before or after or {}
        shown = place(o.path) if place else o.path
        lines.append(f"  {shown}:{where(texts, o.path, o.line, o.col)}: {o.code} {o.status}: {o.reason}")
    return "\n".join(lines) + "\n"
