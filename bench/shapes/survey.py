"""Coverage of canonical usage: the catalog measured on the LLM libraries applications use.

Each file in ``snippets/`` holds the call shapes one library's own documentation shows (its
header cites the page), written the ways applications hold the object: a module-level client, a
``self.`` attribute, a factory, async. A line that sends a model request ends with
``# expect: <provider id>``. The survey runs the linter on each file alone and counts, per
library, the expected lines found with that provider (recall) and the sites reported on lines not
marked (a precision problem). These are our own fixtures: no public repository is scanned.

    python bench/shapes/survey.py [--json OUT] [--markdown] [--only NAME ...] [--before BEFORE.json]

Run it with ``PYTHONPATH=/work/main/src`` to measure another checkout; ``--before`` that run's
``--json`` prints the before -> after rows recorded in ``catalog/coverage.py`` (docs/providers.md).
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

HERE = Path(__file__).resolve().parent
SNIPPETS = HERE / "snippets"
EXPECT = re.compile(r"#\s*expect:\s*([\w.-]+)")
LIBRARY = re.compile(r"^#\s*library:\s*(.+)$", re.MULTILINE)


@dataclass
class Score:
    library: str
    snippet: str
    expected: int = 0
    found: int = 0
    missed: List[int] = field(default_factory=list)  # expected lines without a site of that provider
    wrong_provider: List[Tuple[int, str]] = field(default_factory=list)  # a site, another provider
    unexpected: List[Tuple[int, str]] = field(default_factory=list)  # a site on an unmarked line


def expectations(text: str) -> Dict[int, str]:
    """Line -> provider id, from the ``# expect:`` markers."""
    found: Dict[int, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = EXPECT.search(line)
        if match:
            found[number] = match.group(1)
    return found


def sites_of(path: Path) -> Set[Tuple[int, str]]:
    """(line, provider id) of every call site the linter reports in ``path`` scanned alone."""
    from llm_latency_lint.config import Config
    from llm_latency_lint.engine import run

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copy(path, root / path.name)
        result = run([root], Config(), root=root)
        return {(s.resolved.site.line, s.resolved.match.provider.id) for s in result.sites}


def score(path: Path) -> Score:
    text = path.read_text(encoding="utf-8")
    label = LIBRARY.search(text)
    result = Score(label.group(1).strip() if label else path.stem, path.name)
    expected = expectations(text)
    sites = sites_of(path)
    by_line: Dict[int, Set[str]] = {}
    for line, provider in sites:
        by_line.setdefault(line, set()).add(provider)
    result.expected = len(expected)
    for line, provider in sorted(expected.items()):
        if provider in by_line.get(line, set()):
            result.found += 1
        elif line in by_line:
            result.wrong_provider.append((line, ",".join(sorted(by_line[line]))))
        else:
            result.missed.append(line)
    result.unexpected = sorted((line, p) for line, p in sites if line not in expected)
    return result


def table(scores: List[Score], markdown: bool) -> str:
    rows = [("library", "found", "expected", "coverage", "unexpected", "missed lines")]
    for s in scores:
        missed = " ".join(str(n) for n in s.missed + [line for line, _ in s.wrong_provider])
        rows.append((s.library, str(s.found), str(s.expected), f"{s.found / s.expected:.2f}" if s.expected else "-",
                     str(len(s.unexpected)), missed))
    found = sum(s.found for s in scores)
    expected = sum(s.expected for s in scores)
    rows.append(("TOTAL", str(found), str(expected), f"{found / expected:.3f}" if expected else "-",
                 str(sum(len(s.unexpected) for s in scores)), ""))
    if markdown:
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        lines.insert(1, "|" + " --- |" * len(rows[0]))
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows)


def compare(before: List[Score], after: List[Score]) -> List[Tuple[str, int, int, int]]:
    """(library, expected, found before, found after) per snippet, in ``after``'s order."""
    found = {s.snippet: s.found for s in before}
    return [(s.library, s.expected, found.get(s.snippet, 0), s.found) for s in after]


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the per-snippet scores here")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--only", nargs="*", default=(), help="snippet file stems to run")
    parser.add_argument("--before", type=Path, help="another run's --json: print before -> after rows")
    args = parser.parse_args(argv)
    import llm_latency_lint

    print(f"# llm_latency_lint from {Path(llm_latency_lint.__file__).parent}", file=sys.stderr)
    paths = sorted(p for p in SNIPPETS.glob("*.py") if not args.only or p.stem in args.only)
    scores = [score(path) for path in paths]
    print(table(scores, args.markdown))
    for s in scores:
        for line, provider in s.unexpected:
            print(f"unexpected: {s.snippet}:{line} ({provider})", file=sys.stderr)
        for line, provider in s.wrong_provider:
            print(f"wrong provider: {s.snippet}:{line} ({provider})", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps([asdict(s) for s in scores], indent=1), encoding="utf-8")
    if args.before:
        before = [Score(**row) for row in json.loads(args.before.read_text(encoding="utf-8"))]
        for row in compare(before, scores):
            print(f"    {row!r},")
    return 0


if __name__ == "__main__":
    sys.exit(main())
