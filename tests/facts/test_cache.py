"""The facts cache: hits, misses after edits, corrupt and hostile entries, concurrent runs,
invalidation by tool version or source; and parallel extraction giving the serial result."""
from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import shutil
from pathlib import Path

import pytest
from support.paths import DEMO, TESTS
from support.paths import PROJECTS as PROJECTS_ROOT

from llm_latency_lint import engine
from llm_latency_lint.config import Config
from llm_latency_lint.facts import cache
from llm_latency_lint.facts import pool as workers
from llm_latency_lint.reporters import check_json

HERE = TESTS
PROJECTS = sorted(p for p in (PROJECTS_ROOT).iterdir() if p.is_dir()) + [DEMO]


def snapshot(result: engine.Result):
    """Everything a user sees: findings, every site's class and evidence, errors."""
    sites = [
        (s.resolved.facts.path, s.resolved.site.line, s.latency_class, [(e.path, e.line, e.note) for e in s.evidence])
        for s in result.sites
    ]
    errors = sorted((e.path, e.message) for e in result.errors)
    return check_json.render(result), sites, errors


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".llm_latency_lint_cache"))
    return root


@pytest.fixture
def parses(monkeypatch):
    """Relpaths parsed by libcst in this test, in order."""
    seen = []
    real = workers.extract_one

    def counting(job, wrappers):
        seen.append(job[0])
        return real(job, wrappers)

    monkeypatch.setattr(workers, "extract_one", counting)
    return seen


def run(root: Path, **config):
    return engine.run([root], Config(**config), root=root)


def entries(root: Path):
    return sorted((root / cache.DEFAULT_DIR).glob("*/facts/*/*.json"))


def test_warm_run_parses_nothing_and_reads_no_unchanged_file(project, parses, monkeypatch):
    cold = run(project)
    assert parses and entries(project)
    parses.clear()
    reads = []
    real_read = engine.read_bytes
    monkeypatch.setattr(engine, "read_bytes", lambda path: reads.append(path) or real_read(path))
    warm = run(project)
    assert parses == []
    assert [r for r in reads if r.endswith(".py")] == []
    assert snapshot(warm) == snapshot(cold)
    some = next(iter(warm.texts))
    assert warm.texts[some] == (project / some).read_text(encoding="utf-8")  # texts still there on demand


def test_edit_reparses_only_that_file_and_changes_the_result(project, parses):
    cold = run(project)
    target = project / "deskapp" / "services" / "digest.py"
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[46] = lines[46].rstrip("\n") + "  # noqa\n"  # the streamed call of LLM001 + LLM004
    target.write_text("".join(lines), encoding="utf-8")
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))  # surely a new mtime
    parses.clear()
    edited = run(project)
    assert parses == ["deskapp/services/digest.py"]
    assert len(edited.findings) == len(cold.findings) - 2
    assert snapshot(edited) == snapshot(run(project, cache=False))


def test_touched_but_unchanged_file_is_rehashed_not_reparsed(project, parses):
    cold = run(project)
    target = project / "deskapp" / "api.py"
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 7_000_000_000))
    parses.clear()
    assert snapshot(run(project)) == snapshot(cold)
    assert parses == []


def test_corrupt_entries_are_ignored_and_rebuilt(project, parses):
    cold = run(project)
    garbage = [b"", b"{", b"[]", b'{"key": "other"}', b"\xff\xfe", json.dumps({"key": None, "facts": 3}).encode()]
    files = entries(project)
    for index, path in enumerate(files):
        path.write_bytes(garbage[index % len(garbage)])
    for index_file in (project / cache.DEFAULT_DIR).glob("*/index.json"):
        index_file.write_bytes(b'{"files": {"x": [1, 2, 3]}')
    parses.clear()
    assert snapshot(run(project)) == snapshot(cold)
    assert len(parses) == len(files)


def test_wrong_shaped_facts_are_a_miss(project, parses):
    cold = run(project)
    for path in entries(project):
        data = json.loads(path.read_bytes())
        if "facts" in data:
            data["facts"]["functions"] = {"f": {"unexpected": 1}}
            path.write_text(json.dumps(data), encoding="utf-8")
    parses.clear()
    assert snapshot(run(project)) == snapshot(cold)
    assert parses


def test_a_mistyped_expression_tag_is_a_miss_not_an_unknown(project, parses):
    cold = run(project)
    tampered = []
    for path in entries(project):
        data = json.loads(path.read_bytes())
        sites = data.get("facts", {}).get("call_sites") if isinstance(data.get("facts"), dict) else None
        if sites:
            sites[0]["callee"][0] = "atr"  # a tag the expression model does not know
            path.write_text(json.dumps(data), encoding="utf-8")
            tampered.append(data["facts"]["path"])
    assert tampered
    parses.clear()
    assert snapshot(run(project)) == snapshot(cold)
    assert set(tampered) <= set(parses)


