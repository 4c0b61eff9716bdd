"""Run the installed CLI over real repositories and report what breaks.

    python scripts/ecosystem_check.py PATH[=COMMIT] ... [--json OUT] [--timeout SECONDS]

For every repository (a local checkout; the commit comes from ``=COMMIT``, else from git, else
"-") it runs ``check --format json``, ``audit --format json`` and, when the installed CLI has
``--fix``, ``check --fix --unsafe-fixes --diff`` (which must not touch any file). It reports:

- crashes: a traceback on stderr, an exit code other than 0/1, a timeout, unparsable JSON, or a
  ``--diff`` run that changed a file; the goal is zero;
- per-file errors grouped by kind (the message with positions and details stripped), with
  ``internal error`` kinds listed separately since they are engine bugs caught at the file level;
- findings and call-site counts, Python files seen, and wall and CPU time per command (a timeout
  is listed apart from crashes, with the CPU time it got: on a loaded machine it is not a hang).

A Markdown table goes to stdout; ``--json`` also writes the raw numbers, one repository at a time
(a JSON line each), so a long run that is stopped keeps what it measured. Not part of the tests.
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import re
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

CLI = [sys.executable, "-m", "llm_latency_lint"]
TRACEBACK = "Traceback (most recent call last)"
_INTERNAL = re.compile(r"internal error[^:]*: (\w+)")
_KIND_CUT = re.compile(r"( at (byte )?\d+(:\d+)?| of \d+ s\b|:).*$")


@dataclass
class Run:
    command: str
    exit_code: Optional[int]
    seconds: float
    cpu_seconds: float = 0.0
    crash: str = ""  # empty when the run behaved
    timeout: bool = False


@dataclass
class RepoReport:
    name: str
    path: str
    commit: str
    python_files: int
    findings: int = 0
    call_sites: int = 0
    errors: Dict[str, int] = field(default_factory=dict)
    runs: List[Run] = field(default_factory=list)

    @property
    def crashes(self) -> List[str]:
        return [f"{r.command}: {r.crash}" for r in self.runs if r.crash]

    @property
    def timeouts(self) -> List[str]:
        return [f"{r.command} after {r.seconds:.0f} s ({r.cpu_seconds:.0f} s CPU)" for r in self.runs if r.timeout]

    def seconds(self, command: str) -> str:
        run = next((r for r in self.runs if r.command == command), None)
        if run is None:
            return "n/a"
        return f"{run.seconds:.1f} ({run.cpu_seconds:.1f})" + (" timeout" if run.timeout else "")


def error_kind(message: str) -> str:
    """``syntax error at 3:7: invalid syntax`` -> ``syntax error``; keeps exception names."""
    internal = _INTERNAL.match(message)
    if internal:
        return f"internal error: {internal.group(1)}"
    return _KIND_CUT.sub("", message).strip() or message


def commit_of(path: Path, given: str) -> str:
    if given:
        return given
    proc = subprocess.run(["git", "-C", str(path), "rev-parse", "HEAD"], capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else "-"


def python_files(root: Path) -> List[Path]:
    return [Path(d) / f for d, _, files in os.walk(root) for f in files if f.endswith((".py", ".pyw"))]


def snapshot(files: Sequence[Path]) -> Dict[str, str]:
    out = {}
    for path in files:
        try:
            out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            out[str(path)] = "unreadable"
    return out


def has_fix() -> bool:
    proc = subprocess.run([*CLI, "check", "--help"], capture_output=True, text=True)
    return "--fix" in proc.stdout


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def invoke(name: str, args: List[str], cwd: Path, timeout: float) -> "tuple[Run, str]":
    start, cpu = time.perf_counter(), _children_cpu()
    try:
        proc = subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Run(name, None, time.perf_counter() - start, _children_cpu() - cpu, timeout=True), ""
    run = Run(name, proc.returncode, time.perf_counter() - start, _children_cpu() - cpu)
    if TRACEBACK in proc.stderr:
        last = [line for line in proc.stderr.strip().splitlines() if line.strip()][-1]
        run.crash = f"traceback: {last.strip()}"
    elif proc.returncode not in (0, 1):
        run.crash = f"exit {proc.returncode}: {proc.stderr.strip()[:200]}"
    return run, proc.stdout


def check_repo(path: Path, commit: str, timeout: float, fix: bool) -> RepoReport:
    files = python_files(path)
    report = RepoReport(path.name, str(path), commit_of(path, commit), len(files))
    errors: "collections.Counter[str]" = collections.Counter()
    for name, args in (("check", ["check", ".", "--format", "json"]), ("audit", ["audit", ".", "--format", "json"])):
        run, out = invoke(name, args, path, timeout)
        report.runs.append(run)
        if run.crash or run.timeout:
            continue
        try:
            data = json.loads(out)
        except ValueError as exc:
            run.crash = f"output is not JSON: {exc}"
            continue
        if name == "check":
            report.findings = len(data["findings"])
            errors.update(error_kind(e["message"]) for e in data["errors"])
        else:
            report.call_sites = len(data["call_sites"])
    if fix:
        before = snapshot(files)
        run, _ = invoke("fix-diff", ["check", ".", "--fix", "--unsafe-fixes", "--diff"], path, timeout)
        changed = [p for p, digest in snapshot(files).items() if before.get(p) != digest]
        if changed and not run.crash and not run.timeout:
            run.crash = f"--diff changed {len(changed)} file(s), e.g. {changed[0]}"
        report.runs.append(run)
    report.errors = dict(errors.most_common())
    return report


def load(line: str) -> RepoReport:
    data = json.loads(line)
    runs = [Run(**r) for r in data.pop("runs")]
    data.pop("crashes", None)
    data.pop("timeouts", None)
    return RepoReport(**data, runs=runs)


def table(reports: Sequence[RepoReport], fix: bool) -> str:
    head = ("| repo | commit | .py files | errors by kind | findings | call sites | crashes | timeouts "
            "| check s (CPU) | audit s (CPU) | fix --diff s (CPU) |")
    lines = [head, "|" + "---|" * head.count(" | ") + "---|"]
    for r in reports:
        errors = ", ".join(f"{k}: {n}" for k, n in r.errors.items()) or "0"
        crashes = "; ".join(r.crashes) or "0"
        fix_s = r.seconds("fix-diff") if fix else "n/a"
        lines.append(
            f"| {r.name} | `{r.commit[:12]}` | {r.python_files} | {errors} | {r.findings} | {r.call_sites} | "
            f"{crashes} | {len(r.timeouts)} | {r.seconds('check')} | {r.seconds('audit')} | {fix_s} |"
        )
    total = sum(len(r.crashes) for r in reports)
    lines.append("")
    lines.append(f"{len(reports)} repositories, {sum(r.python_files for r in reports)} Python files, "
                 f"{sum(r.findings for r in reports)} findings, crashes: {total}, "
                 f"timeouts: {sum(len(r.timeouts) for r in reports)}"
                 + ("" if fix else "; `--fix` is not in the installed CLI: fix runs n/a"))
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repos", nargs="*", help="PATH or PATH=COMMIT of a local checkout")
    parser.add_argument("--render", type=Path, nargs="+", metavar="JSONL", help="print the table of earlier --json runs")
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per command (default 900)")
    args = parser.parse_args(argv)
    if args.render:
        loaded = [load(line) for path in args.render for line in path.read_text().splitlines() if line.strip()]
        print(table(loaded, any(r.seconds("fix-diff") != "n/a" for r in loaded)))
        return 0
    fix = has_fix()
    reports = []
    if args.json:
        args.json.write_text("")
    for spec in args.repos:
        path, _, commit = spec.partition("=")
        if not Path(path).is_dir():
            print(f"{path}: not a directory, skipped", file=sys.stderr)
            continue
        report = check_repo(Path(path).resolve(), commit, args.timeout, fix)
        print(f"{report.name}: {report.findings} findings, {sum(report.errors.values())} file errors, "
              f"crashes: {report.crashes or 0}, timeouts: {report.timeouts or 0}", file=sys.stderr)
        reports.append(report)
        if args.json:
            with args.json.open("a") as out:
                out.write(json.dumps({**asdict(report), "crashes": report.crashes, "timeouts": report.timeouts}) + "\n")
    print(table(reports, fix))
    return 1 if any(r.crashes for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
