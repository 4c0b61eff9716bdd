"""The fix rate on real code: apply every fix to a copy of each labelled corpus repository and check it.

    python scripts/fix_rate.py MIRRORS [--unlabelled-mirrors] [--extra DIR ...] [--config FILE]
                               [--only OWNER/NAME ...] [--no-audit] [--json OUT] [--diffs DIR]

MIRRORS and the extraction of each labelled commit are those of ``scripts/corpus.py`` (imported
from it; this script fetches nothing). Only the dev split runs, never the holdout (the lead
scores that once, with ``corpus.py``). docs/fix-rate.md has the results and their reading.

For each repository the extracted checkout is copied to a temporary folder and
``python -m llm_latency_lint check . --fix --unsafe-fixes --show-fixes --format json`` runs there
(``--pythonpath`` points it at another checkout of the tool). The JSON's ``fixes`` list gives
every fix's outcome: applied (its mode, read from the ``[mode: ...]`` the description carries
and its wording: a batch at the loop, a batch at the caller's loop, a batch of one, flex,
background window, ...) or skipped (its reason, put in a category: ``fix_rate_tally.py``).
Outcomes are matched to the labelled sites the way ``corpus.py`` matches reports: same path and
line, else within two lines.

Reported (Markdown tables on stdout, progress on stderr):
- per labelled scheduled / near-real-time site: fixed (by mode), refused (by reason category), or
  no fix outcome (``audit`` says what class the tool gave it; ``--no-audit`` skips that);
- every refusal in the repositories, labelled or not, by category;
- fixes applied at sites outside those labels (another class, or not labelled at all), by mode;
- per changed or created file: ``compile()``; ``ruff check --isolated --select F,I`` before and
  after (only new ones count, matched by file, code and message); ``mypy --ignore-missing-imports
  --follow-imports=silent`` before and after (each file on its own, new messages only, against
  the SDKs installed with this Python; cache in ``WORK/.fix-rate-mypy-cache``); idempotence (a
  second ``--fix`` run changes nothing).

``--config FILE`` gives every fix run that pyproject.toml instead of the repository's own (a
what-if, such as every model opted in to flex). ``--extra DIR ...`` fixes unlabelled checkouts
too, and ``--unlabelled-mirrors`` every mirror under MIRRORS that no label file names (dev or
holdout), at its HEAD: they are tabled apart, their fixes all outside the labels. ``--json OUT``
writes every site, outcome and check; ``--diffs DIR`` one unified diff per repository
(``owner+name.diff``; ``extra+NAME.diff``) for review by hand.
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import LABELS, Label, Repo, audit, checkout, git_dir, load  # noqa: E402
from fix_rate_tally import (  # noqa: E402
    Outcome,
    OutsideFix,
    SiteResult,
    match_sites,
    outside_labels,
    refusal_category,
    render_table,
)

SKIP_DIRS = {".git", "node_modules", ".venv", "venv", "__pycache__", ".mypy_cache", ".ruff_cache"}


@dataclass
class FileCheck:
    path: str
    created: bool
    compiles: Optional[bool]  # None: not a .py file
    new_ruff: List[str] = field(default_factory=list)
    new_mypy: List[str] = field(default_factory=list)
    mypy_failed: str = ""  # mypy could not check the file (before or after)


@dataclass
class RepoResult:
    name: str
    commit: str
    error: str = ""
    sites: List[SiteResult] = field(default_factory=list)
    outside: List[OutsideFix] = field(default_factory=list)
    files: List[FileCheck] = field(default_factory=list)
    idempotent: Optional[bool] = None
    second_run_changed: List[str] = field(default_factory=list)
    skipped: Dict[str, int] = field(default_factory=dict)  # every refusal in the repository, by category


def _tool_env(pythonpath: Optional[str]) -> Dict[str, str]:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    return env


def run_fix(root: Path, pythonpath: Optional[str], timeout: float, config: Optional[Path] = None) -> List[Outcome]:
    """``check --fix --unsafe-fixes`` in ``root`` (rewriting it); every fix outcome from the JSON."""
    proc = subprocess.run(
        [sys.executable, "-m", "llm_latency_lint", "check", ".", "--fix", "--unsafe-fixes", "--show-fixes",
         "--format", "json", "--no-cache", "--quiet", "--exit-zero", *(["--config", str(config)] if config else [])],
        cwd=root, env=_tool_env(pythonpath), capture_output=True, text=True, timeout=timeout,
    )
    if proc.returncode not in (0, 1, 2):  # 2: a file could not be written, the rest were
        raise RuntimeError(f"check --fix exited {proc.returncode}: {proc.stderr.strip()[-300:]}")
    data = json.loads(proc.stdout)
    return [Outcome(f["path"], f["line"], f["code"], f["status"], f["reason"]) for f in data.get("fixes", [])]


def snapshot(root: Path) -> Dict[str, str]:
    """relpath -> sha1 of every file under ``root`` (skipping VCS and cache folders)."""
    found: Dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
        for name in files:
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file():
                continue
            found[path.relative_to(root).as_posix()] = hashlib.sha1(path.read_bytes()).hexdigest()
    return found


def changed(before: Dict[str, str], after: Dict[str, str]) -> List[str]:
    return sorted(p for p in after if before.get(p) != after[p])


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="surrogateescape") if path.is_file() else ""


def map_back(outcomes: Sequence[Outcome], original: Path, fixed: Path) -> List[Outcome]:
    """Skipped outcomes point into the written files: give them the original line (as --diff does)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from llm_latency_lint.fixes.textdiff import old_line

    texts: Dict[str, Tuple[str, str]] = {}
    mapped = []
    for o in outcomes:
        if o.status == "skipped":
            if o.path not in texts:
                texts[o.path] = (_read(original / o.path), _read(fixed / o.path))
            old, new = texts[o.path]
            if old != new:
                o = Outcome(o.path, old_line(old, new, o.line), o.code, o.status, o.reason)
        mapped.append(o)
    return mapped


