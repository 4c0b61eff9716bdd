"""The facts walk skips whitespace, punctuation and comments in a file no comment of which can
matter (``visitor.comments_matter``): the facts are those of the full walk, on every fixture."""
from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from support.paths import REPO

from llm_latency_lint.facts import comments, visitor
from llm_latency_lint.syntax import walk as walk_module

SOURCES = sorted([*REPO.glob("tests/fixtures/**/*.py"), *REPO.glob("fixtures/**/*.py")])


def test_only_comments_are_handled_among_layout_nodes() -> None:
    """If a handler for a whitespace or punctuation node appears, the gate must learn about it."""
    handled = {name.split("_", 1)[1] for name in dir(visitor.FactsVisitor) if name.startswith(("visit_", "leave_"))
               and getattr(visitor.FactsVisitor, name) is not getattr(cst.CSTVisitor, name, None)}
    assert handled & walk_module._LAYOUT_NODES == {"Comment"}


@pytest.mark.parametrize("text, matters", [
    ("x = f()  # noqa: LLM001\n", True),
    ("x = f()  # NOQA\n", True),
    ("def f():  # llm-latency: scheduled\n    pass\n", True),
    ("x = f()  # a plain comment\n", False),
])
def test_the_gate_reads_the_comment_words(text: str, matters: bool) -> None:
    assert visitor.comments_matter(text) is matters


def test_fixture_facts_equal_the_full_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    gated = {}
    for path in SOURCES:
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            gated[path] = visitor._extract(text, str(path), "m", False, frozenset()).to_dict()
        except Exception:  # noqa: BLE001 - a fixture that does not parse is no case here
            continue
    monkeypatch.setattr(visitor, "comments_matter", lambda text: True)
    skipped = 0
    for path, facts in gated.items():
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        skipped += not comments._COMMENT_WORDS.search(text)
        assert visitor._extract(text, str(path), "m", False, frozenset()).to_dict() == facts, path
    assert skipped > 50  # most fixtures take the short walk
