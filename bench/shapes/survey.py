"""Coverage of canonical usage: the catalog measured on the LLM libraries applications use.

Each file in ``snippets/`` holds the call shapes one library's own documentation shows (its
header cites the page), written the ways applications hold the object: a module-level client, a
``self.`` attribute, a factory, async. A line that sends a model request ends with
``# expect: <provider id>``. The survey runs the linter on each file alone and counts, per
library, the expected lines found with that provider (recall) and the sites reported on lines not
marked (a precision problem). These are our own fixtures: no public repository is scanned.

    python bench/shapes/survey.py [--json OUT] [--markdown] [--only NAME ...] [--before BEFORE.json] [--record]

It measures the ``llm_latency_lint`` it imports: put another checkout's ``src`` first on
``PYTHONPATH`` to measure that one (its ``--json`` is a ``--before``). ``--record`` writes
``record.json`` next to this file, the figures docs/providers.md shows (``scripts/gen_rule_docs.py``):
this run is "after"; "before" comes from ``--before`` or stays as recorded, and so do the prose
fields (``summary``, ``corpus``, ``gaps``: edit them by hand). tests/catalog/test_shapes_survey.py
fails when the snippets score otherwise than recorded.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List, Optional, Set, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tables import render  # noqa: E402

if TYPE_CHECKING:  # imported where used: an older checkout on PYTHONPATH can still be measured
    from llm_latency_lint.rules.docs import Coverage

HERE = Path(__file__).resolve().parent
SNIPPETS = HERE / "snippets"
RECORD = HERE / "record.json"
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
    return render(rows, markdown)


def compare(before: List[Score], after: List[Score]) -> List[Tuple[str, int, int, int]]:
    """(library, expected, found before, found after) per snippet, in ``after``'s order."""
    found = {s.snippet: s.found for s in before}
    return [(s.library, s.expected, found.get(s.snippet, 0), s.found) for s in after]


def record(scores: List[Score], previous: Coverage, before: Optional[List[Score]] = None) -> Coverage:
    """The record docs/providers.md renders: ``scores`` are "after"; "before" is taken from ``before``
    (another checkout's run) or kept from ``previous``, the record being replaced, as is its prose."""
    if before is not None:
        was = {s.snippet: s.found for s in before}
        unexpected_before = sum(len(s.unexpected) for s in before)
    else:
        was = {row.snippet: row.before for row in previous.rows}
        unexpected_before = previous.unexpected_before
    unknown = [s.snippet for s in scores if s.snippet not in was]
    if unknown:
        raise ValueError(f"no 'before' figure for {', '.join(unknown)}: pass --before")
    from llm_latency_lint.rules.docs import CoverageRow

    rows = tuple(CoverageRow(s.snippet, s.library, s.expected, was[s.snippet], s.found) for s in scores)
    return replace(previous, unexpected_before=unexpected_before,
                   unexpected_after=sum(len(s.unexpected) for s in scores), rows=rows)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the per-snippet scores here")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--only", nargs="*", default=(), help="snippet file stems to run")
    parser.add_argument("--before", type=Path, help="another run's --json: print before -> after rows")
    parser.add_argument("--record", action="store_true", help=f"write {RECORD.name}, the figures the docs show")
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
    before = None
    if args.before:
        before = [Score(**row) for row in json.loads(args.before.read_text(encoding="utf-8"))]
        for library, expected, was, now in compare(before, scores):
            print(f"{library}: {was} -> {now} of {expected}")
    if args.record:
        if args.only:
            parser.error("--record measures every snippet: drop --only")
        from llm_latency_lint.rules.docs import Coverage

        previous = Coverage.from_json(RECORD.read_text(encoding="utf-8"))
        try:
            RECORD.write_text(record(scores, previous, before).to_json(), encoding="utf-8")
        except ValueError as error:
            parser.error(str(error))
        print(f"wrote {RECORD}; now run scripts/gen_rule_docs.py", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
