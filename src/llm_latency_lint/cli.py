"""``llm-latency-lint``: check, audit, explain. Exit 0 clean, 1 findings, 2 usage or config error."""
from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Callable, List, Optional, Sequence

from llm_latency_lint import __version__
from llm_latency_lint.commands.progress import for_terminal
from llm_latency_lint.commands.scope import ScopeError, covered, restrict
from llm_latency_lint.config import (
    Config,
    ConfigError,
    code_problem,
    find_pyproject,
    load,
)
from llm_latency_lint.engine import exits_after_runs, run
from llm_latency_lint.files.discover import project_root, scan_root
from llm_latency_lint.reporters import AUDIT_FORMATS, CHECK_FORMATS, STATISTICS
from llm_latency_lint.result import Result
from llm_latency_lint.rules import rules_by_code
from llm_latency_lint.suppress import baseline

# Imported where used (audit, explain, --add-noqa, --usage, --baseline): a plain check skips them.

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS_WITH_FIXES = ("sarif", "rdjson")  # formats that carry fixes: compute them only for these
LEVELS = ("note", "warning", "error")  # --fail-on: the lowest level that fails the run


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
        scope = p.add_mutually_exclusive_group()
        scope.add_argument("--project-root", type=Path, metavar="DIR",
                           help="analyse the whole project at DIR, report only on PATHs (default: the nearest "
                                "folder above PATHs with pyproject.toml, setup.cfg, setup.py, tox.ini or .git)")
        scope.add_argument("--isolated", action="store_true",
                           help="analyse only PATHs, not the project around them")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bar on stderr")
        p.add_argument("--no-cache", action="store_true", help="neither read nor write the facts cache")
        p.add_argument("--cache-dir", type=Path, metavar="DIR",
                       help="facts cache folder (default: .llm_latency_lint_cache in the project root)")

    check = sub.add_parser("check", help="report findings")
    common(check)
    check.add_argument("--format", choices=sorted(CHECK_FORMATS), default="text")
    check.add_argument("--select", type=_codes, help="comma-separated codes or prefixes to enable")
    check.add_argument("--ignore", type=_codes, help="comma-separated codes or prefixes to disable")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument("--fail-on", choices=[*LEVELS, "never"], default="note",
                       help="exit 1 only for findings at this level or above (default: any finding)")
    check.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead")
    check.add_argument("--baseline", type=Path, metavar="FILE", help="report only findings not recorded in FILE")
    check.add_argument("--write-baseline", type=Path, metavar="FILE", help="record the current findings in FILE and exit 0")
    check.add_argument("--add-noqa", action="store_true", help="append '# noqa: CODE' to the line of every finding")
    check.add_argument("--fix", action="store_true", help="apply safe fixes")
    check.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes (with --fix or --diff)")
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    check.add_argument("--show-fixes", action="store_true", help="list every fix applied or skipped, and why")
    check.add_argument("--fix-strategy", choices=["auto", "batch", "flex", "background"], default="auto",
                       help="LLM001/LLM002 rewrite: auto (default: batch at a loop, else flex or a background "
                            "window per site), or force the batch API, the flex tier or a background window")

    audit = sub.add_parser("audit", help="inventory every LLM call site with its latency class")
    common(audit)
    audit.add_argument("--format", choices=sorted(AUDIT_FORMATS), default="text")
    audit.add_argument("--usage", type=Path, metavar="FILE",
                       help="OpenAI or Anthropic cost export (CSV) to attribute spend by model")
    audit.add_argument("--traces", type=Path, nargs="+", metavar="FILE",
                       help="production LLM traces (OTLP JSON/JSON lines, Logfire, Langfuse, LangSmith) to join "
                            "to call sites, price from tokens and check each site's class against its traffic")
    audit.add_argument("--traces-sample-rate", type=float, default=1.0, metavar="RATE",
                       help="the fraction of requests the trace export holds (head sampling), e.g. 0.01")
    audit.add_argument("--traces-tz", default="UTC", metavar="ZONE",
                       help="the time zone the schedules run in (IANA name, e.g. Europe/Berlin; default UTC)")

    explain = sub.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("code", type=str.upper)

    server = sub.add_parser("server", help="run the Language Server (LSP over stdio) for editors")
    server.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default and only transport)")
    server.add_argument("--log-level", choices=["debug", "info", "warning", "error"], default="warning",
                        help="what the server logs to stderr, which editors show in their LSP log")
    return parser


