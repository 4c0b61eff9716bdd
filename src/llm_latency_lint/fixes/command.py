"""``check`` with ``--fix``, ``--unsafe-fixes``, ``--diff``, ``--show-fixes``, ``--fix-strategy``."""
from __future__ import annotations

import argparse
import sys
from typing import Optional, Tuple

from ..config import Config
from ..engine import Result, run
from ..reporters import CHECK_FORMATS
from ..scope import restrict, selector
from .run import FixOptions, attach, fix_paths, render_outcomes

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def check_with_fixes(args: argparse.Namespace, config: Config) -> Tuple[Result, Optional[int]]:
    """Run ``check``; returns the result and an exit code when the fix flags decide it."""
    options = FixOptions(strategy=args.fix_strategy, unsafe=args.unsafe_fixes)
    if not (args.fix or args.diff):
        result = run(args.paths, config)
        attach(result, config, options)
        sys.stdout.write(CHECK_FORMATS[args.format](result))
        if args.show_fixes:
            from .run import Outcome

            outcomes = [
                Outcome(f.path, f.line, f.col, f.code, "available" if f.fix.applicable else "skipped",
                        f"{f.fix.safety} fix: {f.fix.description}" if f.fix.applicable else f.fix.refusal)
                for f in result.findings if f.fix is not None
            ]
            sys.stdout.write(render_outcomes(outcomes))
        return result, None
    paths, root, only = args.paths, None, None
    project_root = getattr(args, "project_root", None)
    if project_root is not None:  # pre-commit: fix the given files with the whole project's evidence
        root = project_root.resolve()
        paths, only = [root], selector(root, args.paths)
    report = fix_paths(paths, config, options, write=args.fix and not args.diff, root=root, only=only)
    if only is not None:
        report.result = restrict(report.result, args.paths)
        report.outcomes = [o for o in report.outcomes if only(o.path)]
    if args.diff:
        sys.stdout.write(report.diff())
        if args.show_fixes:
            sys.stdout.write(render_outcomes(report.outcomes))
        print(f"Would fix {report.applied} finding(s) in {len(report.fixed)} file(s).", file=sys.stderr)
        return report.result, EXIT_FINDINGS if report.fixed else EXIT_CLEAN
    sys.stdout.write(CHECK_FORMATS[args.format](report.result))
    if args.show_fixes:
        sys.stdout.write(render_outcomes(report.outcomes))
    for path, error in report.errors:
        print(f"llm-latency-lint: {path}: not fixed: {error}", file=sys.stderr)
    written = len(report.fixed) - len(report.errors)
    print(f"Fixed {report.applied} finding(s) in {written} file(s).", file=sys.stderr)
    if report.errors:
        return report.result, EXIT_ERROR
    return report.result, None
