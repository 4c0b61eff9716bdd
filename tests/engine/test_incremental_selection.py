"""The stored selection stands for an edit that only adds top-level names no answer of the
selection can see (``facts.stored_exports.unseen_names``); every other edit selects again. Each
edit is followed by a cached run that must equal a run without the cache: same report, same
sites and evidence, same files kept."""
from __future__ import annotations

import time
from pathlib import Path
from typing import List

import pytest
from support.cache_runs import append_edit, count_selects, run, snapshot, write_edit

from llm_latency_lint.facts import prefilter
from llm_latency_lint.facts.exports import Exports, read_exports
from llm_latency_lint.facts.stored_exports import unseen_names

BASE = {
    "pkg/__init__.py": "",
    "pkg/llm.py": "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(q):\n"
                  "    return client.chat.completions.create(model='m', messages=[q])\n",
    "pkg/util.py": "def slug(x):\n    return x.lower()\n",
    "pkg/views.py": "from fastapi import FastAPI\n\nfrom pkg.llm import ask\n\napp = FastAPI()\n\n\n"
                    "@app.get('/q')\ndef page(text: str):\n    return ask(text)\n",
    # ``later`` is not defined yet: a name the scan cannot vouch for leads, so this file is kept
    "pkg/jobs.py": "from pkg.llm import later\n\n\ndef compute():\n    return later('x')\n",
    "pkg/report.py": "from pkg.util import slug\n\n\ndef tidy_up():\n    return slug('x')\n",
}


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "proj"
    for rel, text in BASE.items():
        write_edit(root, rel, text)
    return root


@pytest.fixture
def selects(monkeypatch) -> List[int]:
    return count_selects(monkeypatch)


def _same_as_uncached(root: Path):
    time.sleep(0.02)
    cached = run(root)
    fresh = run(root, cache=False)
    assert snapshot(cached) == snapshot(fresh)
    assert sorted(f.path for f in cached.files) == sorted(f.path for f in fresh.files)
    return {f.path for f in cached.files}


def test_appended_functions_that_lead_nowhere_keep_the_selection(project, selects):
    kept = _same_as_uncached(project)
    assert "pkg/jobs.py" in kept and "pkg/report.py" not in kept
    selects.clear()
    for n in range(2):  # the second edit starts from the selection the first one stored
        append_edit(project, "pkg/llm.py", f"\n\ndef _edit_{n}():\n    return {n}\n")
        assert _same_as_uncached(project) == kept
        assert len(selects) == 1  # only the run without the cache selected
        selects.clear()


def test_a_name_an_importer_asked_for_selects_again(project, selects):
    assert "pkg/jobs.py" in _same_as_uncached(project)
    selects.clear()
    append_edit(project, "pkg/llm.py", "\n\ndef later(q):\n    return q\n")  # now vouched for: leads nowhere
    kept = _same_as_uncached(project)
    assert "pkg/jobs.py" not in kept  # the edit changed the selection, and the cached run saw it
    assert len(selects) == 2


@pytest.mark.parametrize("edit", ["leading", "receiver", "import", "delete", "rename", "star"])
def test_other_edits_equal_a_run_without_the_cache(project, selects, edit):
    _same_as_uncached(project)
    append_edit(project, "pkg/llm.py", "\n\ndef spare():\n    return 1\n")
    _same_as_uncached(project)
    if edit == "leading":  # an added name that calls one that leads: it leads too
        append_edit(project, "pkg/util.py", "\n\ndef polish(x):\n    return x\n")
        append_edit(project, "pkg/llm.py", "\n\ndef ask_twice(q):\n    return ask(ask(q))\n")
        write_edit(project, "pkg/report.py", BASE["pkg/report.py"].replace("import slug", "import slug\nfrom pkg.llm import ask_twice"))
    elif edit == "receiver":  # a call's receiver changed inside a function
        write_edit(project, "pkg/views.py", BASE["pkg/views.py"].replace("return ask(text)", "return client.chat.completions."
                                                                     "create(model='m', messages=[text])")
               .replace("import ask", "import ask, client"))
    elif edit == "import":  # an import that widens the selection
        write_edit(project, "pkg/util.py", "from pkg.llm import ask\n\n\ndef slug(x):\n    return ask(x)\n")
    elif edit == "delete":  # a function deleted
        write_edit(project, "pkg/llm.py", BASE["pkg/llm.py"])
    elif edit == "rename":  # a module renamed
        (project / "pkg" / "util.py").rename(project / "pkg" / "tools.py")
        write_edit(project, "pkg/report.py", BASE["pkg/report.py"].replace("pkg.util", "pkg.tools"))
    else:  # a star import of the edited module, then a name added to it
        write_edit(project, "pkg/util.py", "from pkg.llm import *\n\n\ndef slug(x):\n    return x\n")
        _same_as_uncached(project)
        append_edit(project, "pkg/llm.py", "\n\ndef later():\n    return ask('x')\n")
    kept = _same_as_uncached(project)
    if edit == "import":
        assert "pkg/util.py" in kept and "pkg/report.py" in kept
    if edit == "leading":
        assert "pkg/report.py" in kept


# ---- unseen_names, the rule itself ---------------------------------------------------------------
def _exports(text: str) -> Exports:
    anchors = prefilter.anchor_parts()
    return read_exports(text, "pkg.llm", False, anchors, bool(prefilter.summarise(text, "pkg.llm", False).anchored(frozenset())))


BEFORE = BASE["pkg/llm.py"]


def _unseen(after: str, imported=frozenset(), asked=()) -> bool:
    return unseen_names(_exports(BEFORE), _exports(after), ["pkg.llm"], frozenset(imported), list(asked))


