"""Dump the facts of every Python file of some folders, and compare two dumps.

    python scripts/facts_snapshot.py dump OUT.json ROOT [ROOT ...] [--kept-only]
    python scripts/facts_snapshot.py compare BEFORE.json AFTER.json

A speed change to the facts pass must not change any fact: dump before the change (``--pythonpath``
of another checkout, or ``git stash``), dump after, compare. ``dump`` extracts every Python file
(not only those the prefilter keeps, unless ``--kept-only``), through the same entry point as
``check`` (``facts.extract.extract_all``, so across processes), and records the prefilter's
selection beside the facts, so a prefilter change shows up as files kept or dropped, never as
changed facts. ``compare`` prints the first differing files and exits 1 when facts differ.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, List


def dump(out: Path, roots: List[Path], kept_only: bool) -> int:
    from llm_latency_lint.config import Config
    from llm_latency_lint.facts import extract, prefilter
    from llm_latency_lint.files.discover import discover
    from llm_latency_lint.files.read import SourceError, decode, read_bytes

    snapshot: Dict[str, Any] = {}
    for root in roots:
        found = discover([root], Config(), root)
        texts: Dict[str, str] = {}
        modules: Dict[str, str] = {}
        packages: Dict[str, bool] = {}
        for candidate in found.files:
            if candidate.kind != "python" or candidate.relpath.endswith(".ipynb"):
                continue
            try:
                source = decode(read_bytes(str(candidate.path)))
            except SourceError:
                continue
            if source.text is None:
                continue
            texts[candidate.relpath] = source.text
            modules[candidate.relpath] = candidate.module
            packages[candidate.relpath] = candidate.is_package
        summaries = {k: prefilter.summarise(t, modules[k], packages[k]) for k, t in texts.items()}
        kept = sorted(prefilter.select(summaries, modules, texts.__getitem__))
        rels = kept if kept_only else sorted(texts)
        jobs = [(rel, texts[rel], modules[rel], packages[rel]) for rel in rels]
        facts: Dict[str, Any] = {}
        for rel, entry in zip(rels, extract.extract_all(jobs, frozenset())):
            facts[rel] = entry if isinstance(entry, str) else entry.to_dict()
        snapshot[str(root)] = {"kept": kept, "facts": facts}
        print(f"{root}: {len(texts)} files, {len(kept)} kept, {len(facts)} dumped", file=sys.stderr)
    out.write_text(json.dumps(snapshot, sort_keys=True), encoding="utf-8")
    return 0


def compare(before: Path, after: Path, show: int = 10) -> int:
    old = json.loads(before.read_text(encoding="utf-8"))
    new = json.loads(after.read_text(encoding="utf-8"))
    differ = 0
    for root in sorted(set(old) | set(new)):
        a, b = old.get(root, {"kept": [], "facts": {}}), new.get(root, {"kept": [], "facts": {}})
        dropped = sorted(set(a["kept"]) - set(b["kept"]))
        added = sorted(set(b["kept"]) - set(a["kept"]))
        common = sorted(set(a["facts"]) & set(b["facts"]))
        changed = [rel for rel in common if a["facts"][rel] != b["facts"][rel]]
        missing = sorted(set(a["facts"]) ^ set(b["facts"]))
        print(f"{root}: {len(common)} files compared, {len(changed)} with different facts, "
              f"{len(missing)} dumped on one side only; kept {len(a['kept'])} -> {len(b['kept'])} "
              f"({len(dropped)} dropped, {len(added)} added)")
        for rel in changed[:show]:
            print(f"  facts differ: {rel}")
            print(f"    before: {json.dumps(a['facts'][rel], sort_keys=True)[:600]}")
            print(f"    after:  {json.dumps(b['facts'][rel], sort_keys=True)[:600]}")
        for rel in dropped[:show]:
            print(f"  no longer kept: {rel}")
        for rel in added[:show]:
            print(f"  now kept: {rel}")
        differ += len(changed) + len(missing)
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("roots", type=Path, nargs="+")
    d.add_argument("--kept-only", action="store_true")
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        return dump(args.out, args.roots, args.kept_only)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
