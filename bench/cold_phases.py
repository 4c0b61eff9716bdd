"""Where a cold run's CPU goes, phase by phase, in one process (no pool, no cache):

    python bench/cold_phases.py /tmp/bench/crewai [--profile OUT.prof]

discovery, reading and summarising every Python file (the prefilter's text scan), reading the
schedule files outside Python (YAML, crontabs...), the prefilter's selection, then per kept file:
CPython's check (``ast.parse`` and its measure; a text the selection parsed for its exports is
measured there and not parsed again: ``syntax.checked``), libcst's parse, positions, the facts walk
(visitor, mixins and recognisers); then the graph and classification from those facts.
``process_time`` per phase; ``--profile`` writes a cProfile of the walk phase only (its
handlers: ``calls``, ``names``, ``scopes``, the recognisers). The sum is what ``check`` costs
serially; ``check`` on two cores spends about the same CPU in its pool.
"""
from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path
from typing import Dict, List


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    phases: Dict[str, float] = {}
    clock = time.process_time()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.process_time()
        phases[name] = phases.get(name, 0.0) + now - clock
        clock = now

    from libcst.metadata import MetadataWrapper

    from llm_latency_lint.catalog.sources import all_sources
    from llm_latency_lint.catalog.triggers import all_recognizers
    from llm_latency_lint.config import Config
    from llm_latency_lint.facts import collect, prefilter, visitor
    from llm_latency_lint.files.discover import discover
    from llm_latency_lint.files.read import decode, read_bytes
    from llm_latency_lint.model import FileFacts
    from llm_latency_lint.project.classify import Classifier
    from llm_latency_lint.project.graph import Project
    from llm_latency_lint.syntax import parse
    from llm_latency_lint.syntax.checked import checked_tree
    from llm_latency_lint.syntax.positions import Positions
    from llm_latency_lint.syntax.walk import walk

    lap("imports")
    found = discover([args.root], Config(), args.root)
    lap("discovery")
    texts: Dict[str, str] = {}
    modules: Dict[str, str] = {}
    packages: Dict[str, bool] = {}
    sources = {s.id: s for s in all_sources()}
    for candidate in found.files:
        if candidate.kind != "python" or candidate.relpath.endswith(".ipynb"):
            continue
        text = decode(read_bytes(str(candidate.path))).text
        if text is not None:
            texts[candidate.relpath], modules[candidate.relpath] = text, candidate.module
            packages[candidate.relpath] = candidate.is_package
    lap("read Python files")
    summaries = {rel: prefilter.summarise(text, modules[rel], packages[rel]) for rel, text in texts.items()}
    lap("summarise (prefilter scan)")
    for candidate in found.files:
        if candidate.kind != "python":
            collect._schedule(candidate, sources)
    lap("schedule files (YAML...)")
    keep = sorted(prefilter.select(summaries, modules, texts.__getitem__))
    lap("select (import closure, exports)")
    profile = None
    if args.profile:
        import cProfile

        profile = cProfile.Profile()
    facts: List[FileFacts] = []
    gc.disable()
    for rel in keep:
        text = texts[rel]
        try:
            parse.check_python(text)
            lap("CPython check")
            tree = parse.parse_module(text, checked=True)
            lap("libcst parse")
        except parse.ParseFailure:
            lap("libcst parse")
            continue
        places = Positions(tree, text, checked_tree(text))
        lap("positions")
        if profile is not None:
            profile.enable()
        walker = visitor.FactsVisitor(MetadataWrapper(tree, unsafe_skip_copy=True), rel, modules[rel], packages[rel],
                                      all_recognizers(), frozenset(), places)
        walk(tree, walker, layout=visitor.comments_matter(text))
        if profile is not None:
            profile.disable()
        facts.append(walker.facts)
        lap("facts walk")
    gc.enable()
    gc.collect()
    lap("collect garbage")
    project = Project(facts, {})
    project.edges()
    classifier = Classifier(project, [])
    for site in project.resolved_sites():
        classifier.classify(site)
    lap("graph and classification")
    if profile is not None:
        profile.dump_stats(str(args.profile))
    print(f"{len(texts)} Python files, {len(keep)} kept, {sum(texts[k].count(chr(10)) for k in keep)} lines kept")
    for name, seconds in phases.items():
        print(f"{name:36s} {seconds:7.2f} s")
    print(f"{'total':36s} {sum(phases.values()):7.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