def _config(args: argparse.Namespace) -> Config:
    pyproject = args.config or find_pyproject(args.project_root or scan_root(args.paths))
    config = load(pyproject)
    updates = {}
    if getattr(args, "select", None):
        updates["select"] = args.select
    if getattr(args, "ignore", None):
        updates["ignore"] = [*config.ignore, *args.ignore]
    if args.exclude:
        updates["extend_exclude"] = [*config.extend_exclude, *args.exclude]
    if args.no_cache:
        updates["cache"] = False
    if args.cache_dir:
        updates["cache_dir"] = str(args.cache_dir.absolute())
    if updates:
        # argparse checked the codes; the rest are paths and flags: no second validation (pydantic)
        config = config.model_copy(update=updates)
    return config


# Commands that compute one result and print it: they may exit without tearing down the
# interpreter. Not ``server``: its analysis worker may still be writing the store when the
# client says exit, and atexit handlers (the executor's join among them) must run.
BATCH_COMMANDS = frozenset({"check", "audit", "explain"})


def entry() -> None:
    """The console script and ``python -m``: ``main``, then for a batch command an exit that
    skips tearing down the interpreter. Freeing a project graph object by object and the
    collector's last pass over it cost half a second of a one-file-edited crewAI run (2.9 s);
    the operating system frees it at once. Output is flushed first; if flushing fails the
    ordinary exit reports it."""
    args = build_parser().parse_args()
    if args.command in BATCH_COMMANDS:
        exits_after_runs()
    code = dispatch(args)
    if args.command not in BATCH_COMMANDS:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - a closed pipe: let the normal exit deal with it
        sys.exit(code)
    if "logging" in sys.modules:
        sys.modules["logging"].shutdown()
    os._exit(code if isinstance(code, int) else 1)


def main(argv: Optional[Sequence[str]] = None) -> int:
    return dispatch(build_parser().parse_args(argv))


