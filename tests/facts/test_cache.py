"""The facts cache: hits, misses after edits, corrupt and hostile entries, concurrent runs,
invalidation by tool version or source; and parallel extraction giving the serial result."""
from __future__ import annotations

import marshal
import multiprocessing
import os
import pickle
from pathlib import Path

import pytest
from support.cache_runs import (
    copy_demo,
    count_parses,
    run,
    snapshot,
    snapshots_of_parallel_runs,
)
from support.paths import DEMO, TESTS
from support.paths import PROJECTS as PROJECTS_ROOT

from llm_latency_lint import engine
from llm_latency_lint.config import Config
from llm_latency_lint.facts import cache, codec, collect, store
from llm_latency_lint.facts import pool as workers

HERE = TESTS
PROJECTS = sorted(p for p in (PROJECTS_ROOT).iterdir() if p.is_dir()) + [DEMO]


@pytest.fixture
def project(tmp_path):
    return copy_demo(tmp_path)


@pytest.fixture
def parses(monkeypatch):
    """Relpaths parsed by libcst in this test, in order."""
    return count_parses(monkeypatch)


def store_files(root: Path, name: str = "*"):
    """The namespace's store files (``index``, ``facts``, ``result``...; not the lock nor the
    listings' clock probe)."""
    return sorted(p for p in (root / cache.DEFAULT_DIR).glob(f"*/{name}") if p.name not in ("lock", "clock"))


def read_store(path: Path):
    return store.load(path, path.parent.name)


def test_warm_run_parses_nothing_and_reads_no_unchanged_file(project, parses, monkeypatch):
    cold = run(project)
    assert parses and store_files(project, "facts")
    parses.clear()
    reads = []
    real_read = collect.read_bytes
    monkeypatch.setattr(collect, "read_bytes", lambda path: reads.append(path) or real_read(path))
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


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty", "garbage", "other namespace"])
def test_a_damaged_store_is_ignored_and_rebuilt(project, parses, damage):
    cold = run(project)
    files = store_files(project)
    assert {p.name.split("-")[0] for p in files} == {"index", "facts", "exports", "result", "graph", "classes", "listing"}
    for path in files:
        data = path.read_bytes()
        if damage == "truncated":
            path.write_bytes(data[: len(data) // 2])
        elif damage == "flipped":
            path.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
        elif damage == "empty":
            path.write_bytes(b"")
        elif damage == "garbage":
            path.write_bytes(b"\xff\xfe{" * 100)
        else:  # a store written for other settings or another version is not this namespace's
            path.write_bytes(data.replace(path.parent.name.encode(), b"0" * 20, 1))
    parses.clear()
    assert snapshot(run(project)) == snapshot(cold)
    assert sorted(parses) == sorted(f.path for f in cold.files) + []  # every kept file again
    assert all(read_store(p) is not None for p in store_files(project))  # rewritten whole
    parses.clear()
    assert snapshot(run(project)) == snapshot(cold) and parses == []


def test_a_tampered_entry_with_its_checksum_recomputed_is_a_miss(project, parses):
    """Someone who rewrites the body and its checksum still cannot make an entry of the wrong
    shape count: it fails to decode, and the file is parsed again."""
    cold = run(project)
    path = store_files(project, "facts")[0]
    entries = read_store(path)
    tampered = []
    for key, (relpath, blob) in list(entries.items()):
        entries[key] = (relpath, marshal.dumps(("not", "facts")))
        tampered.append(relpath)
    store.dump(path, path.parent.name, entries)
    [p.unlink() for p in path.parent.glob("result-*")]
    parses.clear()
    assert snapshot(run(project)) == snapshot(cold)
    assert sorted(parses) == sorted(tampered)


def test_expressions_are_checked_when_written_not_when_read(project, monkeypatch):
    from llm_latency_lint.expr import ExprError

    calls = []
    real = codec.validate
    monkeypatch.setattr(codec, "validate", lambda e: calls.append(1) or real(e))
    run(project)
    assert calls  # checked once, as the entries were written
    calls.clear()
    (store_files(project, "result-*")[0]).unlink()  # the graph is built again from stored facts
    run(project)
    assert calls == []
    facts = next(f for f in run(project, cache=False).files if f.call_sites)
    facts.call_sites[0].callee[0] = "atr"  # a tag the expression model does not know
    with pytest.raises(ExprError):
        codec.checked(facts)


def test_facts_round_trip_through_the_codec():
    files, _, _, _ = engine.collect_facts(engine.discover([DEMO], Config()).files, Config())
    assert files
    for facts in files:
        again = codec.decode_facts(marshal.loads(marshal.dumps(codec.encode_facts(facts))))
        assert again == facts


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


def test_hostile_pickle_in_the_store_is_never_executed(project, tmp_path):
    cold = run(project)
    marker = tmp_path / "executed"
    hostile = _Hostile()
    hostile.marker = marker
    payload = pickle.dumps(hostile)
    for path in store_files(project):
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
    assert (elsewhere / "CACHEDIR.TAG").is_file() and list(elsewhere.glob("*/facts"))


def test_cli_flags(project, tmp_path):
    from llm_latency_lint.cli import main

    assert main(["check", "-q", "--no-cache", "--exit-zero", str(project)]) == 0
    assert not (project / cache.DEFAULT_DIR).exists()
    assert main(["check", "-q", "--cache-dir", str(tmp_path / "c"), "--exit-zero", str(project)]) == 0
    assert list((tmp_path / "c").glob("*/index"))


def test_concurrent_runs_agree(project):
    expected = snapshot(run(project, cache=False))
    assert snapshots_of_parallel_runs(project, 3) == [expected] * 3
    assert snapshot(run(project)) == expected


def test_concurrent_writers_never_expose_half_a_store(tmp_path):
    """Two processes rewriting the facts file while this one reads it: every read is whole."""
    files, _, _, _ = engine.collect_facts(engine.discover([DEMO], Config()).files, Config())
    big = max(files, key=lambda f: len(repr(f)))
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    writers = [context.Process(target=_write_many, args=(str(tmp_path), n, big)) for n in range(2)]
    for writer in writers:
        writer.start()
    seen = 0
    while any(w.is_alive() for w in writers):
        reader = cache.Store(tmp_path)
        for key in ("k0" * 32, "k1" * 32):
            loaded = reader.load(key)
            if loaded is not None:
                assert loaded == big
                seen += 1
    for writer in writers:
        writer.join()
    reader = cache.Store(tmp_path)
    assert reader.load("k0" * 32) == big and reader.load("k1" * 32) == big
    assert reader.entry_hash("k0" * 32, "a.py") and reader.entry_hash("k1" * 32, "b.py")
    assert not [p for p in tmp_path.rglob(".tmp-*")]


def _write_many(folder: str, n: int, facts) -> None:
    for _ in range(30):
        writer = cache.Store(Path(folder))
        with writer.exclusive():
            writer.save(f"k{n}" * 32, "ab"[n] + ".py", facts)
            writer.save_index()


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
