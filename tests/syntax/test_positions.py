"""``syntax.positions`` answers what libcst's ``PositionProvider`` answers, for every node kind the
facts pass asks about, on every fixture and on odd layouts (f-strings, non-ASCII text, decorators
apart from their ``@``, newer syntax), whether CPython's tree is used or not."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Dict, List, Tuple

import libcst as cst
import pytest
from support.paths import REPO

from llm_latency_lint.syntax import checked, parse
from llm_latency_lint.syntax.positions import Positions, full_positions
from llm_latency_lint.syntax.walk import walk

SOURCES = sorted([*REPO.glob("tests/fixtures/**/*.py"), *REPO.glob("fixtures/**/*.py"),
                  *REPO.glob("src/llm_latency_lint/**/*.py")])
KINDS = (cst.Call, cst.FunctionDef, cst.ClassDef, cst.If, cst.While, cst.For, cst.Decorator)
ODD = {
    "fstrings": 'x = f"{a(1)} and {b(f\'{c()}\')}" "tail" f"{d()}"\ny = (f"""\n{e(\n2)}""")\nz = g(f"{h()}")\n',
    "unicode": 's = "héllo wörld"; t = f(s, "ünï", g("€"))  # noqa: E501\nu = "日本"; v = w("語")\n',
    "decorators": "@a.b(1)\n@c\nclass K:\n    @property\n    def p(self): return q()\n",
    "decorator apart": "@ \\\n  dec\ndef f(): pass\n",
    "parenthesised": "x = ((f)(1))(2)\nwhile (y()):\n    if z(): pass\n    elif w(): pass\n",
    "comments": "# noqa: LLM001\nx = 1  # noqa: LLM001\n# llm-latency: scheduled\ndef f():  # noqa: LLM001\n    pass\n",
    # a comment's text also ending a line inside a string (then the file is tokenized), and
    # ``\r\n`` / ``\r`` line breaks (counted as ``tokenize`` counts them)
    "comment texts in strings": 'a = 1  # noqa\ns = """\n# noqa\n"""\nb = f()  # noqa\n',
    "comment line breaks": "a = 1  # noqa: LLM001\r\nb = 2\r# noqa: LLM001\r\n\nc = f()  # noqa: LLM001",
    # one comment's text ending another's, a string's text ending a line at a
    # comment, form feeds (no line break)
    "comment texts ending others": 's = f("# a")  # noqa\nt = 1  # a")  # noqa\n# x # noqa\n\x0c# noqa\x0c\n',
    "tabs": "if x:\n\ty = f(\t1)\n",
    "loops": ("for a in f(\n  x):\n    g(a)\nelse:\n    h()\nasync def k():\n    async  for b in m():\n        pass\n"
              "    for (c) in [n(d) for d in e]: o(c)\n"),
    "newer syntax": "def f[T](x: T) -> T:\n    return g(x)\ntype X = list[int]\n",
    "match": ("def f(p):\n    match g(\n        p):\n        case 1:\n            run(\n                self.create,\n"
              "                f\"\"\"{h(\n1)}\"\"\",\n            )\n"),
}
# Calls whose arguments facts place (``Positions.span_in``: a method handed to a runner).
HANDED = ("run(\n    client.chat.completions.create,\n    partial(\n        client.embeddings.create, x),\n)\n"
          "def f():\n    if x:\n        pool.submit(\n            self.llm.invoke,\n            y)\n")


def _nodes(module: cst.Module) -> Tuple[List[cst.CSTNode], List[cst.Comment]]:
    found: List[cst.CSTNode] = []
    comments: List[cst.Comment] = []

    class Collect:
        def __getattr__(self, name: str):
            if name == "visit_Comment":
                return comments.append
            if name.startswith("visit_") and name[6:] in {k.__name__ for k in KINDS}:
                return found.append
            raise AttributeError(name)

    walk(module, Collect())
    return found, comments


