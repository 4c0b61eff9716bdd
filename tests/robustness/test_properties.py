"""Generated programs: no syntactically valid module makes the facts pass or the rules raise.

Sources come from ``hypothesmith`` (CPython's grammar, so every example compiles). The "ci"
profile in conftest keeps this to a few seconds; ``--hypothesis-profile=long`` runs 10,000
examples per test (docs/robustness.md). The last test composes generated code with the fixable
shapes of ``tests/fixtures/fix`` and checks that ``--fix --unsafe-fixes`` output parses and that
fixing again changes nothing.
"""
from __future__ import annotations

import re
import sys
import tempfile
import textwrap
from pathlib import Path
from unittest import mock

import hypothesmith
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.fixlib import sdk_too_old
from support.paths import FIX_FIXTURES

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.facts import visitor as facts_mod
from llm_latency_lint.fixes import FixOptions, fix_paths, sdk_versions
from llm_latency_lint.syntax.parse import ParseFailure

MODULES = st.one_of(hypothesmith.from_grammar(), hypothesmith.from_node())

# The SDK call sits on a known line of a function only a schedule reaches; names are unusual so
# that generated code does not rebind them by accident.
TEMPLATE = (
    "from openai import OpenAI as _LlmFuzzOpenAI\n"
    "_llm_fuzz_client = _LlmFuzzOpenAI()\n"
    "\n"
    "def _llm_fuzz_nightly():  # llm-latency: scheduled\n"
    "{body}"
    "    return _llm_fuzz_client.chat.completions.create(model='m', messages=[])\n"
)


def compiles(source: str) -> bool:
    try:
        compile(source, "<generated>", "exec")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def encodable(source: str) -> bool:
    try:
        source.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates in a literal cannot be a file on disk
        return False
    return True


def scheduled_module(generated: str) -> str:
    """The generated code inside the scheduled function when it fits there, else before it."""
    inside = TEMPLATE.format(body=textwrap.indent(generated.rstrip("\n") + "\n", "    ") if generated.strip() else "")
    if generated.strip() and compiles(inside):
        return inside
    return generated.rstrip("\n") + "\n\n" + TEMPLATE.format(body="")


def run_on(text: str):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "gen.py").write_text(text, encoding="utf-8")
        return run([root], Config(), root=root)


def assert_no_internal_error(result) -> None:
    internal = [e.message for e in result.errors if e.message.startswith("internal error")]
    assert internal == [], internal
    assert all("\n" not in e.message for e in result.errors)


@given(MODULES)
def test_facts_pass_only_raises_parse_failure(source):
    try:
        facts = facts_mod.extract(source, "gen.py", "gen")
    except ParseFailure as exc:
        assert "\n" not in str(exc)
        return
    assert facts.path == "gen.py"


@given(MODULES.filter(encodable))
def test_whole_pipeline_never_raises(source):
    assert_no_internal_error(run_on("import openai\n" + source))


@given(MODULES.filter(encodable))
def test_sdk_call_in_scheduled_function_is_still_found(generated):
    text = scheduled_module(generated)
    assert compiles(text)
    line = re.split(r"\r\n|\r|\n", text).index("    return _llm_fuzz_client.chat.completions.create(model='m', messages=[])") + 1
    result = run_on(text)
    assert_no_internal_error(result)
    if result.errors:  # libcst or the nesting guard refused the file: reported, never raised
        assert [e.path for e in result.errors] == ["gen.py"]
        return
    assert ("LLM001", line) in [(f.code, f.line) for f in result.findings], result.findings


FIXABLE = {p.name: p.read_text() for p in sorted(FIX_FIXTURES.glob("*.py"))}
DEF_RUN = re.compile(r"^((async )?def run\(.*\n)", re.M)


def newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def with_generated(template: str, generated: str, where: str) -> str:
    """``generated`` before the fixable module, after it, or first in its scheduled ``run``."""
    code = generated.rstrip("\n") + "\n" if generated.strip() else ""
    if where == "inside" and code:
        inside = DEF_RUN.sub(lambda m: m.group(1) + textwrap.indent(code, "    "), template, count=1)
        if compiles(inside):
            return inside
    return template + "\n" + code if where == "after" else code + "\n" + template


# Each example runs the fixer twice over the whole pipeline: fewer of them in the short profile.
FIX_EXAMPLES = settings.default.max_examples if settings.default.max_examples >= 100 else 6