def test_unseen_names_accepts_only_inert_additions():
    inert = BEFORE + "\n\ndef spare():\n    return 1\n"
    assert _unseen(inert)
    assert not _unseen(inert, imported={"pkg.llm.spare"})  # an importer asks for it by name
    assert not _unseen(inert, asked=[b"...pkg.llm.spare..."])  # so does a module the selection read
    assert not _unseen(inert, asked=[None])  # a read module whose exports are not stored: unproven
    assert _unseen(inert, asked=[b"pkg.llm.ask"])
    assert not _unseen(BEFORE + "\n\ndef spare():\n    return ask(1)\n")  # mentions a name that leads
    assert not _unseen(BEFORE + "\n\ndef spare():\n    return client\n")
    assert not _unseen(BEFORE + "\n\nclass Spare:\n    pass\n")  # a class: dispatch may go through it
    assert not _unseen(BEFORE + "\n\nSPARE = {}\n")  # a container: a registry may hold anything
    assert not _unseen(BEFORE + "\n\nfrom os import path\n")  # an import
    assert _unseen(BEFORE.replace("messages=[q]", "messages=[q, slug]"))  # a word bound nowhere here
    assert not _unseen(BEFORE.replace("messages=[q]", "messages=[q, OpenAI]"))  # an import's alias
    assert not _unseen(BEFORE.replace("\n\ndef ask", "\n\ndef helper():\n    return 2\n\n\ndef asking"))  # renamed
    assert not _unseen("from os import *\n" + inert)  # a star import: every name may lead


HELPERS = BEFORE + "\n\ndef helper(q):\n    return ask(q)\n\n\ndef other(q):\n    return q.strip()\n"


@pytest.mark.parametrize("body, unseen", [
    ("def helper(q):\n    note = str(q)\n    return ask(note)", True),  # a local and a builtin: no name of the module
    ("def helper(q):\n    return ask(q.strip())", True),  # an attribute
    ("def helper(q):\n    return q", False),  # lost a name that leads
    ("def other(q):\n    return ask(q)", False),  # gained a name that leads
    ("def other(q):\n    return helper(q)", False),  # gained a name the module binds
    ("def other(q):\n    return OpenAI", False),  # gained an import's alias
    ("def other(q):\n    def inner():\n        return q\n    return inner", False),  # now a factory
])
def test_unseen_names_accepts_body_edits_in_words_that_cannot_lead(body, unseen):
    """A statement's words enter ``Leads`` only where they are names the module binds or imports."""
    name = body.split("(")[0]
    start = HELPERS.index(name + "(")
    end = HELPERS.find("\n\n\n", start)
    after = HELPERS[:start] + body + ("\n" if end < 0 else HELPERS[end:])
    assert unseen_names(_exports(HELPERS), _exports(after), ["pkg.llm"], frozenset(), []) is unseen


def test_a_body_edit_keeps_the_selection(project, selects):
    """A statement added inside a function, a call's argument changed: the stored selection stands
    and the run equals one without the cache; a body that now names a module's leading name selects again."""
    kept = _same_as_uncached(project)
    selects.clear()
    write_edit(project, "pkg/llm.py", BASE["pkg/llm.py"].replace("    return client", "    q = str(q)\n    return client"))
    assert _same_as_uncached(project) == kept
    assert len(selects) == 1  # only the run without the cache selected
    selects.clear()
    write_edit(project, "pkg/util.py", "from pkg.llm import ask\n\n\ndef slug(x):\n    y = x.lower()\n    return y\n")
    _same_as_uncached(project)
    selects.clear()
    write_edit(project, "pkg/util.py", "from pkg.llm import ask\n\n\ndef slug(x):\n    y = ask(x)\n    return y\n")
    kept = _same_as_uncached(project)
    assert "pkg/report.py" in kept and len(selects) == 2  # slug leads now: its importer is kept


# ---- the collector: what a run made is frozen, not scanned, and the next run thaws it ------------
def test_a_run_freezes_what_it_made_and_the_next_run_thaws_it(project, monkeypatch):
    """In a process that exits after its runs (``cli.entry``), the facts and graph a run builds
    are frozen (``gc.freeze``): no collection scans them after the analysis; a run after it (``check
    --fix``) gives back to the collector whatever the earlier run froze, so a cycle made then is
    freed. A process that goes on freezes nothing."""
    import gc
    import weakref

    from llm_latency_lint import engine

    refs = []
    real = engine.analyse

    def analyse(*args, **kwargs):
        node = {}
        node["self"] = node  # a cycle: only the collector frees it
        refs.append(weakref.ref(_Holder(node)))
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "analyse", analyse)
    monkeypatch.setattr(engine, "_EXITS_AFTER", [True])  # as ``cli.entry`` sets for a batch command
    was_enabled = gc.isenabled()
    try:
        gc.enable()
        run(project)
        assert gc.isenabled() and gc.get_freeze_count() > 0
        gc.collect()
        assert refs and refs[0]() is not None  # frozen: the collector does not look at it
        monkeypatch.setattr(engine, "analyse", real)
        run(project)  # the result is reused: nothing is frozen again, the earlier run's objects thawed
        gc.collect()
        assert refs[0]() is None
    finally:
        gc.unfreeze()
        if not was_enabled:
            gc.disable()


class _Holder:
    """A weak-referenceable object kept alive only by a cycle through itself."""

    def __init__(self, node) -> None:
        self.node = node
        node["holder"] = self


def test_a_process_that_goes_on_freezes_nothing(project):
    """Nor thaws what its host froze: a language server or pre-fork server may ``gc.freeze``."""
    import gc

    gc.unfreeze()
    run(project)
    assert gc.get_freeze_count() == 0  # nothing frozen by the run
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        run(project)
        run(project)
        assert gc.get_freeze_count() == frozen  # the host's freeze is kept
    finally:
        gc.unfreeze()
