"""A third-party LLM helper declared under ``wrappers`` is a call site where the project calls it."""
from __future__ import annotations

from llm_latency_lint.config import Config, Wrapper
from llm_latency_lint.engine import run

APP = (
    "import click\nfrom wordmill.llm import llm_client\n\n"
    "def summarize(text):\n    return llm_client.summarize(text, prompt='p')\n\n"
    "@click.command()\ndef cli():\n    summarize('x')\n"
)


def test_a_third_party_helper_is_a_site_only_when_declared(tmp_path):
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    assert run([tmp_path], Config(), root=tmp_path).sites == []
    config = Config(wrappers=[Wrapper(function="wordmill.llm.llm_client.summarize", provider="openai",
                                      operation="chat.completions.create")])
    result = run([tmp_path], config, root=tmp_path)
    assert [(s.resolved.site.line, s.resolved.match.provider.id) for s in result.sites] == [(5, "openai")]
    assert not [e for e in result.errors if "wrappers" in e.message]


def test_a_third_party_wrapper_of_a_module_nobody_imports_is_reported(tmp_path):
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    config = Config(wrappers=[Wrapper(function="wordmil.llm.llm_client.summarize")])
    result = run([tmp_path], config, root=tmp_path)
    assert result.sites == []
    assert [e.message for e in result.errors if "wrappers" in e.message] == [
        "[tool.llm-latency-lint] wrappers: 'wordmil.llm.llm_client.summarize' names no function in the scanned "
        "code (give the qualified name, e.g. pkg.module.Class.method)"
    ]
