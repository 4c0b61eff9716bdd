"""What the cache tests share: a run, what a user sees of it, the demo copied, parses counted,
and runs in parallel processes over one cache."""
from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path
from typing import Any, List

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
