"""``ctx.imports(root)`` answers from a set of prefixes: the same as scanning the imports, and
up to date after every import statement (one inside a function too)."""
from __future__ import annotations

from typing import List

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Recognizer
from llm_latency_lint.facts.visitor import FactsVisitor
from llm_latency_lint.syntax.parse import parse_module
from llm_latency_lint.syntax.walk import walk

ROOTS = ("os", "os.path", "google", "google.genai", "google.genai.types", "openai", "pkg", "pkg.sub",
         "pkg.sub.deep", "a.b", "a", "", "g")
TEXT = (
    "import os.path\nf()\nfrom google.genai import types as t\nf()\nimport openai as oa\nf()\n"
    "from . import sub\nf()\nfrom .sub.deep import *\nf()\n"
    "def run():\n    import g\n    f()\n"
)


class _Probe(Recognizer):
    """Asks ``ctx.imports`` about every root at each call, and scans the imports itself."""

    def __init__(self) -> None:
        self.answers: List[tuple] = []

    def on_call(self, ctx, node, callee):  # type: ignore[no-untyped-def, override]
        values = ctx.facts.imports.values()
        scanned = tuple(any(q == r or q.startswith(r + ".") for q in values) for r in ROOTS)
        self.answers.append((tuple(ctx.imports(r) for r in ROOTS), scanned))


def test_imports_answers_as_a_scan_after_every_import() -> None:
    probe = _Probe()
    module = parse_module(TEXT)
    visitor = FactsVisitor(cst.MetadataWrapper(module, unsafe_skip_copy=True), "pkg/m.py", "pkg.m", False, [probe])
    walk(module, visitor)
    assert len(probe.answers) == 6
    for asked, scanned in probe.answers:
        assert asked == scanned
    assert [a[ROOTS.index("g")] for a, _ in probe.answers] == [False] * 5 + [True]
    assert [a[ROOTS.index("google.genai.types")] for a, _ in probe.answers] == [False, True, True, True, True, True]


def test_a_star_import_counts_from_where_it_is() -> None:
    from llm_latency_lint.facts.visitor import extract

    facts = extract("x = foo\nfrom pkg.helpers import *\ny = foo\nfrom other import *\nz = foo\n", "m.py", "m")
    assert facts.globals["m.x"] == [["unknown", "foo"]]
    assert facts.globals["m.y"] == [["name", "pkg.helpers.foo"]]
    assert facts.globals["m.z"] == [["many", [["name", "pkg.helpers.foo"], ["name", "other.foo"]]]]
