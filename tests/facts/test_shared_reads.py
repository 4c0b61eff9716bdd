"""Reads the facts pass shares or skips (cold-run speed) give the facts the separate reads gave:
the file's binding counts are made once for its keyed dicts and both kinds of false flag, and the
URL text of a call's arguments is read only where ``url_params`` can join it (a callee defined in
the file)."""
from __future__ import annotations

import libcst as cst

from llm_latency_lint.facts import constant_flags, routes
from llm_latency_lint.facts.constant_flags import FileBindings
from llm_latency_lint.facts.visitor import _extract, extract
from llm_latency_lint.model import Request

FLAGS = """\
VERBOSE = False
TABLE = {"a": run_a, "b": run_b}


def summarize(kind, text):
    dry = False
    if VERBOSE:
        print(text)
    if dry:
        return None
    return TABLE[kind](text)
"""


def test_one_count_of_bindings_serves_dicts_and_both_flags(monkeypatch):
    counted = []
    real = constant_flags.bound_counts
    monkeypatch.setattr(constant_flags, "bound_counts", lambda node: counted.append(node) or real(node))
    module = cst.parse_module(FLAGS)
    bindings = FileBindings(module, FLAGS)
    assert set(bindings.module_flags()) == {"VERBOSE"}
    assert list(bindings.false_flags()) == ["dry"]
    assert bindings.module_flags()["VERBOSE"].body[0].value.value == "False"
    assert sum(node is module for node in counted) == 1  # one count serves both kinds of flag
    facts = extract(FLAGS, "app/mod.py", "app.mod")
    assert [b.flag for b in facts.flag_branches] == ["VERBOSE"]
    assert facts.functions["app.mod.summarize"].lookups  # the keyed dict read with the shared counts


def test_no_flags_without_a_false_binding_a_test_reads():
    module = cst.parse_module("x = 1\nif x:\n    pass\n")
    assert FileBindings(module, "x = 1\nif x:\n    pass\n").module_flags() == {}


PASSED = """\
import requests
from helpers import post_json


def invoke(url, payload):
    return requests.post(url, json=payload)


def job():
    print("https://example.com/not-a-request")
    post_json("https://example.com/imported", {})
    invoke("https://hooks.example.com/ingest", {})
"""


def test_passed_urls_are_read_only_for_callees_of_the_file(monkeypatch):
    read = []
    real = routes.RoutesMixin.request_url
    monkeypatch.setattr(routes.RoutesMixin, "request_url",
                        lambda self, node: read.append(real(self, node)) or read[-1])
    facts = extract(PASSED, "app/jobs.py", "app.jobs")
    assert Request("app.jobs.job", "POST", "https://hooks.example.com/ingest", 12) in facts.requests
    assert "https://example.com/not-a-request" not in read and "https://example.com/imported" not in read


class _CountedText(str):
    """A source text that counts the searches run over the whole of it."""

    searches = 0

    def find(self, *args, **kwargs):  # type: ignore[override]
        type(self).searches += 1
        return super().find(*args, **kwargs)

    def count(self, *args, **kwargs):  # type: ignore[override]
        type(self).searches += 1
        return super().count(*args, **kwargs)


def _searches(comments: int) -> int:
    text = "".join(f"X{i} = {i}  # noqa: E501\n" for i in range(comments))
    _CountedText.searches = 0
    facts = _extract(_CountedText(text), "app/consts.py", "app.consts", False, frozenset())
    assert sorted(facts.noqa) == list(range(1, comments + 1))
    return _CountedText.searches


def test_comments_sharing_a_text_are_placed_without_a_search_each():
    # one scan of the source for all of them: searching the whole text once per comment, a file with
    # the same noqa comment on each of its 8,000 lines ran past the 30 s file budget (site lost)
    assert _searches(400) == _searches(20)
