"""Facts extraction in a child interpreter: the entries an in-process extraction gives, and the
path a daemonic process (a flake8 worker) takes when it may not start a pool itself."""
from __future__ import annotations

import multiprocessing

import pytest

from llm_latency_lint.facts import pool as workers
from llm_latency_lint.facts.child import extract_in_child

SOURCES = [
    "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef summarize(text):\n"
    "    return client.chat.completions.create(model='gpt-4o-mini', messages=[])\n",
    "from celery import Celery\n\napp = Celery('proj')\n\n\n@app.task\ndef nightly():\n    pass\n",
    "def broken(:\n    pass\n",
    "x = 'caf\\u00e9 \\udcff'\n",
]


def jobs(count: int):
    return [(f"pkg/m{i}.py", SOURCES[i % len(SOURCES)], f"pkg.m{i}", False) for i in range(count)]


def in_process(batch):
    return [workers.extract_one(job, frozenset({"pkg.m0.summarize"})) for job in batch]


def test_child_gives_the_in_process_entries_in_order():
    batch = jobs(9)
    entries = extract_in_child(batch, frozenset({"pkg.m0.summarize"}))
    assert entries == in_process(batch)
    assert isinstance(entries[2], str) and "syntax error" in entries[2]
    assert entries[0].call_sites and entries[0].path == "pkg/m0.py"


def _extract_in_daemon(batch, queue):
    queue.put((workers.wants_child(len(batch)), list(workers.extract_all(batch, frozenset({"pkg.m0.summarize"})))))


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
@pytest.mark.filterwarnings("ignore:This process.* is multi-threaded:DeprecationWarning")  # forks as flake8 does
def test_daemonic_process_hands_many_files_to_a_child(monkeypatch):
    monkeypatch.setattr(workers, "cores", lambda: 2)
    batch = jobs(workers.MIN_FILES + workers.FILES_PER_WORKER)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    daemon = context.Process(target=_extract_in_daemon, args=(batch, queue), daemon=True)
    daemon.start()
    used_child, entries = queue.get(timeout=120)
    daemon.join(10)
    assert used_child
    assert entries == in_process(batch)
    assert not workers.wants_child(len(batch))  # this process is no daemon: it starts its own pool


def test_failed_child_means_in_process_extraction(monkeypatch):
    monkeypatch.setattr("llm_latency_lint.facts.child._ARGV", ("-c", "import sys; sys.exit(3)"))
    assert extract_in_child(jobs(3), frozenset()) is None
    monkeypatch.setattr("llm_latency_lint.facts.child._ARGV", ("-c", "print('[1]')"))
    assert extract_in_child(jobs(3), frozenset()) is None
