"""Batch at the caller's loop, run: the original package and its fixed copy against the fake
OpenAI server on 127.0.0.1 (real ``openai`` client), through the generated helper module.

A single call whose function a ``for`` loop and a list comprehension call once per item (in the
same module, and from another module): the fixed code sends one batch per loop (not one per item), returns what the original returned,
leaves the same rows, and a failed item raises the SDK's own ``BadRequestError`` at that item.
"""
from __future__ import annotations

import asyncio
import importlib
import shutil
import sys
import time

import openai
import pytest
from support.fakes import openai_api
from support.fakes.server import FakeServer
from support.fixlib import write_project

from llm_latency_lint.config import parse
from llm_latency_lint.fixes import FixOptions, fix_paths

JOBS = '''\
"""Summaries, one per ticket, written by a nightly loop and a weekly comprehension."""
from typing import List

import openai

client = openai.OpenAI(max_retries=0)


def summarize(text: str) -> str:
    response = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    return (response.choices[0].message.content or "").strip()


def nightly(texts: List[str], rows: List[str]) -> int:  # llm-latency: scheduled
    for text in texts:
        if not text:
            continue
        rows.append(summarize(text))
    return len(rows)


def weekly(texts: List[str]) -> str:  # llm-latency: scheduled
    return " | ".join([summarize(text) for text in texts])
'''


SPLIT = {  # the same code in two modules: the loops import ``summarize``
    "callerapp/summarize.py": JOBS.split("\n\ndef nightly")[0] + "\n",
    "callerapp/jobs.py": '''"""Loops over tickets."""
from typing import List

from callerapp.summarize import summarize
''' + "\n\ndef nightly" + JOBS.split("\n\ndef nightly")[1],
}


@pytest.fixture(params=["one module", "two modules"])
def pair(tmp_path, monkeypatch, request):
    """(original module, fixed module, fake server, recorded sleeps)."""
    project, original = tmp_path / "project", tmp_path / "original"
    files = {"callerapp/jobs.py": JOBS} if request.param == "one module" else SPLIT
    write_project(project, {"callerapp/__init__.py": "", **files})
    shutil.copytree(project / "callerapp", original / "callerapp")
    report = fix_paths([project], parse({}, "test"), FixOptions(unsafe=True), write=True)
    assert not report.errors and sorted(report.fixed) == sorted(["callerapp/_llm_batch.py", *files])
    fixed_text = (project / "callerapp/jobs.py").read_text(encoding="utf-8")
    assert "summarize_batch(batch_bodies)" in fixed_text  # the for loop
    assert 'list(summarize_batch([text for text in texts]))' in fixed_text  # the comprehension
    batch_module = (project / sorted(files)[-1]).read_text(encoding="utf-8")  # summarize.py, or jobs.py
    assert batch_module.count("def summarize_batch(") == 1  # both loops share it
    sleeps = []

    async def asleep(seconds):
        sleeps.append(seconds)

    monkeypatch.setattr(time, "sleep", sleeps.append)
    monkeypatch.setattr(asyncio, "sleep", asleep)
    modules = []
    with FakeServer([openai_api.routes]) as fake:
        monkeypatch.setenv("OPENAI_BASE_URL", f"{fake.url}/v1")
        monkeypatch.setenv("OPENAI_API_KEY", "test")
        for folder in (original, project):
            monkeypatch.syspath_prepend(str(folder))
            for name in [m for m in sys.modules if m == "callerapp" or m.startswith("callerapp.")]:
                monkeypatch.delitem(sys.modules, name)
            modules.append(importlib.import_module("callerapp.jobs"))
            monkeypatch.delitem(sys.modules, "callerapp.jobs")
            monkeypatch.delitem(sys.modules, "callerapp")
            sys.path.remove(str(folder))
        yield modules[0], modules[1], fake, sleeps
    for name in [m for m in sys.modules if m == "callerapp" or m.startswith("callerapp.")]:
        del sys.modules[name]


def test_a_for_loop_sends_one_batch_with_the_same_results(pair):
    original, fixed, fake, sleeps = pair
    texts = ["printer jammed", "", "refund for order 42", "password reset"]
    rows_a, rows_b = [], []
    assert original.nightly(texts, rows_a) == 3
    sync = fake.count("POST", "/chat/completions")
    assert sync == 3
    assert fixed.nightly(texts, rows_b) == 3
    assert rows_a == rows_b
    assert fake.count("POST", "/chat/completions") == sync  # no sync call from the fixed code
    assert fake.count("POST", "/batches") == 1 and fake.count("POST", "/files") == 1
    assert sleeps and all(s == 30.0 for s in sleeps)


def test_a_comprehension_sends_one_batch_with_the_same_result(pair):
    original, fixed, fake, _ = pair
    texts = ["alpha", "beta", "gamma"]
    assert original.weekly(texts) == fixed.weekly(texts)
    assert fake.count("POST", "/chat/completions") == 3 and fake.count("POST", "/batches") == 1


def test_a_failed_item_raises_the_sdk_error_at_that_item(pair):
    original, fixed, _, _ = pair
    texts = ["first", "second FAIL", "third"]
    rows_a, rows_b = [], []
    with pytest.raises(openai.BadRequestError):
        original.nightly(texts, rows_a)
    with pytest.raises(openai.BadRequestError) as error:
        fixed.nightly(texts, rows_b)
    assert "request 1" in str(error.value)
    assert rows_a == rows_b and len(rows_b) == 1  # the items before it were handled, in order
