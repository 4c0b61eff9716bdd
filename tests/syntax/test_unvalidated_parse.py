"""libcst's parse builds nodes without its per-node validation (a parsed tree is valid by
construction; the check was a sixth of the parse), gives the tree the validated parse gave, and
leaves validation on for every node built outside a parse, after a failed parse too."""
from __future__ import annotations

import libcst as cst
import pytest
from libcst._nodes.base import CSTNode

from llm_latency_lint.syntax import parse as parsing

SOURCE = '''\
import openai


async def summarize(items: list[str], *, model: str = "m") -> str:
    """Docstring."""
    text = "\\n".join(f"- {i!r}" for i in items if i)  # comment
    return (await openai.AsyncOpenAI().chat.completions.create(model=model, messages=[text])).id
'''


def test_a_parse_skips_node_validation(monkeypatch):
    validated = []
    monkeypatch.setattr(cst.Name, "_validate", lambda self: validated.append(self))
    tree = parsing.parse_module(SOURCE)
    assert tree.code == SOURCE and not validated
    assert tree.deep_equals(cst.parse_module(SOURCE)) and validated  # libcst's own parse validates


def test_validation_stays_on_outside_a_parse():
    real = CSTNode.__dict__["__post_init__"]
    parsing.parse_module(SOURCE)
    with pytest.raises(parsing.ParseFailure):
        parsing.parse_module("def f(:\n", checked=True)
    assert CSTNode.__dict__["__post_init__"] is real
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")



def test_a_libcst_without_the_hook_parses_as_it_does(monkeypatch):
    """Should libcst move its validation out of ``CSTNode.__post_init__``, parsing still works,
    validated as libcst does, instead of failing on every file."""
    from libcst._nodes import base

    class Moved:  # a ``CSTNode`` whose ``__post_init__`` is not its own
        pass

    monkeypatch.setattr(base, "CSTNode", Moved)
    validated = []
    monkeypatch.setattr(cst.Name, "_validate", lambda self: validated.append(self))
    assert parsing.parse_module(SOURCE).code == SOURCE and validated