_LINE = re.compile(r"\b(line|lines) \d+|:\d+(:\d+)?\b")


def ruff_errors(root: Path, paths: Sequence[str]) -> Counter:
    """``ruff check --isolated --select F,I`` on ``paths`` (under ``root``): (path, code, message) counts."""
    present = [p for p in paths if (root / p).is_file()]
    if not present:
        return Counter()
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "--isolated", "--select", "F,I", "--no-cache",
                           "--output-format", "json", "--exit-zero", *present], cwd=root, capture_output=True, text=True)
    found: Counter = Counter()
    for item in json.loads(proc.stdout or "[]"):
        rel = Path(item["filename"]).resolve().relative_to(root.resolve()).as_posix()
        found[(rel, item["code"] or "E999", _LINE.sub("", item["message"]))] += 1
    return found


_MYPY_LINE = re.compile(r"^(?P<path>[^:\n]+):\d+(?::\d+)?: (?P<kind>error): (?P<msg>.*)$")


def mypy_errors(root: Path, path: str, cache: Path, timeout: float) -> Tuple[Counter, str]:
    """mypy on one file under ``root``: (message, code) counts and, if mypy could not check it, why."""
    if not (root / path).is_file():
        return Counter(), ""
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--ignore-missing-imports", "--follow-imports=silent", "--show-error-codes",
         "--no-error-summary", "--no-pretty", "--cache-dir", str(cache), path],
        cwd=root, capture_output=True, text=True, timeout=timeout,
    )
    found: Counter = Counter()
    for line in proc.stdout.splitlines():
        m = _MYPY_LINE.match(line)
        if m and Path(m.group("path")).as_posix() == path:
            found[_LINE.sub("", m.group("msg"))] += 1
    failed = "" if proc.returncode in (0, 1) else (proc.stderr or proc.stdout).strip()[-200:]
    return found, failed


def new_errors(before: Counter, after: Counter) -> List[str]:
    return sorted(f"{' '.join(map(str, k)) if isinstance(k, tuple) else k}" for k in (after - before).elements())


def check_files(original: Path, fixed: Path, paths: Sequence[str], cache: Path, timeout: float) -> List[FileCheck]:
    py = [p for p in paths if p.endswith(".py")]
    ruff_before, ruff_after = ruff_errors(original, py), ruff_errors(fixed, py)
    checks = []
    for path in paths:
        created = not (original / path).exists()
        if not path.endswith(".py"):
            checks.append(FileCheck(path, created, None))
            continue
        try:
            compile(_read(fixed / path), path, "exec", dont_inherit=True)
            compiles = True
        except (SyntaxError, ValueError):
            compiles = False
        mine = Counter({k: v for k, v in ruff_after.items() if k[0] == path})
        theirs = Counter({k: v for k, v in ruff_before.items() if k[0] == path})
        m_before, fail_before = mypy_errors(original, path, cache, timeout)
        m_after, fail_after = mypy_errors(fixed, path, cache, timeout)
        checks.append(FileCheck(path, created, compiles, new_errors(theirs, mine), new_errors(m_before, m_after),
                                fail_after or fail_before))
    return checks


def unified_diff(original: Path, fixed: Path, paths: Iterable[str]) -> str:
    chunks = []
    for path in paths:
        old, new = _read(original / path), _read(fixed / path)
        chunks.extend(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                           "/dev/null" if not (original / path).exists() else f"a/{path}",
                                           f"b/{path}"))
    return "".join(chunks)


