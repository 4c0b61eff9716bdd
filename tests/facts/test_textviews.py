"""What the selection reads off texts, typed: ``Reads`` answers names as frozensets and flags as
bools, each view computed once per file; ``StoredSelection`` reads back exactly what it wrote and
nothing else (a malformed record is no selection: it is made again)."""
from __future__ import annotations

import marshal
from typing import List

import pytest

from llm_latency_lint.facts import prefilter
from llm_latency_lint.facts.textviews import Dependency, Reads, StoredSelection

TEXTS = {
    "jobs.py": "import importlib.util\n\nclass Nightly(Base, mixins.Retry):\n    pass\n"
               "spec = importlib.util.module_from_spec(x)\nrun('app.tasks.nightly')\n",
    "plain.py": "x = 1\n",
}


def test_reads_answers_typed_values_once_and_records_them_in_stored_form():
    read: List[str] = []

    def text_of(key: str) -> str:
        read.append(key)
        return TEXTS[key]

    reads = Reads(text_of, prefilter.TEXT_VIEWS)
    bases = reads.names("jobs.py", "bases")
    assert isinstance(bases, frozenset) and bases == {"Base", "mixins", "Retry"}
    assert "app.tasks.nightly" in reads.names("jobs.py", "mentioned")
    assert reads.flag("jobs.py", "loads") is True and reads.flag("plain.py", "loads") is False
    assert reads.flag("jobs.py", "dags") is False
    assert reads.names("jobs.py", "bases") == bases
    assert read.count("jobs.py") == 4  # once per view asked, not per question
    assert reads.answers["jobs.py"]["bases"] == ["Base", "Retry", "mixins"]
    assert reads.answers["plain.py"] == {"loads": False}
    for key, answers in reads.answers.items():  # the stored form is what a later run compares with
        for view, answer in answers.items():
            assert prefilter.TEXT_VIEWS.answer(view, TEXTS[key]) == answer
    with pytest.raises(KeyError):
        prefilter.TEXT_VIEWS.answer("a view of another version", "x")


def test_a_stored_selection_reads_back_what_it_wrote_through_marshal():
    selection = StoredSelection(["a.py", "b.py"], {
        "a.py": Dependency("d1", {"bases": ["Base"], "loads": True}, ""),
        "c.py": Dependency("d2", {}, "fingerprint"),
    })
    assert StoredSelection.decode(marshal.loads(marshal.dumps(selection.encode()))) == selection


@pytest.mark.parametrize("record", [
    None, "x", [], [["a.py"]], [["a.py"], {}, 1], [("a.py",), {}], [[1], {}], [["a.py"], []],
    [["a.py"], {"a.py": ["d", {}]}],
    [["a.py"], {"a.py": ["d", {}, None]}],
    [["a.py"], {"a.py": [1, {}, ""]}],
    [["a.py"], {"a.py": ["d", [], ""]}],
    [["a.py"], {"a.py": ["d", {"bases": "Base"}, ""]}],
    [["a.py"], {"a.py": ["d", {"bases": [1]}, ""]}],
    [["a.py"], {"a.py": ["d", {"loads": 1}, ""]}],
    [["a.py"], {1: ["d", {}, ""]}],
])
def test_a_malformed_stored_selection_is_none(record):
    assert StoredSelection.decode(record) is None
