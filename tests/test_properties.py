"""Generated programs: no syntactically valid module makes the facts pass or the rules raise.

Sources come from ``hypothesmith`` (CPython's grammar, so every example compiles). The "ci"
profile in conftest keeps this to a few seconds; ``--hypothesis-profile=long`` runs 10,000
examples per test (docs/robustness.md).
"""
from __future__ import annotations

import re
import tempfile
import textwrap
from pathlib import Path

import hypothesmith
from hypothesis import given
from hypothesis import strategies as st

from llm_latency_lint import facts as facts_mod
from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.parsing import ParseFailure

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