def test_expression_validation_names_the_problem():
    from llm_latency_lint.expr import ExprError, validate

    assert validate(["attr", ["name", "openai.OpenAI"], "chat"]) == ["attr", ["name", "openai.OpenAI"], "chat"]
    for bad, words in [(["atr", ["name", "x"], "y"], "unknown expression tag 'atr'"), (["name"], "takes 1 fields"),
                       (["param", "f", "x", "0"], "needs an integer"), (["many", [["name", 3]]], "needs a string"),
                       ([], "not an expression")]:
        with pytest.raises(ExprError, match=words):
            validate(bad)


class _Hostile:
    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_hostile_pickle_entry_is_never_executed(project, tmp_path):
    cold = run(project)
    marker = tmp_path / "executed"
    hostile = _Hostile()
    hostile.marker = marker
    payload = pickle.dumps(hostile)
    for path in entries(project):
        path.write_bytes(payload)
    assert snapshot(run(project)) == snapshot(cold)
    assert not marker.exists()


def test_version_or_source_change_invalidates(project, parses, monkeypatch):
    run(project)
    parses.clear()
    run(project)
    assert parses == []
    first = cache.namespace()
    monkeypatch.setattr(cache, "__version__", "99.0")
    cache.source_fingerprint.cache_clear()
    try:
        assert cache.namespace() != first
        run(project)
        assert parses  # a new namespace: everything parsed again
        assert [p.name for p in (project / cache.DEFAULT_DIR).iterdir() if p.is_dir()] == [cache.namespace()]
    finally:
        cache.source_fingerprint.cache_clear()
    parses.clear()
    monkeypatch.setattr(cache, "source_fingerprint", lambda: "model.py changed")
    assert cache.namespace() != first
    run(project)
    assert parses


def test_wrappers_are_part_of_the_key():
    assert cache.namespace(frozenset({"app.llm.ask"})) != cache.namespace()


def test_no_cache_and_cache_dir(project, tmp_path):
    run(project, cache=False)
    assert not (project / cache.DEFAULT_DIR).exists()
    elsewhere = tmp_path / "elsewhere"
    run(project, cache_dir=str(elsewhere))
    assert not (project / cache.DEFAULT_DIR).exists()
    assert (elsewhere / "CACHEDIR.TAG").is_file() and list(elsewhere.glob("*/facts/*/*.json"))


def test_cli_flags(project, tmp_path):
    from llm_latency_lint.cli import main

    assert main(["check", "-q", "--no-cache", "--exit-zero", str(project)]) == 0
    assert not (project / cache.DEFAULT_DIR).exists()
    assert main(["check", "-q", "--cache-dir", str(tmp_path / "c"), "--exit-zero", str(project)]) == 0
    assert list((tmp_path / "c").glob("*/index.json"))


def _run_in_child(root: str, queue) -> None:
    queue.put(snapshot(run(Path(root))))


def test_concurrent_runs_agree(project):
    expected = snapshot(run(project, cache=False))
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    queue = context.Queue()
    children = [context.Process(target=_run_in_child, args=(str(project), queue)) for _ in range(3)]
    for child in children:
        child.start()
    results = [queue.get(timeout=120) for _ in children]
    for child in children:
        child.join(timeout=60)
    assert results == [expected] * 3
    assert snapshot(run(project)) == expected


def test_concurrent_writers_never_expose_half_an_entry(tmp_path):
    store = cache.Store(tmp_path)
    facts = engine.collect_facts  # any FileFacts will do: take the demo's
    files, _, _, _ = facts(engine.discover([DEMO], Config()).files, Config())
    big = max(files, key=lambda f: len(json.dumps(f.to_dict())))
    key = "k" * 64
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    writers = [context.Process(target=_write_many, args=(str(tmp_path), key, big)) for _ in range(2)]
    for writer in writers:
        writer.start()
    seen = 0
    while any(w.is_alive() for w in writers):
        loaded = store.load(key)
        if loaded is not None:
            assert loaded == big
            seen += 1
    for writer in writers:
        writer.join()
    assert store.load(key) == big
    assert not [p for p in tmp_path.rglob(".tmp-*")]


def _write_many(folder: str, key: str, facts) -> None:
    store = cache.Store(Path(folder))
    for _ in range(50):
        store.save(key, facts)


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.name)
def test_parallel_extraction_gives_the_serial_result(root, monkeypatch):
    serial = snapshot(engine.run([root], Config(cache=False), root=root))
    monkeypatch.setattr(workers, "MIN_FILES", 2)
    monkeypatch.setattr(workers, "FILES_PER_WORKER", 1)
    monkeypatch.setattr(workers, "cores", lambda: 2)
    calls = []
    real = workers.extract_all
    monkeypatch.setattr(workers, "extract_all", lambda jobs, wrappers, processes=None:
                        calls.append(workers.processes_for(len(jobs))) or real(jobs, wrappers, processes))
    parallel = snapshot(engine.run([root], Config(cache=False), root=root))
    assert calls and calls[0] == 2
    assert parallel == serial
