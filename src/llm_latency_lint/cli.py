"""``llm-latency-lint``: check, audit, explain. Exit 0 clean, 1 findings, 2 usage or config error."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Optional, Sequence

from . import __version__
from .config import Config, ConfigError, find_pyproject, load
from .discover import scan_root
from .docs import render_rule
from .engine import run
from .reporters import AUDIT_FORMATS, CHECK_FORMATS
from .rules import rules_by_code

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str) -> List[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="llm-latency-lint",
        description="Find LLM API calls nobody waits for, and move them to the batch APIs.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="*", type=Path, default=[Path(".")], help="files or folders (default: .)")
        p.add_argument("--config", type=Path, help="pyproject.toml to read (default: found above the paths)")
        p.add_argument("--exclude", type=str, action="append", default=[], help="glob to skip (repeatable)")

    check = sub.add_parser("check", help="report findings")
    common(check)
    check.add_argument("--format", choices=sorted(CHECK_FORMATS), default="text")
    check.add_argument("--select", type=_codes, help="comma-separated codes or prefixes to enable")
    check.add_argument("--ignore", type=_codes, help="comma-separated codes or prefixes to disable")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument("--fix", action="store_true", help="apply safe fixes")
    check.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes (with --fix or --diff)")
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    check.add_argument("--show-fixes", action="store_true", help="list every fix applied or skipped, and why")
    check.add_argument("--fix-strategy", choices=["batch", "flex"], default="batch",
                       help="LLM001 rewrite: the batch API (default) or the flex service tier")

    audit = sub.add_parser("audit", help="inventory every LLM call site with its latency class")
    common(audit)
    audit.add_argument("--format", choices=sorted(AUDIT_FORMATS), default="text")

    explain = sub.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("code", type=str.upper)
    return parser


def _config(args: argparse.Namespace) -> Config:
    pyproject = args.config or find_pyproject(scan_root(args.paths))
    config = load(pyproject)
    updates = {}
    if getattr(args, "select", None):
        updates["select"] = args.select
    if getattr(args, "ignore", None):
        updates["ignore"] = [*config.ignore, *args.ignore]
    if args.exclude:
        updates["extend_exclude"] = [*config.extend_exclude, *args.exclude]
    if updates:
        config = config.model_validate({**config.model_dump(), **updates})
    return config


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "explain":
        rule = rules_by_code().get(args.code)
        if rule is None:
            print(f"llm-latency-lint: unknown rule {args.code!r}; known: {', '.join(rules_by_code())}", file=sys.stderr)
            return EXIT_ERROR
        sys.stdout.write(render_rule(rule))
        return EXIT_CLEAN
    try:
        config = _config(args)
    except ConfigError as exc:
        print(f"llm-latency-lint: config error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"llm-latency-lint: no such file or directory: {', '.join(map(str, missing))}", file=sys.stderr)
        return EXIT_ERROR
    if args.command == "audit":
        sys.stdout.write(AUDIT_FORMATS[args.format](run(args.paths, config)))
        return EXIT_CLEAN
    from .fixes.command import check_with_fixes

    result, code = check_with_fixes(args, config)
    if code is not None:
        return code
    if result.findings and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
