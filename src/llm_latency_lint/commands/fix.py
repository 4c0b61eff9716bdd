"""``check`` with ``--fix``, ``--unsafe-fixes``, ``--diff``, ``--show-fixes``, ``--fix-strategy``."""
from __future__ import annotations

import argparse
import sys
from typing import Callable, Optional, Sequence, Tuple

from llm_latency_lint.commands.scope import restrict, selector
from llm_latency_lint.config import Config
from llm_latency_lint.files.locations import here
from llm_latency_lint.fixes.base import Outcome
from llm_latency_lint.fixes.plan import FixOptions
from llm_latency_lint.fixes.run import fix_paths, render_outcomes
from llm_latency_lint.reporters import CHECK_FORMATS
from llm_latency_lint.reporters.convert import check
from llm_latency_lint.reporters.schema import FixOutcomeOut
from llm_latency_lint.result import Result

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def check_with_fixes(args: argparse.Namespace, config: Config) -> Tuple[Result, Optional[int]]:
    """``check --fix`` / ``--diff``: the analysis of the fixed text, and an exit code when the fix
    flags decide it (``--diff``; a file that could not be written)."""
    options = FixOptions(strategy=args.fix_strategy, unsafe=args.unsafe_fixes)
    paths, root, only = args.paths, None, None
    project_root = getattr(args, "project_root", None)
    if project_root is not None:  # pre-commit: fix the given files with the whole project's evidence
        root = project_root.resolve()
        paths, only = [root], selector(root, args.paths)
    report = fix_paths(paths, config, options, write=args.fix and not args.diff, root=root, only=only)
    if only is not None:
        report.result = restrict(report.result, args.paths)
        report.outcomes = [o for o in report.outcomes if only(o.path)]
    place = here(report.result.root)  # paths as the text report prints them: from the current directory
    if args.diff:
        sys.stdout.write(report.diff())
        if args.show_fixes:  # nothing was written: say where the skipped calls are today
            originals = {**report.result.texts, **report.originals}  # a file's text before the fix
            sys.stdout.write(render_outcomes(report.outcomes_in_original_lines(), originals, originals, place))
        print(f"Would fix {report.applied} finding(s) in {len(report.fixed) - len(report.created)} file(s)"
              f"{_creating(report.created, 'would create')}.", file=sys.stderr)
        return report.result, EXIT_FINDINGS if report.fixed else EXIT_CLEAN
    if args.show_fixes and args.format == "json":
        sys.stdout.write(json_with_fixes(report.result, report.outcomes, place))
    else:
        sys.stdout.write(CHECK_FORMATS[args.format](report.result))
    if args.show_fixes and args.format != "json":
        sys.stdout.write(render_outcomes(report.outcomes, {**report.result.texts, **report.originals}, report.result.texts, place))
    for path, error in report.errors:
        print(f"llm-latency-lint: {place(path)}: not fixed: {error}", file=sys.stderr)
    failed = {path for path, _ in report.errors}
    created = report.created - failed
    written = len(report.fixed) - len(failed) - len(created)
    print(f"Fixed {report.applied} finding(s) in {written} file(s){_creating(created, 'created')}.", file=sys.stderr)
    if report.errors:
        return report.result, EXIT_ERROR
    return report.result, None


def _creating(paths: "set[str]", verb: str) -> str:
    """``; created pkg/_llm_batch.py`` for the helper modules a run writes, or nothing."""
    return f"; {verb} {', '.join(sorted(paths))}" if paths else ""


def json_with_fixes(result: Result, outcomes: Sequence[Outcome], place: Callable[[str], str]) -> str:
    """``check --format json --show-fixes``: the check JSON with every outcome in ``fixes`` (the
    text list appended to JSON would make it unreadable to the tools that want it)."""
    out = check(result)
    out.fixes = [FixOutcomeOut(path=place(o.path), line=o.line, column=o.col, code=o.code, status=o.status,
                               reason=o.reason)
                 for o in sorted(outcomes, key=lambda o: (o.path, o.line, o.col, o.code, o.status))]
    return out.model_dump_json(indent=2, exclude_none=True) + "\n"
