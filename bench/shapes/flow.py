"""Coverage of canonical object flow: does the edge from a certain entry point reach the LLM call?

Each folder in ``flow/`` is a tiny project (2-4 files): an entry point that certainly runs (a
GitHub Actions ``schedule:`` workflow running ``python main.py``, or a FastAPI route) and an LLM
call reached only through one way Python applications hold and pass a client or wrapper
(constructor injection, a factory, a registry, a cached getter, a property...). Its ``README.md``
names the pattern; each call line ends with ``# expect-class: <class>``. The survey copies each
folder to a temporary directory, runs ``python -m llm_latency_lint audit --format json`` on it
and prints per pattern: expected sites, found, class right / wrong / unknown, and for a miss the
last evidence step (where the trail stopped). These are our own fixtures: no public repository
is scanned.

    python bench/shapes/flow.py [--json OUT] [--markdown] [--only NAME ...] [--before BEFORE.json]

Run it with ``PYTHONPATH=/work/main/src`` to measure another checkout; ``--before`` that run's
``--json`` adds a before column (docs/dynamic-dispatch.md, "Coverage of canonical object flow").
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
PATTERNS = HERE / "flow"
EXPECT = re.compile(r"#\s*expect-class:\s*([\w-]+)")


@dataclass
class Score:
    pattern: str
    expected: int = 0
    found: int = 0
    right: int = 0
    wrong: List[str] = field(default_factory=list)  # "file:line got <class>"
    unknown: List[str] = field(default_factory=list)  # "file:line: <where the trail stopped>"
    missed: List[str] = field(default_factory=list)  # expected lines with no site at all

    @property
    def ok(self) -> bool:
        return self.right == self.expected


def expectations(root: Path) -> Dict[Tuple[str, int], str]:
    """(relative path, line) -> expected class, from the ``# expect-class:`` markers."""
    found: Dict[Tuple[str, int], str] = {}
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = EXPECT.search(line)
            if match:
                found[(rel, number)] = match.group(1)
    return found


def audit(root: Path) -> List[Dict[str, object]]:
    """The audit's call sites for a copy of ``root`` (its own project root, no cache)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / root.name
        shutil.copytree(root, copy)
        done = subprocess.run(
            [sys.executable, "-m", "llm_latency_lint", "audit", str(copy), "--project-root", str(copy),
             "--format", "json", "--no-cache", "-q"],
            capture_output=True, text=True, check=False, env=dict(os.environ))
        if not done.stdout.strip():
            raise RuntimeError(f"{root.name}: audit printed nothing: {done.stderr[-500:]}")
        sites: List[Dict[str, object]] = json.loads(done.stdout)["call_sites"]
        return sites


def score(root: Path) -> Score:
    result = Score(root.name)
    expected = expectations(root)
    sites = {(str(s["path"]), int(str(s["line"]))): s for s in audit(root)}
    result.expected = len(expected)
    for (rel, line), want in sorted(expected.items()):
        site = sites.get((rel, line))
        if site is None:
            result.missed.append(f"{rel}:{line}")
            continue
        result.found += 1
        got = str(site["latency_class"])
        if got == want:
            result.right += 1
        elif got == "unknown":
            evidence = site.get("evidence") or []
            notes = [str(step["note"]) for step in evidence if isinstance(step, dict)] if isinstance(evidence, list) else []
            stops = [note for note in notes if not note.startswith("to settle it")]
            last = stops[-1] if stops else (notes[-1] if notes else "")
            result.unknown.append(f"{rel}:{line}: {last}")
        else:
            result.wrong.append(f"{rel}:{line} got {got}")
    return result


def describe(root: Path) -> str:
    readme = root / "README.md"
    lines = readme.read_text(encoding="utf-8").splitlines() if readme.exists() else []
    return lines[2] if len(lines) > 2 else ""


def table(scores: List[Score], markdown: bool, before: Optional[Dict[str, Score]] = None) -> str:
    head = ["pattern", "expected", "found", "right", "wrong", "unknown"]
    if before is not None:
        head.insert(3, "right before")
    rows = [tuple(head)]
    for s in scores:
        row = [s.pattern, str(s.expected), str(s.found), str(s.right), str(len(s.wrong)), str(len(s.unknown))]
        if before is not None:
            row.insert(3, str(before[s.pattern].right) if s.pattern in before else "-")
        rows.append(tuple(row))
    total = ["TOTAL", str(sum(s.expected for s in scores)), str(sum(s.found for s in scores)),
             str(sum(s.right for s in scores)), str(sum(len(s.wrong) for s in scores)),
             str(sum(len(s.unknown) for s in scores))]
    if before is not None:
        total.insert(3, str(sum(before[s.pattern].right for s in scores if s.pattern in before)))
    rows.append(tuple(total))
    right = [str(sum(1 for s in scores if s.ok)) + f"/{len(scores)}"]
    if before is not None:
        right.insert(0, str(sum(1 for s in scores if s.pattern in before and before[s.pattern].ok)) + f"/{len(scores)}")
    rows.append(tuple(["patterns all right", "", ""] + right + ["", ""]))
    return render(rows, markdown)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the per-pattern scores here")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--only", nargs="*", default=(), help="pattern folder names to run")
    parser.add_argument("--before", type=Path, help="another run's --json: add its right column")
    args = parser.parse_args(argv)
    import llm_latency_lint

    print(f"# llm_latency_lint from {Path(llm_latency_lint.__file__).parent}", file=sys.stderr)
    roots = sorted(p for p in PATTERNS.iterdir() if p.is_dir() and (not args.only or p.name in args.only))
    scores = [score(root) for root in roots]
    before = None
    if args.before:
        before = {row["pattern"]: Score(**row) for row in json.loads(args.before.read_text(encoding="utf-8"))}
    print(table(scores, args.markdown, before))
    for s in scores:
        for note in s.missed:
            print(f"not found: {s.pattern} {note}  ({describe(PATTERNS / s.pattern)})")
        for note in s.wrong:
            print(f"wrong: {s.pattern} {note}")
        for note in s.unknown:
            print(f"unknown: {s.pattern} {note}")
    if args.json:
        args.json.write_text(json.dumps([asdict(s) for s in scores], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
