"""The run before's classification kept after an edit that only appends functions nothing can
reach (``project/classify_reuse.py``), and classified whole after every other edit: each cached
run must equal a run without the cache, site by site, walk by walk."""
from __future__ import annotations

from typing import List

from support.cache_runs import Edit, append_edit, replace_edit, replay_edits

from llm_latency_lint.model import FunctionFacts
from llm_latency_lint.project.classify_reuse import inert, named_by_suffix

BASE = {
    "app/__init__.py": "",
    "app/llm.py": "from openai import OpenAI\n\n\ndef ask(text):\n"
                  "    return OpenAI().chat.completions.create(model='m', messages=[text])\n\n\n"
                  "def summarise(text):\n    return OpenAI().embeddings.create(model='e', input=text)\n\n\n"
                  "def orphan():\n    return OpenAI().embeddings.create(model='e', input='o')\n",
    "app/web.py": "from fastapi import FastAPI\n\nfrom app.llm import summarise\n\napp = FastAPI()\n\n\n"
                  "@app.get('/summary')\ndef summary():\n    return summarise('x')\n",
    "app/jobs.py": "from app.llm import ask\n\n\ndef nightly():  # llm-latency: scheduled\n    return ask('y')\n\n\n"
                   "def weekly():\n    return later()\n",
}


# (name, edit, whether the stored classification stands)
EDITS: List[Edit] = [
    ("an inert function appended to the file with the calls",
     lambda r: append_edit(r, "app/llm.py", "\n\ndef _edit_1():\n    return 1\n"), True),
    ("a second one, after a run that kept the classes", lambda r: append_edit(r, "app/llm.py", "\n\ndef _edit_2():\n    return 2\n"), True),
    ("the caller's import of a route's callee", lambda r: replace_edit(r, "app/web.py", "import summarise", "import ask, summarise"), False),
    ("a new caller from a route", lambda r: append_edit(r, "app/web.py", "\n\n@app.get('/ask')\ndef ask_route():\n"
                                                                    "    return ask('z')\n"), False),
    ("an inert function appended after a class changed", lambda r: append_edit(r, "app/jobs.py", "\n\ndef _edit_3():\n    return 3\n"), True),
    ("a removed trigger", lambda r: replace_edit(r, "app/jobs.py", "  # llm-latency: scheduled", ""), False),
    ("a function a call named while absent appended", lambda r: append_edit(r, "app/jobs.py", "\n\ndef later():\n    return 4\n"), False),
    # the unknown site in ``orphan`` gets a caller: where its trail stops changes
    ("a function with a call appended", lambda r: append_edit(r, "app/llm.py", "\n\ndef _edit_5():\n    return orphan()\n"), False),
    ("a function inserted above others (lines move)", lambda r: replace_edit(r, "app/llm.py", "def ask(", "def _edit_6():\n    return 6\n\n\ndef ask("), False),
    ("an inert function appended at the end again", lambda r: append_edit(r, "app/llm.py", "\n\ndef _edit_7():\n    return 7\n"), True),
]


def test_classes_kept_only_where_the_edit_cannot_change_them(tmp_path):
    kept, changed = [], []
    for step in replay_edits(tmp_path / "proj", BASE, EDITS, "classes_kept"):
        kept += [step.name] if step.counted else []
        changed += [step.name] if step.after[0][1] != step.before[0][1] else []
    assert kept == [name for name, _, stands in EDITS if stands]
    # the edits that must classify again do change classes or evidence
    assert {"a new caller from a route", "a removed trigger", "a function with a call appended",
            "a function inserted above others (lines move)"} <= set(changed)


def _fn(name: str, **fields) -> FunctionFacts:
    return FunctionFacts(qualname=f"app.mod.{name}", name=name, line=9, **fields)


def test_what_counts_as_inert():
    assert inert(_fn("helper"), set())
    assert not inert(_fn("helper"), {"app.mod.helper"})  # named in the configuration
    assert not inert(_fn("helper", decorators=["celery.shared_task"]), set())
    assert not inert(_fn("helper", pragma="scheduled"), set())
    assert not inert(_fn("helper", cls="app.mod.C"), set())
    assert not inert(_fn("__getattr__"), set())
    assert not inert(_fn("<module>"), set())
    assert not inert(FunctionFacts(qualname="app.mod.helper@9", name="helper", line=9), set())


def test_a_dotted_name_resolved_by_suffix_names_the_new_function():
    assert named_by_suffix("app.mod.helper", ["mod.helper"])  # a task string relative to a package prefix
    assert named_by_suffix("app.mod.helper", ["src.app.mod.helper"])  # under a prefix the scan root lacks
    assert named_by_suffix("app.mod.helper", ["tasks.mod:helper"])  # the by-name fallback: module and function
    assert not named_by_suffix("app.mod.helper", ["app.mod.other", "helper.mod"])
