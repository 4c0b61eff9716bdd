"""``cst_walk.walk`` visits what libcst's visitor visits, in the same order, and its order table
matches the installed libcst."""
from __future__ import annotations

import importlib.util

import libcst as cst
import pytest
from support.paths import REPO

from llm_latency_lint.syntax import walk as cst_walk

ROOT = REPO
SOURCES = sorted([*ROOT.glob("tests/fixtures/projects/**/*.py"), *ROOT.glob("fixtures/**/*.py"), *ROOT.glob("src/llm_latency_lint/**/*.py")])
ODD = '''
async def f(a, /, b: int = 1, *args, c, d=2, **kw) -> "T":  # comment
    @dec(x)
    class C(Base, metaclass=M):
        x: int = (yield)
    match p:
        case Point(x=0, y=yy) if yy > 0:
            pass
    try:
        y = lambda q, *r: q if r else -q
    except* (E1, E2) as e:
        del e
    else:
        z = [i for i in range(3) if i] + {k: v async for k, v in g()}
    finally:
        w = f"{a!r:>{b}}" "tail" + t"x"[1:2:3]
    with open(a) as h, b:
        global G
    for i, j in enumerate(s):
        i += 1; continue
    while not x: break
    return await a, *b
'''


class Recorder:
    def __init__(self) -> None:
        self.events = []

    def __getattr__(self, name: str):
        if name.startswith(("visit_", "leave_")):
            return lambda node: self.events.append((name, id(node))) or (False if name == "visit_Lambda" else None)
        raise AttributeError(name)


