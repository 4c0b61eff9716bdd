"""A sequence of edits to one project, each followed by a cached run: after every edit the cached
(incremental) result is exactly the result of a run without the cache (sites, classes, evidence,
findings, errors), and only the files the edit touched are parsed again."""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable, List, Tuple

import pytest
from support.cache_runs import copy_demo, count_parses, run, snapshot

from llm_latency_lint import engine
from llm_latency_lint.facts import prefilter
from llm_latency_lint.files import discover

Edit = Callable[[Path], List[str]]  # applies an edit, returns the Python files it wrote


def _later(path: Path) -> None:
    """A new mtime the stat index cannot mistake for the recorded one (coarse clocks)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def _replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _later(path)


def _append(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    _later(path)


def add_function_with_a_call(root: Path) -> List[str]:
    _append(root, "deskapp/tasks.py", "\n\ndef redraft_all() -> None:\n    draft_reply_for(1)\n")
    return ["deskapp/tasks.py"]


def add_schedule_in_python(root: Path) -> List[str]:
    _replace(root, "deskapp/celery_app.py", '    "sla-timers": {',
             '    "redraft": {\n        "task": "deskapp.tasks.redraft_all",\n'
             '        "schedule": crontab(hour=4, minute=0),\n    },\n    "sla-timers": {')
    return ["deskapp/celery_app.py"]


def add_import_and_call(root: Path) -> List[str]:
    _replace(root, "deskapp/services/triage.py", "from deskapp.prompts import",
             "from deskapp.services.replies import draft_reply_for\nfrom deskapp.prompts import")
    _replace(root, "deskapp/services/triage.py", "    response = _client.responses.create(",
             "    draft_reply_for(0)\n    response = _client.responses.create(")
    return ["deskapp/services/triage.py"]


def remove_the_call(root: Path) -> List[str]:
    _replace(root, "deskapp/services/triage.py", "    draft_reply_for(0)\n", "")
    return ["deskapp/services/triage.py"]


def add_llm_call(root: Path) -> List[str]:
    _append(root, "deskapp/services/replies.py",
            "\n\ndef polish(text: str) -> str:\n"
            "    done = _client.chat.completions.create(model='m', messages=[{'role': 'user', 'content': text}])\n"
            "    return done.choices[0].message.content\n")
    _replace(root, "deskapp/tasks.py", "    draft_reply_for(1)\n",
             "    draft_reply_for(1)\n    from deskapp.services.replies import polish\n    polish('x')\n")
    return ["deskapp/services/replies.py", "deskapp/tasks.py"]


def add_class_with_an_attribute(root: Path) -> List[str]:
    """A class whose method calls through a class attribute, called from the scheduled task."""
    _append(root, "deskapp/services/replies.py",
            "\n\nclass Polisher:\n    llm = None\n\n    def run(self, text: str) -> str:\n"
            "        return self.llm.chat.completions.create(model='m', messages=[{'role': 'user', 'content': text}])\n")
    _replace(root, "deskapp/tasks.py", "    polish('x')\n",
             "    polish('x')\n    from deskapp.services.replies import Polisher\n    Polisher().run('y')\n")
    return ["deskapp/services/replies.py", "deskapp/tasks.py"]


def set_the_class_attribute(root: Path) -> List[str]:
    _replace(root, "deskapp/services/replies.py", "    llm = None\n", "    llm = _client\n")
    return ["deskapp/services/replies.py"]


def drop_the_class_attribute(root: Path) -> List[str]:
    _replace(root, "deskapp/services/replies.py", "    llm = _client\n", "    label = 'polisher'\n")
    return ["deskapp/services/replies.py"]


def remove_the_import(root: Path) -> List[str]:
    _replace(root, "deskapp/tasks.py", "    from deskapp.services.replies import Polisher\n", "")
    return ["deskapp/tasks.py"]


def insert_lines_above(root: Path) -> List[str]:
    """Every line below moves: the facts change, what they say does not."""
    _replace(root, "deskapp/services/replies.py", "\n\ndef polish(", "\n\n\n# polishing\n\ndef polish(")
    return ["deskapp/services/replies.py"]


def add_schedule_in_crontab(root: Path) -> List[str]:
    _append(root, "deploy/crontab",
            "\n15 5 * * * cd /srv/deskapp && .venv/bin/python scripts/backfill_embeddings.py --limit 10\n")
    return []


def remove_the_function(root: Path) -> List[str]:
    _replace(root, "deskapp/tasks.py", "\n\ndef redraft_all() -> None:\n", "\n\ndef _unused() -> None:\n")
    return ["deskapp/tasks.py"]


def edit_a_comment(root: Path) -> List[str]:
    _append(root, "deskapp/services/replies.py", "\n# a comment: new bytes, the same facts\n")
    return ["deskapp/services/replies.py"]


def delete_a_file(root: Path) -> List[str]:
    (root / "deskapp/services/digest.py").unlink()
    return []


def rename_a_file(root: Path) -> List[str]:
    (root / "scripts/backfill_embeddings.py").rename(root / "scripts/backfill_vectors.py")
    return ["scripts/backfill_vectors.py"]


def add_a_package(root: Path) -> List[str]:
    """A new folder (a new listing) whose module calls an LLM through the project."""
    (root / "deskapp/jobs").mkdir()
    (root / "deskapp/jobs/__init__.py").write_text("", encoding="utf-8")
    (root / "deskapp/jobs/weekly.py").write_text(
        "from deskapp.services.replies import polish\n\n\ndef weekly() -> None:\n    polish('w')\n", encoding="utf-8")
    return ["deskapp/jobs/__init__.py", "deskapp/jobs/weekly.py"]


def unmake_the_package(root: Path) -> List[str]:
    """The folder's listing changes and its module's name changes (``weekly``, not ``deskapp.jobs.weekly``)."""
    (root / "deskapp/jobs/__init__.py").unlink()
    return ["deskapp/jobs/weekly.py"]


def remove_the_folder(root: Path) -> List[str]:
    (root / "deskapp/jobs/weekly.py").unlink()
    (root / "deskapp/jobs").rmdir()
    return []


EDITS: List[Tuple[str, Edit]] = [
    ("add a function that calls a project function", add_function_with_a_call),
    ("schedule it in the beat schedule", add_schedule_in_python),
    ("add an import and a call to it", add_import_and_call),
    ("remove that call", remove_the_call),
    ("add an LLM call and call it", add_llm_call),
    ("add a class calling through a class attribute", add_class_with_an_attribute),
    ("set the class attribute to a client", set_the_class_attribute),
    ("replace the class attribute", drop_the_class_attribute),
    ("remove the import of the class", remove_the_import),
    ("insert lines above a function", insert_lines_above),
    ("add a crontab line", add_schedule_in_crontab),
    ("remove the scheduled function", remove_the_function),
    ("edit a comment", edit_a_comment),
    ("delete a file", delete_a_file),
    ("rename a file", rename_a_file),
    ("add a package", add_a_package),
    ("make its folder no package", unmake_the_package),
    ("remove the folder", remove_the_folder),
]


@pytest.mark.parametrize("listings", ["racy", "trusted"])
def test_every_edit_gives_the_result_of_a_run_without_the_cache(tmp_path, monkeypatch, listings):
    """``racy``: every folder was just written, so discovery lists each one again (as a run right
    after a checkout would); ``trusted``: stored folder listings are trusted as soon as they are
    recorded, so only folders an edit changed are listed again."""
    root = copy_demo(tmp_path)
    parses = count_parses(monkeypatch)
    listed = _count_listings(monkeypatch)
    if listings == "trusted":
        monkeypatch.setattr(discover, "RACY_NS", 0)
    before = snapshot(run(root))
    assert before == snapshot(run(root, cache=False))
    run(root)  # the first run made the cache's folder in the root: its listing is stored now
    changed = []
    for name, edit in EDITS:
        time.sleep(0.02)  # past the clock tick of the last listing (coarse file times)
        wrote = edit(root)
        parses.clear()
        listed.clear()
        graphs = engine.COUNTS["graph"]
        incremental = snapshot(run(root))
        built = engine.COUNTS["graph"] - graphs
        relisted = set(listed)
        assert set(parses) <= set(wrote), name  # only what the edit wrote is parsed again
        assert incremental == snapshot(run(root, cache=False)), name
        # equal facts, or the facts of an earlier state (the folder added, then removed): a stored result
        assert built == (0 if name in ("edit a comment", "remove the folder") else 1), name
        if listings == "trusted":  # only the folders whose entries the edit changed are listed again
            assert relisted == FOLDERS_CHANGED.get(name, set()), name
        if incremental[1] != before[1]:
            changed.append(name)
        before = incremental
    # the edits are not idle: most of them change some site's class or evidence
    assert {"add an import and a call to it", "remove that call", "add an LLM call and call it",
            "set the class attribute to a client", "replace the class attribute", "insert lines above a function",
            "remove the scheduled function", "delete a file", "rename a file"} <= set(changed), changed


FOLDERS_CHANGED = {
    "delete a file": {"deskapp/services"},
    "rename a file": {"scripts"},
    "add a package": {"deskapp", "deskapp/jobs"},
    "make its folder no package": {"deskapp/jobs"},
    "remove the folder": {"deskapp"},
}


def _count_listings(monkeypatch) -> List[str]:
    """Folders discovery lists from now on (not taken from stored listings), relative."""
    listed: List[str] = []
    real = discover._list

    def counting(folder, rel_of, config):
        listed.append(rel_of(folder))
        return real(folder, rel_of, config)

    monkeypatch.setattr(discover, "_list", counting)
    return listed


def test_config_changes_give_the_result_of_a_run_without_the_cache(tmp_path, monkeypatch):
    """Configuration keys every stored table (listings, selection, result): switching between
    configurations, stored listings trusted at once, each run equals one without the cache."""
    root = copy_demo(tmp_path)
    monkeypatch.setattr(discover, "RACY_NS", 0)
    configs = [{}, {"extend_exclude": ["scripts"]}, {"scheduled_functions": ["deskapp.services.replies.draft_reply_for"]},
               {"extend_exclude": ["deskapp/reports"]}, {}]
    seen = []
    for config in configs:
        time.sleep(0.02)
        cached = snapshot(run(root, **config))
        assert cached == snapshot(run(root, cache=False, **config)), config
        seen.append(cached)
    assert seen[0] == seen[-1]
    assert len({repr(s) for s in seen}) >= 3  # the configurations matter to the result


def test_a_corrupt_listing_is_walked_again(tmp_path, monkeypatch):
    root = copy_demo(tmp_path)
    monkeypatch.setattr(discover, "RACY_NS", 0)
    listed = _count_listings(monkeypatch)
    first = snapshot(run(root))
    run(root)  # the first run made the cache's folder in the root
    listed.clear()
    run(root)
    assert listed == []  # nothing changed: every folder's stored listing is trusted
    for stored in root.glob(".llm_latency_lint_cache/*/listing"):
        stored.write_bytes(stored.read_bytes()[:-20] + b"x" * 20)
    time.sleep(0.02)
    (root / "scripts/backfill_embeddings.py").rename(root / "scripts/backfill_vectors.py")
    assert snapshot(run(root)) == snapshot(run(root, cache=False))
    assert "deskapp" in listed  # not trusted: listed again
    assert first != snapshot(run(root))


def test_an_edit_selects_again_without_reading_every_module_again(tmp_path, monkeypatch):
    """The prefilter's exports (what each module's names lead to) are stored by content hash: an
    edit that makes the selection again reads only the edited module's; a corrupt store is not
    trusted (read again, same result)."""
    root = copy_demo(tmp_path)
    reads: List[str] = []
    real = prefilter.read_exports

    def counting(text, module, *rest):
        reads.append(module)
        return real(text, module, *rest)

    monkeypatch.setattr(prefilter, "read_exports", counting)
    run(root)
    assert reads  # modules imported by name: their exports decide which importers are kept
    reads.clear()
    _append(root, "scripts/backfill_embeddings.py", "\n\ndef extra() -> int:\n    return 1\n")
    edited = snapshot(run(root))
    assert reads == []  # a script nobody imports: no module's exports are read again
    assert edited == snapshot(run(root, cache=False))
    for stored in root.glob(".llm_latency_lint_cache/*/exports"):
        stored.write_bytes(stored.read_bytes()[:-40] + b"x" * 40)
    _append(root, "scripts/backfill_embeddings.py", "\n\ndef more() -> int:\n    return 2\n")
    reads.clear()
    assert snapshot(run(root)) == snapshot(run(root, cache=False))
    assert reads  # read again, not trusted