def dispatch(args: argparse.Namespace) -> int:
    """Run the command ``args`` name; the exit code."""
    if args.command == "server":
        from llm_latency_lint.commands.server import serve

        return serve(args.log_level)
    if args.command == "explain":
        from llm_latency_lint.rules.docs import (
            INTERNAL_ERROR_CODE,
            render_internal_error,
            render_rule,
        )

        rule = rules_by_code().get(args.code)
        if args.code == INTERNAL_ERROR_CODE:
            sys.stdout.write(render_internal_error())
            return EXIT_CLEAN
        if rule is None:
            known = ", ".join([*rules_by_code(), INTERNAL_ERROR_CODE])
            print(f"llm-latency-lint: unknown rule {args.code!r}; known: {known}", file=sys.stderr)
            return EXIT_ERROR
        sys.stdout.write(render_rule(rule))
        return EXIT_CLEAN
    for option in ("select", "ignore"):
        for value in getattr(args, option, None) or []:
            problem = code_problem(value)
            if problem:
                print(f"llm-latency-lint: --{option}: {problem}", file=sys.stderr)
                return EXIT_ERROR
    try:
        config = _config(args)
    except ConfigError as exc:
        print(f"llm-latency-lint: config error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if args.project_root is not None and not args.project_root.is_dir():
        print(f"llm-latency-lint: --project-root {args.project_root} is not a directory", file=sys.stderr)
        return EXIT_ERROR
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"llm-latency-lint: no such file or directory: {', '.join(map(str, missing))}", file=sys.stderr)
        return EXIT_ERROR
    if args.project_root is None and not args.isolated:
        # The whole project, whatever path is named (editors and pre-commit pass single files):
        # a call's class depends on schedules and routes elsewhere. Findings stay in PATHs.
        args.project_root = project_root(scan_root(args.paths))
    usage = None
    if getattr(args, "usage", None):
        from llm_latency_lint.audit.usage import UsageError
        from llm_latency_lint.audit.usage import read as read_usage

        try:
            usage = read_usage(args.usage)
        except UsageError as exc:
            print(f"llm-latency-lint: usage file: {exc}", file=sys.stderr)
            return EXIT_ERROR
    traces = None
    if getattr(args, "traces", None):
        from llm_latency_lint.audit.traces.read import read as read_traces
        from llm_latency_lint.audit.traces.spans import TraceError

        try:
            traces = read_traces(args.traces, args.traces_sample_rate, args.traces_tz)
        except TraceError as exc:
            print(f"llm-latency-lint: traces: {exc}", file=sys.stderr)
            return EXIT_ERROR
    if args.command == "check" and (args.fix or args.diff):
        from llm_latency_lint.commands.fix import check_with_fixes

        result, code = check_with_fixes(args, config)
        return code if code is not None else (EXIT_FINDINGS if _fails(result, args) else EXIT_CLEAN)
    bar = for_terminal(args.quiet)
    try:
        result = _run(args, config, bar)
        if args.command == "check" and args.write_baseline:
            count = baseline.write(args.write_baseline, result)
            print(f"llm-latency-lint: wrote {count} finding{'s' if count != 1 else ''} to {args.write_baseline}", file=sys.stderr)
            return EXIT_CLEAN
        if args.command == "check" and args.baseline:
            result = _apply_baseline(args, result)
    except (ScopeError, baseline.BaselineError) as exc:
        print(f"llm-latency-lint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        if bar:
            bar.close()
    if args.command == "audit":
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        from llm_latency_lint.audit.inventory import build as build_audit

        sys.stdout.write(AUDIT_FORMATS[args.format](build_audit(result, config, usage, traces), color))
        return EXIT_CLEAN
    if args.add_noqa:
        return _add_noqa(result)
    if args.show_fixes or args.format in FORMATS_WITH_FIXES:
        from llm_latency_lint.fixes import FixOptions, attach
        from llm_latency_lint.fixes.run import available_outcomes, render_outcomes

        attach(result, config, FixOptions(strategy=args.fix_strategy, unsafe=args.unsafe_fixes))
    if args.show_fixes and args.format == "json" and not args.statistics:
        from llm_latency_lint.commands.fix import json_with_fixes
        from llm_latency_lint.files.locations import here

        sys.stdout.write(json_with_fixes(result, available_outcomes(result.findings), here(result.root)))
        return EXIT_FINDINGS if _fails(result, args) else EXIT_CLEAN
    sys.stdout.write((STATISTICS if args.statistics else CHECK_FORMATS[args.format])(result))
    if args.show_fixes:
        from llm_latency_lint.files.locations import here

        sys.stdout.write(render_outcomes(available_outcomes(result.findings), result.texts, result.texts, here(result.root)))
    return EXIT_FINDINGS if _fails(result, args) else EXIT_CLEAN


def _add_noqa(result: Result) -> int:
    from llm_latency_lint.suppress.add import add_noqa

    outcome = add_noqa(result)
    print(f"llm-latency-lint: added noqa comments for {outcome.added} finding{'s' if outcome.added != 1 else ''} "
          f"in {outcome.files} file{'s' if outcome.files != 1 else ''}", file=sys.stderr)
    for path, line, reason in outcome.problems:
        print(f"{path}:{line}: cannot add noqa: {reason}", file=sys.stderr)
    return EXIT_FINDINGS if outcome.problems else EXIT_CLEAN


def _run(args: argparse.Namespace, config: Config, progress: Optional[Callable[[int, int], None]] = None) -> Result:
    if args.project_root is None:
        return run(args.paths, config, progress=progress)
    root = args.project_root.resolve()
    return restrict(run([root], config, root=root, progress=progress), args.paths)


def _apply_baseline(args: argparse.Namespace, result: Result) -> Result:
    from llm_latency_lint.files.locations import display_path

    base = args.baseline.resolve().parent
    scope = None
    if args.project_root is not None:
        scope = {display_path(result.root, p, base) for p in covered(result, args.paths)}
    findings, stale = baseline.apply(result, baseline.load(args.baseline), args.baseline, scope)
    if stale:
        missing = sum(s.missing for s in stale)
        gone = "finding no longer occurs" if missing == 1 else "findings no longer occur"
        print(f"llm-latency-lint: {args.baseline}: {missing} recorded {gone}; shrink the file with "
              f"--write-baseline {args.baseline}", file=sys.stderr)
        for s in stale:
            print(f"    {s.key.code} {s.key.path} {s.key.function or '-'} {s.key.call} (x{s.missing})", file=sys.stderr)
    return replace(result, findings=findings)


def _fails(result: Result, args: argparse.Namespace) -> bool:
    if args.exit_zero or args.fail_on == "never":
        return False
    rules = rules_by_code()
    floor = LEVELS.index(args.fail_on)
    return any(LEVELS.index(getattr(rules.get(f.code), "level", "warning")) >= floor for f in result.findings)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
