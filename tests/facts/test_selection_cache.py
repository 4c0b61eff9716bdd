"""The prefilter's selection is cached with the facts: a run whose files are all as they were
reuses it (and reads no registry text); any edit that could change it computes it again."""
from __future__ import annotations

import os
import shutil

import pytest
from support.cache_runs import count_selects
from support.paths import REPO
from test_cache import snapshot

from llm_latency_lint import engine
from llm_latency_lint.config import Config
from llm_latency_lint.facts import prefilter

DEMO = REPO / "fixtures" / "demo_app"


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "demo"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".llm_latency_lint_cache"))
    return root


def test_unchanged_project_reuses_the_selection(project, monkeypatch):
    config = Config(cache_dir=str(project.parent / "cache"))
    expected = snapshot(engine.run([project], Config(cache=False), root=project))
    calls = count_selects(monkeypatch)
    first = engine.run([project], config, root=project)
    second = engine.run([project], config, root=project)
    assert calls == [1]
    assert snapshot(first) == snapshot(second) == expected
    assert sorted(f.path for f in first.files) == sorted(f.path for f in second.files)


def test_an_edit_selects_again_and_sees_the_new_file(project, monkeypatch):
    config = Config(cache_dir=str(project.parent / "cache"))
    before = engine.run([project], config, root=project)
    calls = count_selects(monkeypatch)
    helper = project / "deskapp" / "late_helper.py"
    helper.write_text("from openai import OpenAI\n\nclient = OpenAI()\n")
    after = engine.run([project], config, root=project)
    assert calls == [1]
    assert "deskapp/late_helper.py" in {f.path for f in after.files}
    assert "deskapp/late_helper.py" not in {f.path for f in before.files}
    assert snapshot(after) == snapshot(engine.run([project], Config(cache=False), root=project))


def test_unsaved_text_changes_the_key(project, monkeypatch):
    config = Config(cache_dir=str(project.parent / "cache"))
    engine.run([project], config, root=project)
    calls = count_selects(monkeypatch)
    engine.run([project], config, root=project)
    assert calls == []
    unsaved = {"deskapp/tasks.py": (project / "deskapp" / "tasks.py").read_text() + "\nimport anthropic\n"}
    engine.run([project], config, root=project, overrides=unsaved)
    assert calls == [1]


def test_an_edit_that_keeps_a_summary_reuses_the_selection(project, monkeypatch):
    config = Config(cache_dir=str(project.parent / "cache"))
    engine.run([project], config, root=project)
    calls = count_selects(monkeypatch)
    llm = next(p for p in sorted(project.rglob("*.py")) if "chat.completions.create" in p.read_text())
    llm.write_text(llm.read_text() + "\n\n# a comment changes the bytes, not the summary\n")
    edited = engine.run([project], config, root=project)
    assert calls == []
    assert snapshot(edited) == snapshot(engine.run([project], Config(cache=False), root=project))


def test_an_edit_of_a_registry_text_selects_again_only_if_what_select_reads_changed(project, monkeypatch):
    config = Config(cache_dir=str(project.parent / "cache"))
    first = engine.run([project], config, root=project)
    registry = project / "deskapp" / "celery_app.py"
    key = "deskapp/celery_app.py"
    summary = prefilter.summarise(registry.read_text(), "deskapp.celery_app", False)
    assert summary.registry and not summary.anchor  # its text is read, not only its summary
    calls = count_selects(monkeypatch)
    registry.write_text(registry.read_text() + "\n# reviewed\n")
    again = engine.run([project], config, root=project)
    assert calls == []  # what select read off it (its class bases, modules it names) is the same
    assert key in {f.path for f in again.files} and snapshot(again) == snapshot(first)
    registry.write_text(registry.read_text() + "\n\nclass Job(Base):\n    pass\n")
    again = engine.run([project], config, root=project)
    assert calls == [1]  # a kept file's class bases changed: select again
    assert snapshot(again) == snapshot(engine.run([project], Config(cache=False), root=project))


def test_an_editors_run_that_selects_again_stores_neither_selection_nor_exports(project, monkeypatch):
    """An unsaved buffer that changes the selection's key selects again, but an editor's runs
    write nothing but facts they lack: the stored selection stays the saved files', so the next
    run on the saved files reuses it."""
    for path in project.rglob("*"):  # written long ago: the stat index vouches for every file
        if path.is_file():
            os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 10_000_000_000))
    cache = project.parent / "cache"
    config = Config(cache_dir=str(cache))
    saved = snapshot(engine.run([project], config, root=project))
    folder = next(cache.glob("*/index")).parent
    stored = {name: (folder / name).read_bytes() for name in ("index", "exports")}
    tasks = project / "deskapp" / "tasks.py"
    unsaved = {"deskapp/tasks.py": tasks.read_text() + "\nimport anthropic\n\n\ndef polish(x):\n    return x\n"}
    expected = snapshot(engine.run([project], Config(cache=False), root=project, overrides=unsaved))
    calls = count_selects(monkeypatch)
    assert snapshot(engine.run([project], config, root=project, overrides=unsaved)) == expected
    assert calls == [1]
    assert {name: (folder / name).read_bytes() for name in stored} == stored
    assert snapshot(engine.run([project], config, root=project)) == saved
    assert calls == [1]  # the saved files' selection, still stored


def test_a_selection_made_again_scans_only_the_changed_texts(project, monkeypatch):
    """The views' answers stored with the last selection (any key) stand for the texts they were
    read off: a selection made again scans only the files whose text changed, and keeps what a
    run without the cache keeps."""
    from llm_latency_lint.facts.textviews import TextViews

    config = Config(cache_dir=str(project.parent / "cache"))
    engine.run([project], config, root=project)
    scanned = []
    views = prefilter.TEXT_VIEWS

    def counting(view):
        def answer(text):
            scanned.append(text)
            return view(text)
        return answer

    monkeypatch.setattr(prefilter, "TEXT_VIEWS", TextViews({k: counting(v) for k, v in views.names.items()},
                                                           {k: counting(v) for k, v in views.flags.items()}))
    calls = count_selects(monkeypatch)
    edited = project / "deskapp" / "celery_app.py"
    text = "import json\n" + edited.read_text(encoding="utf-8") + "\nNIGHTLY = 'deskapp.tasks.nightly_digest'\n"
    edited.write_text(text, encoding="utf-8")
    stat = edited.stat()
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    after = engine.run([project], config, root=project)
    assert calls == [1]  # the summary changed (a new import): selected again
    assert scanned and set(scanned) == {text}  # only the edited text was scanned
    fresh = engine.run([project], Config(cache=False), root=project)
    assert sorted(f.path for f in after.files) == sorted(f.path for f in fresh.files)
    assert snapshot(after) == snapshot(fresh)
