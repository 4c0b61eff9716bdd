"""What the cache tests share: a run, what a user sees of it, the demo copied, parses counted,
runs in parallel processes over one cache, and edits replayed against runs without the cache."""
from __future__ import annotations

import multiprocessing
import os
import shutil
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, NamedTuple, Sequence, Tuple

from llm_latency_lint import engine
from llm_latency_lint.config import Config
from llm_latency_lint.facts import pool as workers
from llm_latency_lint.facts import prefilter
from llm_latency_lint.reporters import check_json
from support.paths import DEMO


def snapshot(result: engine.Result):
    """Everything a user sees: findings, every site's class and evidence, errors."""
    sites = [(s.resolved.facts.path, s.resolved.site.line, s.latency_class, [(e.path, e.line, e.note) for e in s.evidence])
             for s in result.sites]
    return check_json.render(result), sites, sorted((e.path, e.message) for e in result.errors)


def run(root: Path, **config):
    return engine.run([root], Config(**config), root=root)


def copy_demo(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".llm_latency_lint_cache"))
    return root


def count_parses(monkeypatch) -> List[str]:
    """Relpaths parsed by libcst from now on, in order."""
    seen: List[str] = []
    real = workers.extract_one

    def counting(job, wrappers):
        seen.append(job[0])
        return real(job, wrappers)

    monkeypatch.setattr(workers, "extract_one", counting)
    return seen


def count_selects(monkeypatch) -> List[int]:
    """One entry per prefilter selection computed from now on (a reused selection adds none)."""
    calls: List[int] = []
    real = prefilter.select

    def select(*args):
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(prefilter, "select", select)
    return calls


def _run_in_child(root: str, queue) -> None:
    queue.put(snapshot(run(Path(root))))


def snapshots_of_parallel_runs(root: Path, count: int) -> List[Any]:
    """``count`` processes run over ``root`` (and its cache) at once; what each saw."""
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    queue = context.Queue()
    children = [context.Process(target=_run_in_child, args=(str(root), queue)) for _ in range(count)]
    for child in children:
        child.start()
    results = [queue.get(timeout=120) for _ in children]
    for child in children:
        child.join(timeout=60)
    return results


def write_edit(root: Path, rel: str, text: str) -> None:
    """Write ``rel`` as an editor would, with an mtime the stat index cannot mistake for the one
    it recorded (coarse clocks)."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists()
    path.write_text(text, encoding="utf-8")
    if existed:
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def append_edit(root: Path, rel: str, text: str) -> None:
    write_edit(root, rel, (root / rel).read_text(encoding="utf-8") + text)


def replace_edit(root: Path, rel: str, old: str, new: str) -> None:
    text = (root / rel).read_text(encoding="utf-8")
    assert old in text, (rel, old)
    write_edit(root, rel, text.replace(old, new, 1))


def walks_snapshot(result: engine.Result):
    """A snapshot with every site's walks (class, chain, weakness, functions) and sinks."""
    walks = [[(r.cls, [(e.path, e.line, e.note) for e in r.chain], r.weak, r.start, r.functions) for r in s.reaches]
             + [("sinks", [(k.function, k.line) for k in s.sinks])] for s in result.sites]
    return snapshot(result), walks


# (name, edit, what the test expects of the counter for it)
Edit = Tuple[str, Callable[[Path], object], bool]


class EditedRun(NamedTuple):
    name: str
    expected: bool
    counted: bool  # the engine counter rose during the cached run after the edit
    before: Any
    after: Any


def replay_edits(root: Path, base: Dict[str, str], edits: Sequence[Edit], counter: str) -> Iterator[EditedRun]:
    """Write ``base`` under ``root`` and apply each edit in turn; every cached run after an edit
    must equal a run without the cache, walk by walk (the point of every incremental test)."""
    for rel, text in base.items():
        write_edit(root, rel, text)
    before = walks_snapshot(run(root))
    assert before == walks_snapshot(run(root, cache=False))
    for name, edit, expected in edits:
        edit(root)
        time.sleep(0.02)
        count = engine.COUNTS[counter]
        after = walks_snapshot(run(root))
        assert after == walks_snapshot(run(root, cache=False)), name
        yield EditedRun(name, expected, engine.COUNTS[counter] > count, before, after)
        before = after