def _compare(text: str) -> int:
    try:
        parse.check_python(text)
    except parse.ParseFailure:
        return 0
    module = parse.parse_module(text, checked=True)
    fast = Positions(module, text, checked.checked_tree(text))
    full = full_positions(module)
    nodes, comments = _nodes(module)
    for node in nodes:
        pos = full[node]
        if isinstance(node, cst.Call):
            assert fast.span(node) == (pos.start.line, pos.start.column, pos.end.line, pos.end.column), module.code_for_node(node)
            for inner, call in _handed(node):
                where = full[inner]
                assert fast.span_in(inner, call) == (where.start.line, where.start.column, where.end.line,
                                                     where.end.column), module.code_for_node(inner)
        else:
            assert fast.line(node) == pos.start.line, module.code_for_node(node)
    seen: Dict[str, int] = {}
    lines = fast.comment_lines(Counter(comment.value for comment in comments))
    for comment in comments:
        nth = seen.get(comment.value, 0)
        seen[comment.value] = nth + 1
        assert fast.comment_line(comment, nth, lines.get(comment.value, ())) == full[comment].start.line, comment.value
    return len(nodes)


def _handed(call: cst.Call) -> List[Tuple[cst.CSTNode, cst.Call]]:
    """Each argument of ``call`` with ``call``, and a nested call's first argument with that call."""
    found: List[Tuple[cst.CSTNode, cst.Call]] = []
    for arg in call.args:
        found.append((arg.value, call))
        if isinstance(arg.value, cst.Call) and arg.value.args:
            found.append((arg.value.args[0].value, arg.value))
    return found


def test_handed_methods_are_placed_without_the_whole_module() -> None:
    # ``match`` needs Python 3.10's parser for the CPython tree the fast positions start from
    for text in (HANDED, ODD["match"]) if sys.version_info >= (3, 10) else (HANDED,):
        parse.check_python(text)
        module = parse.parse_module(text, checked=True)
        fast = Positions(module, text, checked.checked_tree(text))
        full = full_positions(module)
        calls = [node for node in _nodes(module)[0] if isinstance(node, cst.Call)]
        pairs = [pair for call in calls for pair in _handed(call) if isinstance(pair[0], cst.Attribute)]
        assert pairs
        for inner, call in pairs:
            where = full[inner]
            assert fast.span_in(inner, call) == (where.start.line, where.start.column, where.end.line, where.end.column)
        assert fast._full is None  # no PositionProvider pass for them


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(Path(p).relative_to(REPO)))
def test_fixture_positions_match_libcst(path: Path) -> None:
    _compare(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_layouts_match_libcst(name: str) -> None:
    assert _compare(ODD[name]) > 0


def test_cpython_tree_is_used_for_plain_code() -> None:
    text = "import os\n\ndef f(x):\n    return os.path.join(x, g(1))\n"
    parse.check_python(text)
    module = parse.parse_module(text, checked=True)
    fast = Positions(module, text, checked.checked_tree(text))
    assert fast._full is None  # no PositionProvider pass
    call = module.body[1].body.body[0].body[0].value
    assert fast.span(call) == (4, 11, 4, 32)


def test_checked_tree_is_only_for_the_same_text() -> None:
    text = "x = f()\n"
    parse.check_python(text)
    assert checked.checked_tree(text) is not None
    assert checked.checked_tree("".join(["x = f()", "\n"])) is None


def test_for_loops_are_placed_from_the_cpython_tree() -> None:
    # a recogniser asking a ``for`` loop's line (a Kafka consumer's loop) regenerated the whole
    # module's code for it: a tenth of a second per file
    text = "def f(xs):\n    for x in xs:\n        g(x)\n\nasync def h(ys):\n    async for y in ys:\n        pass\n"
    parse.check_python(text)
    module = parse.parse_module(text, checked=True)
    fast = Positions(module, text, checked.checked_tree(text))
    loops = [node for node in _nodes(module)[0] if isinstance(node, cst.For)]
    assert [fast.line(loop) for loop in loops] == [2, 6]
    assert fast._full is None  # no PositionProvider pass