@settings(max_examples=FIX_EXAMPLES)
@given(MODULES.filter(encodable), st.sampled_from(sorted(FIXABLE)), st.sampled_from(["before", "inside", "after"]))
def test_fixes_on_generated_code_parse_and_are_idempotent(generated, fixture, where):
    text = with_generated(FIXABLE[fixture], generated, where)
    assert compiles(text)
    # The rewrite's text does not depend on the installed SDK (the fixed code is not run here):
    # with an SDK too old for a fix (Python 3.9), the templates are still rewritten.
    with tempfile.TemporaryDirectory() as tmp, mock.patch.object(sdk_versions, "installed_version", lambda dist: None):
        root = Path(tmp)
        target = root / "job.py"
        target.write_text(text, encoding="utf-8")
        first = fix_paths([root], Config(), FixOptions(unsafe=True), write=True, root=root)
        assert_no_internal_error(first.result)
        assert first.errors == [], first.errors  # e.g. "edits would leave the file unparsable"
        after = target.read_bytes().decode("utf-8")  # as written: read_text would turn CRLF into LF
        assert compiles(after), after
        # what was written is what the report says, up to the writer keeping the file's newline style
        assert newlines(after) == newlines(first.fixed.get("job.py", text))
        second = fix_paths([root], Config(), FixOptions(unsafe=True), write=True, root=root)
        assert second.fixed == {}, "fixing fixed code changes nothing"
        assert target.read_bytes().decode("utf-8") == after


def test_every_fixable_template_is_fixed_on_its_own(fixed_fixtures):
    """The property above only means something if the templates do get rewritten."""
    _, report = fixed_fixtures
    assert {name for name in FIXABLE if not sdk_too_old(name)} <= set(report.fixed)


def test_backslash_crlf_at_end_of_file_is_left_compilable():
    """Found by the property above: a line continuation followed by CRLF at the end of the file
    compiles up to Python 3.11 (3.12's tokenizer rejects it: unexpected EOF), the same with LF
    never does. Either way the file must come back byte for byte (libcst cannot parse it, so
    nothing is fixed); reading it back in text mode had turned CRLF into LF."""
    text = with_generated(FIXABLE["anthropic_async.py"], "\n\\\r\n", "after")
    assert text.endswith("\\\r\n")
    assert compiles(text) == (sys.version_info < (3, 12))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "job.py").write_bytes(text.encode())
        report = fix_paths([root], Config(), FixOptions(unsafe=True), write=True, root=root)
        assert report.fixed == {}
        assert report.errors == [] or not compiles(text)
        assert (root / "job.py").read_bytes() == text.encode()


def test_form_feed_before_a_fixable_module_keeps_fix_positions():
    """Found by the property above: ``str.splitlines`` breaks at a form feed, tokenizer lines do
    not, so line-level edits drifted by one and the fix was refused as unparsable."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "job.py").write_text("#\x0c\n" + FIXABLE["async_chat.py"])
        report = fix_paths([root], Config(), FixOptions(unsafe=True), write=True, root=root)
        assert report.errors == []
        written = (root / "job.py").read_text()
        assert written == report.fixed["job.py"] and compiles(written)
        assert written.startswith("#\x0c\n")


@pytest.mark.parametrize("fixture", ["anthropic_async.py", "chat_loop.py"])
def test_form_feed_indent_before_a_fixable_module(fixture):
    """Found by the long run: a first block indented by a form feed and a space makes libcst infer
    that as the module's default indent, which its import helper refuses (ValueError) and under
    which new nested blocks would not nest. The file's own block keeps its indent."""
    generated = "class A:\n\x0c pass\n"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        target = root / "job.py"
        target.write_text(generated + "\n" + FIXABLE[fixture], encoding="utf-8")
        report = fix_paths([root], Config(), FixOptions(unsafe=True), write=True, root=root)
        assert report.errors == []
        written = target.read_text(encoding="utf-8")
        assert "job.py" in report.fixed and compiles(written)
        assert generated in written  # the form-feed indent kept
        again = fix_paths([root], Config(), FixOptions(unsafe=True), write=True, root=root)
        assert again.fixed == {}


def test_lone_carriage_returns_before_a_fixable_module_keep_noqa_positions():
    """Found by the long run: ``tokenize`` over ``StringIO(text).readline`` splits lines at ``\\n``
    only, while the parser (and every edit) also breaks at a lone ``\\r``; the unused-noqa edits
    after the rewrite drifted by a line per ``\\r`` and the fix was refused as unparsable."""
    generated = "with 'x':\n pass\n" + "class A:\\\r \n pass\n" * 9
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        target = root / "job.py"
        target.write_text(generated + "\n" + FIXABLE["embed_list.py"], encoding="utf-8")
        report = fix_paths([root], Config(), FixOptions(unsafe=True), write=True, root=root)
        assert report.errors == []
        written = target.read_bytes().decode("utf-8")
        assert "job.py" in report.fixed and compiles(written) and generated in written
        assert fix_paths([root], Config(), FixOptions(unsafe=True), write=True, root=root).fixed == {}
