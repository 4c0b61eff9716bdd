"""Score the tool against the hand-labelled real-world corpus (bench/corpus/repos/*.toml).

    python scripts/corpus.py MIRRORS [--split dev|holdout|all] [--round N] [--misses] [--json OUT]

MIRRORS is a folder of git directories, one per repository, named ``owner+name`` (a bare
repository, or a folder holding one as ``repo``): this script fetches nothing. Each labelled
commit is extracted with ``git archive`` into a work folder (``--work``, default a folder in the
temporary directory, reused between runs), and ``python -m llm_latency_lint audit --format json``
runs there as a separate process (``--pythonpath`` points it at another checkout of the tool, to
score an older engine side by side). A labelled site matches a reported one at the same path and
line, else within two lines in the same file.

Prints per repository and in total: site precision and recall, scheduled precision and recall,
class accuracy over matched sites, and the share of matched sites left ``unknown``; ``--misses``
lists every missed site, wrong class and unlabelled report with the label's tags. ``--round N``
keeps the repositories a labelling round added (``round = N`` in the file; 1 when absent): each
round brings a fresh holdout that no mechanism was tuned on.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HERE = Path(__file__).resolve().parent.parent
LABELS = HERE / "bench" / "corpus" / "repos"
SCHEDULED = "scheduled"


@dataclass
class Label:
    path: str
    line: int
    provider: str
    call: str
    latency_class: str
    tags: List[str]
    cell: int = 0  # a notebook site: its cell (1-based, every cell counted); ``line`` is inside it


@dataclass
class Repo:
    name: str
    commit: str
    holdout: bool
    sites: List[Label]
    round: int = 1


@dataclass
class Score:
    labelled: int = 0
    found: int = 0
    matched: int = 0
    class_ok: int = 0
    unknown: int = 0
    sched_labelled: int = 0
    sched_found: int = 0
    sched_ok: int = 0
    misses: List[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in ("labelled", "found", "matched", "class_ok", "unknown", "sched_labelled", "sched_found", "sched_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def load(path: Path) -> Repo:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    sites = [
        Label(s["path"], int(s["line"]), s.get("provider", ""), s.get("call", ""), s["class"], list(s.get("tags", [])),
              int(s.get("cell", 0)))
        for s in data.get("site", [])
    ]
    return Repo(data["repo"], data["commit"], bool(data.get("holdout", False)), sites, int(data.get("round", 1)))


def git_dir(mirrors: Path, name: str) -> Optional[Path]:
    folder = mirrors / name.replace("/", "+")
    for candidate in (folder / "repo", folder):
        if (candidate / "HEAD").is_file():
            return candidate
    return None


def checkout(mirrors: Path, work: Path, repo: Repo) -> Path:
    target = work / f"{repo.name.replace('/', '+')}@{repo.commit[:12]}"
    if (target / ".corpus-complete").is_file():
        return target
    source = git_dir(mirrors, repo.name)
    if source is None:
        raise FileNotFoundError(f"no mirror of {repo.name} under {mirrors}")
    target.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", f"--git-dir={source}", "archive", repo.commit], capture_output=True)
    if archive.returncode == 0:
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    else:  # a snapshot may lack its largest blobs: take every file that is there
        _extract_present(source, repo.commit, target)
    (target / ".corpus-complete").write_text(repo.commit)
    return target


def _extract_present(source: Path, commit: str, target: Path) -> None:
    listing = subprocess.run(["git", f"--git-dir={source}", "ls-tree", "-r", "-z", commit],
                             capture_output=True, check=True).stdout.decode("utf-8", "surrogateescape")
    for entry in filter(None, listing.split("\0")):
        meta, path = entry.split("\t", 1)
        mode, kind, sha = meta.split()
        if kind != "blob" or mode == "120000":
            continue
        blob = subprocess.run(["git", f"--git-dir={source}", "cat-file", "blob", sha], capture_output=True)
        if blob.returncode != 0:
            continue
        dest = target / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(blob.stdout)


def audit(root: Path, pythonpath: Optional[str], timeout: float) -> dict:
    # This checkout's own ``src`` unless told otherwise, as an absolute path: the audit runs in the
    # extracted repository, where a relative PYTHONPATH means nothing and the installed package may
    # be another checkout (or, while a test suite reinstalls it, none).
    env = dict(os.environ, PYTHONPATH=pythonpath or str(HERE / "src"))
    proc = subprocess.run(
        [sys.executable, "-m", "llm_latency_lint", "audit", "--format", "json", "--no-cache", "--quiet", "."],
        cwd=root, env=env, capture_output=True, text=True, timeout=timeout,
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"audit exited {proc.returncode}: {proc.stderr.strip()[-300:]}")
    return json.loads(proc.stdout)


# A notebook site's key line: cell and line in the cell in one int, so "within two lines" stays
# inside one cell.
_CELL = 100_000


def _label_line(label: Label) -> int:
    return label.cell * _CELL + label.line if label.cell else label.line


def _site_line(root: Optional[Path], site: dict) -> int:
    """The reported line, or for a notebook the cell-coded line of its view line."""
    if root is None or not site["path"].endswith(".ipynb"):
        return site["line"]
    if str(HERE / "src") not in sys.path:
        sys.path.append(str(HERE / "src"))  # an installed copy of the tool, else this checkout's
    # The scorer reads notebook positions in the view the tool reports in.
    from llm_latency_lint.files import notebook

    try:
        view = notebook.python_view(notebook.load((root / site["path"]).read_bytes()))
    except (OSError, notebook.NotebookError):
        return site["line"]
    found = notebook.cell_position(view, site["line"])
    return found[0] * _CELL + found[1] if found else site["line"]


def _shown(path: str, line: int) -> str:
    return f"{path}:cell {line // _CELL}:{line % _CELL}" if line >= _CELL else f"{path}:{line}"


def score(repo: Repo, report: dict, root: Optional[Path] = None) -> Score:
    reported: Dict[Tuple[str, int], dict] = {(s["path"], _site_line(root, s)): s for s in report["call_sites"]}
    s = Score(labelled=len(repo.sites), found=len(reported))
    s.sched_labelled = sum(label.latency_class == SCHEDULED for label in repo.sites)
    s.sched_found = sum(site["latency_class"] == SCHEDULED for site in reported.values())
    taken: Dict[Tuple[str, int], Label] = {}
    for label in repo.sites:
        line = _label_line(label)
        key = (label.path, line)
        if key not in reported or key in taken:
            near = [k for k in reported if k[0] == label.path and abs(k[1] - line) <= 2 and k not in taken]
            key = min(near, key=lambda k: abs(k[1] - line)) if near else None  # type: ignore[assignment]
        where = f"{repo.name} {_shown(label.path, line)}"
        if key is None:
            s.misses.append(f"missed      {where} {label.call} [{label.latency_class}] tags={','.join(label.tags)}")
            continue
        taken[key] = label
        got = reported[key]["latency_class"]
        s.matched += 1
        s.class_ok += got == label.latency_class
        s.unknown += got == "unknown"
        s.sched_ok += got == SCHEDULED and label.latency_class == SCHEDULED
        if got != label.latency_class:
            trail = reported[key]["evidence"][-1]["note"] if reported[key]["evidence"] else "no evidence"
            s.misses.append(f"class       {where} {label.call} want {label.latency_class} got {got} ({trail}) "
                            f"tags={','.join(label.tags)}")
    for key, site in sorted(reported.items()):
        if key not in taken:
            s.misses.append(f"unlabelled  {repo.name} {_shown(*key)} {site['provider']} {site['operation']} "
                            f"[{site['latency_class']}]")
    return s


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "   n/a"


def row(name: str, s: Score) -> str:
    return (f"{name:<48} {s.labelled:>5} {s.found:>5} {ratio(s.matched, s.found):>7} {ratio(s.matched, s.labelled):>7} "
            f"{ratio(s.sched_ok, s.sched_found):>8} {ratio(s.sched_ok, s.sched_labelled):>8} "
            f"{ratio(s.class_ok, s.matched):>9} {ratio(s.unknown, s.matched):>8}")


def tool_source(value: str) -> str:
    """``--pythonpath``: a directory holding the ``llm_latency_lint`` package, made absolute (a
    relative or wrong one would silently score whatever package is installed)."""
    path = Path(value).resolve()
    if not (path / "llm_latency_lint" / "__init__.py").is_file():
        raise argparse.ArgumentTypeError(f"{value}: no llm_latency_lint package in this directory")
    return str(path)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mirrors", type=Path)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--split", choices=("dev", "holdout", "all"), default="dev")
    parser.add_argument("--round", type=int, help="only the repositories this labelling round added")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "llm-latency-lint-corpus")
    parser.add_argument("--pythonpath", type=tool_source, help="PYTHONPATH for the audited tool (score another checkout; default: this checkout's src)")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--json", type=Path, help="write the per-repository scores here")
    args = parser.parse_args(argv)

    repos = [load(p) for p in sorted(args.labels.glob("*.toml"))]
    repos = [r for r in repos if args.split == "all" or r.holdout == (args.split == "holdout")]
    repos = [r for r in repos if args.round is None or r.round == args.round]
    total = Score()
    rows: Dict[str, dict] = {}
    print(f"{'repository':<48} {'sites':>5} {'found':>5} {'site P':>7} {'site R':>7} {'sched P':>8} {'sched R':>8} "
          f"{'class acc':>9} {'unknown':>8}")
    for repo in repos:
        try:
            root = checkout(args.mirrors, args.work, repo)
            report = audit(root, args.pythonpath, args.timeout)
        except (OSError, RuntimeError, subprocess.SubprocessError, ValueError) as exc:
            print(f"{repo.name:<48} error: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
            s = Score(labelled=len(repo.sites), sched_labelled=sum(x.latency_class == SCHEDULED for x in repo.sites))
            s.misses.append(f"error       {repo.name}: {exc}")
        else:
            s = score(repo, report, root)
        total.add(s)
        rows[repo.name] = {k: getattr(s, k) for k in ("labelled", "found", "matched", "class_ok", "unknown",
                                                        "sched_labelled", "sched_found", "sched_ok")}
        print(row(repo.name, s), flush=True)
        if args.misses:
            for miss in s.misses:
                print(f"    {miss}")
    scope = args.split if args.round is None else f"{args.split}, round {args.round}"
    print(row(f"TOTAL ({len(repos)} repositories, {scope})", total))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
