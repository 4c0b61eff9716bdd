"""The TypeScript reader on odd input: no crash, and answers that stay sensible."""
from __future__ import annotations

from llm_latency_lint.catalog.sources import _js


def test_lines_counted_from_the_precomputed_breaks():
    text = "a\nb\nc"
    assert [_js.line_at(text, i) for i in (0, 1, 2, 4)] == [1, 1, 2, 3]


def test_a_regex_literal_before_a_call_leaves_its_arguments_readable():
    text = 'const r = /a(b/g; f(1, "x")'
    assert _js.arguments(text, text.index("f(") + 1) == ["1", '"x"']


def test_a_regex_literal_with_a_bracket_inside_the_call_does_not_crash():
    text = "f(/a(b/, 2); g(3)"
    _js.arguments(text, 1)  # any answer, no exception


def test_an_unclosed_template_string_reads_no_arguments():
    text = "f(`abc ${x"
    assert _js.arguments(text, 1) is None
    assert _js.strip_comments(text) == text


def test_unbalanced_brackets_read_no_arguments():
    assert _js.arguments("f(a, [b, (c), d", 1) is None
    assert _js.object_props("{ a: 1, b") == {}


def test_cached_arguments_are_copies():
    text = "f(a, b)"
    _js.arguments(text, 1).append("c")
    assert _js.arguments(text, 1) == ["a", "b"]
