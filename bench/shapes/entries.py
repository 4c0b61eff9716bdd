"""Coverage of canonical entry points: the trigger catalog measured on how frameworks say to wire them.

Each folder in ``entries/`` is a small project wired the way one framework's own documentation
shows (its files' header comment cites the page), with any config file it needs. The line that
calls the LLM ends with ``# expect-class: <class>`` (the corpus README's classes and label
policies). The survey copies each project to a temporary folder, runs
``python -m llm_latency_lint audit --format json`` there, and counts per framework and in total
the expected sites found and whether their class is right, wrong or ``unknown``. These are our
own fixtures: no public repository is scanned.

    python bench/shapes/entries.py [--json OUT] [--markdown] [--only NAME ...] [--before BEFORE.json]

Run it with ``PYTHONPATH=/work/main/src`` to measure another checkout; ``--before`` that run's
``--json`` prints the before -> after totals (docs/triggers.md, "Coverage of canonical entry points").
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tables import render  # noqa: E402

HERE = Path(__file__).resolve().parent
PROJECTS = HERE / "entries"
EXPECT = re.compile(r"#\s*expect-class:\s*([\w-]+)")
NOTEBOOK_EXPECT = re.compile(r"expect-class:\s*([\w-]+)")


@dataclass
class Score:
    framework: str
    expected: int = 0
    found: int = 0
    right: int = 0
    wrong: List[str] = field(default_factory=list)  # "path:line expected -> got"
    unknown: List[str] = field(default_factory=list)  # "path:line"
    missed: List[str] = field(default_factory=list)  # expected, no site reported
    unexpected: List[str] = field(default_factory=list)  # a site on an unmarked line


def expectations(root: Path) -> Dict[Tuple[str, int], str]:
    """(relative path, line) -> expected class, from the markers in the project's files."""
    found: Dict[Tuple[str, int], str] = {}
    for path in sorted(root.rglob("*")):
        if path.suffix == ".py":
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                match = EXPECT.search(line)
                if match:
                    found[(path.relative_to(root).as_posix(), number)] = match.group(1)
        elif path.suffix == ".ipynb":  # the linter's view: a marker line, then the lines, per code cell
            number = 0
            for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
                if cell["cell_type"] != "code":
                    continue
                number += 1
                for line in "".join(cell["source"]).splitlines():
                    number += 1
                    match = NOTEBOOK_EXPECT.search(line)
                    if match:
                        found[(path.relative_to(root).as_posix(), number)] = match.group(1)
    return found


def audit(project: Path) -> Dict[Tuple[str, int], str]:
    """(relative path, line) -> class of every call site the audit reports, the project scanned alone."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / project.name
        shutil.copytree(project, root)
        run = subprocess.run(
            [sys.executable, "-m", "llm_latency_lint", "audit", "--format", "json", "--no-cache", "-q", "."],
            cwd=root, capture_output=True, text=True, env=dict(os.environ), check=False,
        )
        if run.returncode not in (0, 1):
            raise SystemExit(f"{project.name}: audit failed ({run.returncode}): {run.stderr.strip()[-500:]}")
        report = json.loads(run.stdout)
    return {(site["path"], site["line"]): site["latency_class"] for site in report["call_sites"]}


def score(project: Path) -> Score:
    result = Score(project.name)
    expected = expectations(project)
    sites = audit(project)
    result.expected = len(expected)
    for (path, line), want in sorted(expected.items()):
        where = f"{path}:{line}"
        got = sites.get((path, line))
        if got is None:
            result.missed.append(where)
            continue
        result.found += 1
        if got == want:
            result.right += 1
        elif got == "unknown":
            result.unknown.append(where)
        else:
            result.wrong.append(f"{where} {want} -> {got}")
    result.unexpected = [f"{p}:{n}" for p, n in sorted(sites) if (p, n) not in expected]
    return result


def table(scores: List[Score], markdown: bool) -> str:
    rows = [("framework", "sites", "found", "right", "wrong", "unknown", "detail")]
    for s in scores:
        detail = "; ".join(s.wrong + [f"{w} unknown" for w in s.unknown] + [f"{m} missed" for m in s.missed])
        rows.append((s.framework, str(s.expected), str(s.found), str(s.right), str(len(s.wrong)),
                     str(len(s.unknown)), detail))
    rows.append(("TOTAL", *totals(scores), ""))
    return render(rows, markdown)


def totals(scores: List[Score]) -> Tuple[str, str, str, str, str]:
    return (str(sum(s.expected for s in scores)), str(sum(s.found for s in scores)),
            str(sum(s.right for s in scores)), str(sum(len(s.wrong) for s in scores)),
            str(sum(len(s.unknown) for s in scores)))


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the per-framework scores here")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--only", nargs="*", default=(), help="project folder names to run")
    parser.add_argument("--before", type=Path, help="another run's --json: print before -> after rows")
    args = parser.parse_args(argv)
    import llm_latency_lint

    print(f"# llm_latency_lint from {Path(llm_latency_lint.__file__).parent}", file=sys.stderr)
    projects = sorted(p for p in PROJECTS.iterdir() if p.is_dir() and (not args.only or p.name in args.only))
    scores = [score(project) for project in projects]
    print(table(scores, args.markdown))
    for s in scores:
        for where in s.unexpected:
            print(f"unexpected: {s.framework}/{where}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps([asdict(s) for s in scores], indent=1), encoding="utf-8")
    if args.before:
        before = {row["framework"]: row for row in json.loads(args.before.read_text(encoding="utf-8"))}
        print("\nframework: right before -> after (of sites)")
        for s in scores:
            old = before.get(s.framework, {}).get("right", 0)
            if old != s.right:
                print(f"  {s.framework}: {old} -> {s.right} (of {s.expected})")
        old_total = sum(row["right"] for row in before.values())
        print(f"  TOTAL: {old_total} -> {sum(s.right for s in scores)} (of {sum(s.expected for s in scores)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
