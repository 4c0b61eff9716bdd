"""A sequence of edits to one project, each followed by a cached run: after every edit the cached
(incremental) result is exactly the result of a run without the cache (sites, classes, evidence,
findings, errors), and only the files the edit touched are parsed again."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, List, Tuple

from support.cache_runs import copy_demo, count_parses, run, snapshot

from llm_latency_lint import engine
from llm_latency_lint.facts import prefilter

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


EDITS: List[Tuple[str, Edit]] = [
    ("add a function that calls a project function", add_function_with_a_call),
    ("schedule it in the beat schedule", add_schedule_in_python),
    ("add an import and a call to it", add_import_and_call),
    ("remove that call", remove_the_call),
    ("add an LLM call and call it", add_llm_call),
    ("add a crontab line", add_schedule_in_crontab),
    ("remove the scheduled function", remove_the_function),
    ("edit a comment", edit_a_comment),
    ("delete a file", delete_a_file),
    ("rename a file", rename_a_file),
]


def test_every_edit_gives_the_result_of_a_run_without_the_cache(tmp_path, monkeypatch):
    root = copy_demo(tmp_path)
    parses = count_parses(monkeypatch)
    before = snapshot(run(root))
    assert before == snapshot(run(root, cache=False))
    changed = []
    for name, edit in EDITS:
        wrote = edit(root)
        parses.clear()
        graphs = engine.COUNTS["graph"]
        incremental = snapshot(run(root))
        built = engine.COUNTS["graph"] - graphs
        assert set(parses) <= set(wrote), name  # only what the edit wrote is parsed again
        assert incremental == snapshot(run(root, cache=False)), name
        assert built == (0 if name == "edit a comment" else 1), name  # equal facts: the stored result
        if incremental[1] != before[1]:
            changed.append(name)
        before = incremental
    # the edits are not idle: most of them change some site's class or evidence
    assert {"add an import and a call to it", "remove that call", "add an LLM call and call it",
            "remove the scheduled function", "delete a file", "rename a file"} <= set(changed), changed


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