def run_tree(name: str, commit: str, original: Path, labels: Sequence[Label], args: argparse.Namespace,
             scratch: Path) -> Tuple[RepoResult, str]:
    """Fix a copy of ``original`` and check it; the checkout itself is never written."""
    result = RepoResult(name, commit)
    copy = scratch / name.replace("/", "+")
    shutil.copytree(original, copy, symlinks=True, ignore=shutil.ignore_patterns(".corpus-complete", ".git"))
    try:
        before = snapshot(copy)
        outcomes = map_back(run_fix(copy, args.pythonpath, args.timeout, args.config), original, copy)
        after = snapshot(copy)
        paths = changed(before, after)
        classes: Dict[Tuple[str, int], str] = {}
        if labels and not args.no_audit:  # what the tool said where it offered no fix
            report = audit(original, args.pythonpath, args.timeout)
            classes = {(s["path"], s["line"]): s["latency_class"] for s in report["call_sites"]}
        result.sites = match_sites(name, labels, outcomes, classes)
        result.outside = outside_labels(labels, outcomes)
        result.skipped = dict(Counter(refusal_category(o.reason) for o in outcomes if o.status == "skipped"))
        result.files = check_files(original, copy, paths, args.work / ".fix-rate-mypy-cache", args.timeout)
        if paths:
            run_fix(copy, args.pythonpath, args.timeout, args.config)
            result.second_run_changed = changed(after, snapshot(copy))
            result.idempotent = not result.second_run_changed
        return result, unified_diff(original, copy, paths)
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def unlabelled_mirrors(mirrors: Path, labelled: Set[str]) -> List[Repo]:
    """Mirrors (``owner+name``) of repositories no label file names, as unlabelled repos at their HEAD."""
    found = []
    for folder in sorted(p for p in mirrors.iterdir() if p.is_dir() and "+" in p.name):
        name = folder.name.replace("+", "/", 1)
        source = git_dir(mirrors, name)
        if name in labelled or source is None:
            continue
        head = subprocess.run(["git", f"--git-dir={source}", "rev-parse", "HEAD"], capture_output=True, text=True)
        if head.returncode == 0:
            found.append(Repo(name, head.stdout.strip(), False, []))
    return found


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mirrors", type=Path)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--only", nargs="*", default=[], help="only these repositories (owner/name)")
    parser.add_argument("--extra", nargs="*", type=Path, default=[],
                        help="unlabelled checkouts to fix as well (every fix there counts as outside the labels)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "llm-latency-lint-corpus")
    parser.add_argument("--pythonpath", help="PYTHONPATH for the tool that fixes (another checkout)")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--unlabelled-mirrors", action="store_true",
                        help="also fix, at HEAD, every mirror no label file (dev or holdout) names")
    parser.add_argument("--config", type=Path, help="a pyproject.toml for every fix run (what-if: opt-in model lists)")
    parser.add_argument("--no-audit", action="store_true", help="do not ask audit what class unfixed sites got")
    parser.add_argument("--json", type=Path, help="write every site, outcome and check here")
    parser.add_argument("--diffs", type=Path, help="write one diff per repository here")
    args = parser.parse_args(argv)

    labelled = [load(p) for p in sorted(args.labels.glob("*.toml"))]
    repos = [r for r in labelled if not r.holdout]
    if args.only:
        repos = [r for r in repos if r.name in args.only]
    if args.diffs:
        args.diffs.mkdir(parents=True, exist_ok=True)
    trees: List[Tuple[str, str, Callable[[], Path], Sequence[Label]]] = [
        (r.name, r.commit, partial(checkout, args.mirrors, args.work, r), r.sites) for r in repos]
    trees += [(f"extra/{path.name}", "", partial(Path, path), []) for path in args.extra]
    if args.unlabelled_mirrors:
        trees += [(f"extra/{r.name.replace('/', '+')}", r.commit, partial(checkout, args.mirrors, args.work, r), [])
                  for r in unlabelled_mirrors(args.mirrors, {r.name for r in labelled})]
    results: List[RepoResult] = []
    with tempfile.TemporaryDirectory(prefix="fix-rate-") as scratch:
        for name, commit, extract, labels in trees:
            try:
                result, diff = run_tree(name, commit, extract(), labels, args, Path(scratch))
            except (OSError, RuntimeError, subprocess.SubprocessError, ValueError) as exc:
                result, diff = RepoResult(name, commit, error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__), ""
            results.append(result)
            if args.diffs and diff:
                (args.diffs / f"{name.replace('/', '+')}.diff").write_text(diff, encoding="utf-8", errors="surrogateescape")
            fixed = sum(s.status == "fixed" for s in result.sites)
            print(f"{name:<48} sites {len(result.sites):>3} fixed {fixed:>3} outside {len(result.outside):>3} "
                  f"files {len(result.files):>3} {('error: ' + result.error) if result.error else ''}", file=sys.stderr, flush=True)
    corpus = [r for r in results if not r.name.startswith("extra/")]
    extra = [r for r in results if r.name.startswith("extra/")]
    print(f"## Labelled corpus, dev split ({len(corpus)} repositories)\n")
    print(render_table([r.sites for r in corpus], [r.outside for r in corpus], [_file_summary(r) for r in corpus],
                       skipped=[r.skipped for r in corpus]))
    if extra:
        print(f"\n## Unlabelled checkouts: {', '.join(r.name[len('extra/'):] for r in extra)}\n")
        print(render_table([], [r.outside for r in extra], [_file_summary(r) for r in extra], sites=False,
                           skipped=[r.skipped for r in extra]))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n", encoding="utf-8")
    return 0


def _file_summary(r: RepoResult) -> Dict[str, object]:
    return {"repo": r.name, "error": r.error, "idempotent": r.idempotent,
            "files": [(f.path, f.compiles, len(f.new_ruff), len(f.new_mypy), bool(f.mypy_failed)) for f in r.files]}


if __name__ == "__main__":
    sys.exit(main())
