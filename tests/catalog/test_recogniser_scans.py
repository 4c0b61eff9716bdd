"""The recognisers' own scans of a file answer as the whole-module rescans they replaced
(branch ``perf19``): a call's enclosing ``for`` loops, a loop function's callers by name with
their function's locals, a script head's schedule hint, literal values by node type."""
from __future__ import annotations

from textwrap import dedent
from typing import List

import libcst as cst
import pytest

from llm_latency_lint.catalog.sources import script_docs
from llm_latency_lint.catalog.triggers import loop_callers, script_runners
from llm_latency_lint.syntax.literals import literal
from llm_latency_lint.syntax.walk import nodes_of

SOURCE = dedent('''
    import subprocess, time
    STEPS = [("a.b", 1), ("c.d", 2)]
    for module, _ in STEPS:
        for extra in ["x", "y"]:
            subprocess.run(["python", "-m", f"{module}"])
        else:
            run(f"{extra}")
    def watch(poll_seconds, limit=3):
        while True:
            time.sleep(poll_seconds)
    def main():
        period = 600
        watch(period)
        obj.watch(poll_seconds=5)
        def inner():
            every = 30
            watch(every, limit=1)
        for i in range(3):
            watch(i)
    watch(7)
''')


def _old_enclosing_loops(tree: cst.Module, node: cst.CSTNode) -> List[cst.For]:
    """The libcst visitor ``script_runners`` used before: every ``for`` being visited when ``node`` is."""
    found: List[cst.For] = []

    class Finder(cst.CSTVisitor):
        def __init__(self) -> None:
            self.stack: List[cst.For] = []

        def visit_For(self, loop: cst.For) -> None:
            self.stack.append(loop)

        def leave_For(self, loop: cst.For) -> None:
            self.stack.pop()

        def on_visit(self, visited: cst.CSTNode) -> bool:
            if visited is node:
                found.extend(reversed(self.stack))
                return False
            return not found and super().on_visit(visited)

    tree.visit(Finder())
    return found


def test_enclosing_loops_are_the_libcst_visitors_innermost_first():
    tree = cst.parse_module(SOURCE)
    calls = nodes_of(tree, cst.Call)
    assert any(len(script_runners._enclosing_loops(tree, call)) == 2 for call in calls)
    for call in calls:
        assert [id(n) for n in script_runners._enclosing_loops(tree, call)] == \
            [id(n) for n in _old_enclosing_loops(tree, call)]


def _old_scoped_calls(tree: cst.Module):
    """Every call of the file with its function's locals, as ``loop_callers.scoped_calls`` listed them."""
    found = []
    stack = [(tree, {})]
    while stack:
        node, bound = stack.pop()
        if isinstance(node, cst.FunctionDef):
            bound = loop_callers._assigned(node.body)
        elif isinstance(node, cst.Call):
            found.append((node, bound))
        stack.extend((child, bound) for child in loop_callers.children(node))
    return found


def _values(bound):
    """Each local's values by identity; the placeholders ``_assigned`` makes for a name bound
    otherwise (``for i in``) are new objects each time: by type."""
    return {k: [("...", None) if type(v) is cst.Ellipsis else ("", id(v)) for v in vs] for k, vs in bound.items()}


@pytest.mark.parametrize("name", ["watch", "sleep", "run", "range", "absent"])
def test_calls_by_name_are_the_whole_file_list_filtered_in_order(name):
    """``ScopedCalls.of`` indexes the calls by the name they call: the same calls, in the same
    order, with the same locals, as filtering the whole file's list for each parameter did."""
    tree = cst.parse_module(SOURCE)
    wanted = [(call, bound) for call, bound in _old_scoped_calls(tree)
              if (isinstance(call.func, cst.Attribute) and call.func.attr.value == name)
              or (isinstance(call.func, cst.Name) and call.func.value == name)]
    got = loop_callers.ScopedCalls(tree).of(name)
    assert [id(call) for call, _ in got] == [id(call) for call, _ in wanted]
    assert [_values(bound) for _, bound in got] == [_values(bound) for _, bound in wanted]
    assert name != "watch" or len(got) == 5


@pytest.mark.parametrize("head", ["Runs daily via CRON", "a Timer", "nothing here", "ſchedule (long s)",
                                  "Ｃron", "systemd unit", "LaunchD agent", "Ünïcode but SCHTASKS"])
def test_the_schedule_hint_answers_as_its_case_insensitive_regex(head):
    assert script_docs._hinted(head) == (script_docs._HINT.search(head) is not None)


@pytest.mark.parametrize("code,value", [
    ('"a"', "a"), ('b"x"', "x"), ('"a" "b"', "ab"), ("12", 12), ("0x1F", None), ("0", 0), ("1.5", 1.5),
    ("True", True), ("None", None), ("-3", -3), ("-x", None), ("[1, 'a', *b]", [1, "a"]), ("(1,)", [1]),
    ("{1}", [1]), ("f(x)", None), ("name", None),
])
def test_literal_values_by_node_type(code, value):
    assert literal(cst.parse_expression(code)) == value
