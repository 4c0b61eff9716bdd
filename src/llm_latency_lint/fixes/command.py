"""``check`` with ``--fix``, ``--unsafe-fixes``, ``--diff``, ``--show-fixes``, ``--fix-strategy``."""
from __future__ import annotations

import argparse
import sys
from typing import Optional, Tuple

from ..config import Config
from ..engine import Result, run
from ..reporters import CHECK_FORMATS
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
    report = fix_paths(args.paths, config, options, write=args.fix and not args.diff)
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
