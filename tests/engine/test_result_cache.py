"""The stored result: a run whose kept files' facts, schedule files and configuration are as
before reuses the classified sites without building the graph (``engine.COUNTS`` counts the
graphs built); anything they depend on builds it again, with the result of a cold run."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.cache_runs import (
    copy_demo,
    count_parses,
    run,
    snapshot,
    snapshots_of_parallel_runs,
)

from llm_latency_lint import engine
from llm_latency_lint.config import Config
from llm_latency_lint.facts import cache


@pytest.fixture
def project(tmp_path):
    return copy_demo(tmp_path)


@pytest.fixture
def parses(monkeypatch):
    return count_parses(monkeypatch)


def graphs_built(root: Path, **config):
    before = engine.COUNTS["graph"]
    result = run(root, **config)
    return engine.COUNTS["graph"] - before, result


def touch_later(path: Path, seconds: int = 5) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 1_000_000_000))


def test_warm_run_reuses_the_result_without_building_the_graph(project):
    built, cold = graphs_built(project)
    assert built == 1 and cold.sites
    reused = engine.COUNTS["reused"]
    built, warm = graphs_built(project)
    assert built == 0 and engine.COUNTS["reused"] == reused + 1
    assert snapshot(warm) == snapshot(cold) == snapshot(run(project, cache=False))
    # every kept file's facts are still there for whoever asks (fixes), read on demand
    assert sorted(f.path for f in warm.files) == sorted(f.path for f in cold.files)
    assert {f.path: f for f in warm.files} == {f.path: f for f in cold.files}
    site = warm.sites[0]
    assert any(f is site.resolved.facts for f in warm.files)  # one object per file, as in a cold run


def test_an_edit_that_changes_facts_builds_the_graph_again(project, parses):
    run(project)
    target = project / "deskapp" / "services" / "digest.py"
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[46] = lines[46].rstrip("\n") + "  # noqa\n"  # the streamed call of LLM001 + LLM004
    target.write_text("".join(lines), encoding="utf-8")
    touch_later(target)
    parses.clear()
    built, edited = graphs_built(project)
    assert built == 1 and parses == ["deskapp/services/digest.py"]
    assert snapshot(edited) == snapshot(run(project, cache=False))
    assert graphs_built(project)[0] == 0  # and the new result is stored


def test_an_edit_that_leaves_the_facts_equal_reuses_the_result(project, parses):
    cold = run(project)
    target = next(p for p in sorted(project.rglob("*.py")) if "chat.completions.create" in p.read_text())
    target.write_text(target.read_text() + "\n# a comment at the end changes the bytes, not the facts\n")
    touch_later(target)
    parses.clear()
    built, edited = graphs_built(project)
    assert parses == [target.relative_to(project).as_posix()]  # parsed again: its facts are compared
    assert built == 0
    assert snapshot(edited) == snapshot(cold)


def test_a_configuration_change_builds_the_graph_again(project):
    cold = run(project)
    site = next(s for s in cold.sites if s.latency_class != "real-time")
    function = site.resolved.site.function
    built, changed = graphs_built(project, real_time_functions=[function])
    assert built == 1
    assert snapshot(changed) == snapshot(run(project, cache=False, real_time_functions=[function]))
    assert snapshot(changed) != snapshot(cold)
    assert graphs_built(project, real_time_functions=[function])[0] == 0
    assert graphs_built(project)[0] == 0  # back: the last few results are kept


def test_a_schedule_file_outside_python_is_part_of_the_key(project):
    run(project)
    workflow = project / ".github" / "workflows" / "nightly.yml"
    workflow.parent.mkdir(parents=True, exist_ok=True)
    workflow.write_text("on:\n  schedule:\n    - cron: '0 3 * * *'\njobs:\n  run:\n    runs-on: ubuntu-latest\n"
                        "    steps:\n      - run: python -m deskapp.services.digest\n")
    built, scheduled = graphs_built(project)
    assert built == 1
    assert snapshot(scheduled) == snapshot(run(project, cache=False))
    assert graphs_built(project)[0] == 0  # its triggers come from the stat index now
    workflow.write_text(workflow.read_text().replace("0 3", "0 4"))
    touch_later(workflow)
    built, again = graphs_built(project)
    assert built == 1 and snapshot(again) == snapshot(run(project, cache=False))


@pytest.mark.parametrize("damage", ["truncated", "garbage", "foreign"])
def test_a_damaged_result_is_rebuilt(project, damage):
    cold = run(project)
    path = next((project / cache.DEFAULT_DIR).glob("*/result-*"))
    data = path.read_bytes()
    path.write_bytes({"truncated": data[:200], "garbage": b"\x00" * 64, "foreign": data.replace(path.parent.name.encode(), b"f" * 20, 1)}[damage])
    built, again = graphs_built(project)
    assert built == 1 and snapshot(again) == snapshot(cold)
    assert graphs_built(project)[0] == 0


def test_no_cache_bypasses_the_stored_result(project):
    run(project)
    assert graphs_built(project, cache=False)[0] == 1
    assert graphs_built(project, cache=False)[0] == 1


def test_concurrent_runs_store_one_readable_result(project):
    expected = snapshot(run(project, cache=False))
    assert snapshots_of_parallel_runs(project, 2) == [expected] * 2
    built, warm = graphs_built(project)
    assert built == 0 and snapshot(warm) == expected


def test_undoing_an_edit_reuses_the_earlier_result_and_few_are_kept(project):
    run(project)
    target = project / "deskapp" / "api.py"
    original = target.read_text(encoding="utf-8")
    for n in range(cache.RESULTS + 1):
        target.write_text(original + f"\n\ndef added_{n}():\n    return {n}\n", encoding="utf-8")
        touch_later(target, 5 * (n + 1))
        assert graphs_built(project)[0] == 1
    assert len(list((project / cache.DEFAULT_DIR).glob("*/result-*"))) == cache.RESULTS
    target.write_text(original, encoding="utf-8")
    touch_later(target, 60)
    assert graphs_built(project)[0] == 1  # the oldest result (the original's) was dropped
    target.write_text(original + "\n\ndef added_3():\n    return 3\n", encoding="utf-8")
    touch_later(target, 90)
    built, again = graphs_built(project)
    assert built == 0  # a version of the file seen a few runs ago
    assert snapshot(again) == snapshot(run(project, cache=False))


def test_unsaved_text_is_analysed_but_neither_its_facts_nor_its_result_are_stored(project):
    run(project)
    folder = next((project / cache.DEFAULT_DIR).glob("*/facts")).parent
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    relpath = "deskapp/api.py"
    unsaved = {relpath: (project / relpath).read_text() + "\n\ndef typed_just_now():\n    return 1\n"}
    config = Config()
    with_buffer = engine.run([project], config, root=project, overrides=unsaved)
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before
    expected = engine.run([project], Config(cache=False), root=project, overrides=unsaved)
    assert snapshot(with_buffer) == snapshot(expected)
    assert "deskapp.api.typed_just_now" in {q for f in with_buffer.files for q in f.functions}