class LibcstRecorder(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.events = []

    def on_visit(self, node):
        self.events.append((f"visit_{type(node).__name__}", id(node)))
        return not isinstance(node, cst.Lambda)

    def on_leave(self, original_node):
        self.events.append((f"leave_{type(original_node).__name__}", id(original_node)))


def _texts():
    yield "odd", ODD
    for path in SOURCES:
        yield str(path.relative_to(ROOT)), path.read_text()


def _parse(text: str):
    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError:
        return cst.parse_module(text.replace(' + t"x"', ""))  # template strings need Python 3.14 grammar


@pytest.mark.skipif(not cst_walk.TABLE_MATCHES, reason="order table is for another libcst version")
@pytest.mark.parametrize("name,text", list(_texts()), ids=lambda v: v if len(v) < 60 else "")
def test_walk_matches_libcst_visit_order(name, text):
    module = _parse(text)
    ours, theirs = Recorder(), LibcstRecorder()
    cst_walk.walk(module, ours)
    module.visit(theirs)
    assert ours.events == theirs.events


def test_order_table_matches_installed_libcst():
    spec = importlib.util.spec_from_file_location("gen_cst_order", ROOT / "scripts" / "gen_cst_order.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    if not cst_walk.TABLE_MATCHES:
        pytest.skip("order table is for another libcst version: run scripts/gen_cst_order.py")
    assert (ROOT / "src" / "llm_latency_lint" / "syntax" / "order.py").read_text() == gen.render()


def test_skipping_layout_still_sees_every_statement():
    module = _parse(ODD)
    ours, theirs = Recorder(), LibcstRecorder()
    cst_walk.walk(module, ours, layout=False)
    module.visit(theirs)
    layout = {"visit_SimpleWhitespace", "visit_Comment", "visit_EmptyLine", "visit_TrailingWhitespace", "visit_Newline",
              "visit_Comma", "visit_LeftParen", "visit_RightParen", "visit_AssignEqual", "visit_Dot", "visit_Colon",
              "visit_ParenthesizedWhitespace", "visit_Semicolon"}
    code = [e for e in theirs.events if e[0].startswith("visit_") and not e[0].endswith("Bracket") and not e[0].endswith("Brace")]
    kept = [e for e in ours.events if e[0].startswith("visit_")]
    assert [e for e in code if e[0] not in layout] == [e for e in kept if e[0] not in layout]


class SomeHandlers:
    """Handlers for a few node types only, as the facts visitor has: the walk passes over the
    field-less nodes nothing handles and stacks leaves only where a ``leave_`` exists."""

    HANDLED = ("visit_Comment", "visit_Call", "leave_FunctionDef", "visit_FunctionDef", "leave_ClassDef",
               "visit_Lambda")

    def __init__(self) -> None:
        self.events = []

    def __getattr__(self, name: str):
        if name in self.HANDLED:
            return lambda node: self.events.append((name, id(node))) or (False if name == "visit_Lambda" else None)
        raise AttributeError(name)


@pytest.mark.skipif(not cst_walk.TABLE_MATCHES, reason="order table is for another libcst version")
@pytest.mark.parametrize("name,text", list(_texts())[:40], ids=lambda v: v if len(v) < 60 else "")
def test_a_visitor_with_some_handlers_sees_libcst_calls_in_order(name, text):
    module = _parse(text)
    ours, theirs = SomeHandlers(), LibcstRecorder()
    cst_walk.walk(module, ours)
    module.visit(theirs)
    assert ours.events == [event for event in theirs.events if event[0] in SomeHandlers.HANDLED]
    assert any(event[0] == "visit_Comment" for event in ours.events) == any(
        event[0] == "visit_Comment" for event in theirs.events)


def test_libcsts_own_no_op_handlers_are_not_called() -> None:
    """A ``CSTVisitor`` subclass inherits a no-op for every node type: the walk treats those as
    absent (no call, no leave stacked), and calls what the subclass defines."""
    import libcst as cst

    from llm_latency_lint.syntax import walk as walk_module

    class Names(cst.CSTVisitor):
        def __init__(self) -> None:
            super().__init__()
            self.seen: list = []

        def visit_Name(self, node: cst.Name) -> None:
            self.seen.append(node.value)

    visitor = Names()
    assert walk_module._handler(visitor, "visit_Comma") is None
    assert walk_module._handler(visitor, "leave_Name") is None
    assert walk_module._handler(visitor, "visit_Name") is not None
    walk_module.walk(cst.parse_module("f(a, b)\n"), visitor)
    assert visitor.seen == ["f", "a", "b"]


@pytest.mark.parametrize("kind", [cst.Call, cst.Assign, cst.Name])
def test_nodes_of_finds_what_libcst_finds_in_order(kind):
    """``nodes_of`` (the walk with one handler) gives every node of a type, nested ones too, in
    the order libcst's own visit reaches them, on the table and on libcst's fallback alike."""
    module = _parse("x = f(g(1), h=k(2))\nclass C:\n    y = [m(i) for i in range(3)]\n    def f(self):\n        z = self.n(lambda: o())\n")
    theirs: list = []

    class Gather(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if isinstance(node, kind):
                theirs.append(node)
            return True

    module.visit(Gather())
    found = cst_walk.nodes_of(module, kind)
    assert found and [id(n) for n in found] == [id(n) for n in theirs]
    assert all(type(n) is kind for n in found)


@pytest.mark.skipif(not cst_walk.TABLE_MATCHES, reason="order table is for another libcst version")
@pytest.mark.parametrize("name,text", list(_texts())[:40], ids=lambda v: v if len(v) < 60 else "")
def test_nodes_of_and_children_agree_with_libcst_on_real_sources(name, text):
    """``nodes_of`` (its own loop over the per-type field readers, no visitor) gives what libcst's
    visit reaches, in its order; ``children`` gives ``node.children`` without layout nodes."""
    module = _parse(text)
    kinds = (cst.Call, cst.For, cst.Assign, cst.Name, cst.FunctionDef, cst.SimpleString)
    theirs: dict = {kind: [] for kind in kinds}

    class Gather(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if type(node) in theirs:
                theirs[type(node)].append(node)
            return True

    module.visit(Gather())
    for kind in kinds:
        assert [id(n) for n in cst_walk.nodes_of(module, kind)] == [id(n) for n in theirs[kind]]
    for node in [module, *theirs[cst.Call][:50], *theirs[cst.FunctionDef][:20], *theirs[cst.For][:20]]:
        expected = [c for c in node.children if type(c).__name__ not in cst_walk._LAYOUT_NODES]
        assert [id(c) for c in cst_walk.children(node)] == [id(c) for c in expected]
