"""One generated helper module per package: fixed modules import their batch helper from it.

Created with a docstring and a format marker, extended (never rewritten) by a later fix, never
written over a file of the project's own; the fixed code runs against the fake OpenAI server
through it, and Ruff's F and I rules find nothing new in the fixed package.
"""
from __future__ import annotations

import asyncio
import importlib
import shutil
import sys
import time

import pytest
from support.fakes import openai_api
from support.fakes.server import FakeServer
from support.fixlib import ruff, write_project

from llm_latency_lint.config import ConfigError, parse
from llm_latency_lint.fixes import FixOptions, fix_paths
from llm_latency_lint.fixes.helper_module import MARKER

OPENAI_JOB = '''\
"""Weekly numbers, written up once."""
from typing import List

import openai

client = openai.OpenAI(max_retries=0)


def run(subject: str, rows: List[str]) -> str:  # llm-latency: scheduled
    response = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": subject}])
    text = (response.choices[0].message.content or "").strip()
    rows.append(text)
    return text
'''

EMBED_JOB = '''\
from openai import OpenAI

client = OpenAI()


def embed_all(texts):  # llm-latency: scheduled
    out = []
    for text in texts:
        out.append(client.embeddings.create(model="text-embedding-3-small", input=text).data[0].embedding)
    return out
'''

CLAUDE_JOB = '''\
import anthropic

claude = anthropic.Anthropic()


def digest(rows):  # llm-latency: scheduled
    message = claude.messages.create(model="claude-haiku-4-5", max_tokens=100, messages=[{"role": "user", "content": rows}])
    return message.content[0].text
'''


def _fix(root, config=None, write=True):
    return fix_paths([root], parse(config or {}, "test"), FixOptions(unsafe=True), write=write)


def test_two_fixed_modules_import_one_helper_module(tmp_path):
    write_project(tmp_path, {"app/__init__.py": "", "app/jobs/__init__.py": "", "app/jobs/weekly.py": OPENAI_JOB,
                             "app/embed.py": EMBED_JOB})
    report = _fix(tmp_path)
    assert sorted(report.fixed) == ["app/_llm_batch.py", "app/embed.py", "app/jobs/weekly.py"]
    assert report.created == {"app/_llm_batch.py"}
    helper = (tmp_path / "app/_llm_batch.py").read_text(encoding="utf-8")
    assert helper.startswith('"""Batch helpers for LLM calls that ``llm-latency-lint check --fix`` moved')
    assert MARKER in helper
    assert helper.count("def _openai_batch(") == 1 and helper.count("def _batch_spans(") == 1
    for path in ("app/embed.py", "app/jobs/weekly.py"):
        fixed = (tmp_path / path).read_text(encoding="utf-8")
        assert "from app._llm_batch import _openai_batch\n" in fixed
        assert "def _openai_batch(" not in fixed and "_batch_spans" not in fixed and "import json" not in fixed
    compile(helper, "_llm_batch.py", "exec")


def test_a_second_fix_reuses_the_module_and_adds_only_what_it_lacks(tmp_path):
    write_project(tmp_path, {"app/__init__.py": "", "app/weekly.py": OPENAI_JOB})
    _fix(tmp_path)
    first = (tmp_path / "app/_llm_batch.py").read_text(encoding="utf-8")
    write_project(tmp_path, {"app/embed.py": EMBED_JOB})
    report = _fix(tmp_path)
    assert sorted(report.fixed) == ["app/embed.py"]  # the OpenAI helper is there already
    assert (tmp_path / "app/_llm_batch.py").read_text(encoding="utf-8") == first
    write_project(tmp_path, {"app/sla.py": CLAUDE_JOB})
    report = _fix(tmp_path)
    assert sorted(report.fixed) == ["app/_llm_batch.py", "app/sla.py"] and not report.created
    second = (tmp_path / "app/_llm_batch.py").read_text(encoding="utf-8")
    assert second.count("def _openai_batch(") == 1 and second.count("def _anthropic_batch(") == 1
    assert second.count("def _batch_spans(") == 1 and MARKER in second
    assert "from app._llm_batch import _anthropic_batch\n" in (tmp_path / "app/sla.py").read_text(encoding="utf-8")
    assert _fix(tmp_path).fixed == {}  # idempotent


def test_the_diff_shows_the_new_module_and_writes_nothing(tmp_path):
    write_project(tmp_path, {"app/__init__.py": "", "app/weekly.py": OPENAI_JOB})
    report = _fix(tmp_path, write=False)
    diff = report.diff()
    assert diff.startswith("--- /dev/null\n+++ b/app/_llm_batch.py\n@@ -0,0 +1,")
    assert "--- a/app/weekly.py\n+++ b/app/weekly.py\n" in diff
    assert not (tmp_path / "app/_llm_batch.py").exists()


def test_a_file_of_the_projects_own_at_that_path_is_never_touched(tmp_path):
    write_project(tmp_path, {"app/__init__.py": "", "app/weekly.py": OPENAI_JOB, "app/_llm_batch.py": "X = 1\n"})
    report = _fix(tmp_path)
    assert report.fixed == {}
    assert (tmp_path / "app/_llm_batch.py").read_text(encoding="utf-8") == "X = 1\n"
    refusal = next(o.reason for o in report.outcomes if o.status == "skipped")
    assert refusal.startswith("app/_llm_batch.py exists and was not written by llm-latency-lint")


def test_a_configured_path_and_inline(tmp_path):
    write_project(tmp_path, {"app/__init__.py": "", "app/support/__init__.py": "", "app/weekly.py": OPENAI_JOB})
    report = _fix(tmp_path, {"fix-helper-module": "app/support/batching.py"}, write=False)
    assert sorted(report.fixed) == ["app/support/batching.py", "app/weekly.py"]
    assert "from app.support.batching import _openai_batch\n" in report.fixed["app/weekly.py"]
    report = _fix(tmp_path, {"fix-helper-module": "inline"}, write=False)
    assert sorted(report.fixed) == ["app/weekly.py"] and "def _openai_batch(" in report.fixed["app/weekly.py"]


@pytest.mark.parametrize("value", ["/abs/x.py", "../x.py", "app/x.txt", "app/my-helpers.py", 3])
def test_the_config_key_is_validated(value):
    with pytest.raises(ConfigError, match="fix-helper-module"):
        parse({"fix-helper-module": value}, "test")


def test_fixed_package_passes_ruff_f_and_i_as_before(tmp_path):
    files = {"app/__init__.py": "", "app/weekly.py": OPENAI_JOB, "app/embed.py": EMBED_JOB, "app/sla.py": CLAUDE_JOB,
             "scripts/one_off.py": OPENAI_JOB}
    write_project(tmp_path, files)
    before = ruff(tmp_path, "--select", "F,I", "--output-format", "concise", ".")
    _fix(tmp_path)
    assert (tmp_path / "scripts/_llm_batch.py").is_file()  # a script outside packages: beside it
    after = ruff(tmp_path, "--select", "F,I", "--output-format", "concise", ".")
    assert before.returncode == 0, before.stdout
    assert after.returncode == 0, after.stdout


def test_fixed_code_runs_through_the_helper_module(tmp_path, monkeypatch):
    project, original = tmp_path / "project", tmp_path / "original"
    write_project(project, {"helpapp/__init__.py": "", "helpapp/weekly.py": OPENAI_JOB})
    shutil.copytree(project / "helpapp", original / "helpapp")
    _fix(project)
    sleeps = []

    async def asleep(seconds):
        sleeps.append(seconds)

    monkeypatch.setattr(time, "sleep", sleeps.append)
    monkeypatch.setattr(asyncio, "sleep", asleep)
    with FakeServer([openai_api.routes]) as fake:
        monkeypatch.setenv("OPENAI_BASE_URL", f"{fake.url}/v1")
        monkeypatch.setenv("OPENAI_API_KEY", "test")
        results = []
        for folder in (original, project):
            monkeypatch.syspath_prepend(str(folder))
            for name in [m for m in sys.modules if m == "helpapp" or m.startswith("helpapp.")]:
                monkeypatch.delitem(sys.modules, name)
            module = importlib.import_module("helpapp.weekly")
            rows = []
            results.append((module.run("weekly numbers", rows), rows))
        assert results[0] == results[1]
        assert fake.count("POST", "/chat/completions") == 1  # the original's; the fixed one batched
        assert fake.count("POST", "/batches") == 1 and sleeps and all(s == 30.0 for s in sleeps)
        assert sys.modules["helpapp._llm_batch"].__file__ == str(project / "helpapp" / "_llm_batch.py")


SCRIPT = '''\
"""Embed everything once; run as ``python scripts/embed.py``."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openai import OpenAI  # noqa: E402

from app.texts import load_texts  # noqa: E402

client = OpenAI()


def main():  # llm-latency: scheduled
    out = []
    for text in load_texts():
        out.append(client.embeddings.create(model="text-embedding-3-small", input=text).data[0].embedding)
    return out
'''


def test_a_script_importing_the_project_package_uses_that_packages_helper_module(tmp_path):
    """One helper module for the project: the script imports it where it imports the package
    (after its ``sys.path`` set-up, with the same ``noqa``); a script importing no project
    package keeps one beside it."""
    write_project(tmp_path, {"app/__init__.py": "", "app/texts.py": "def load_texts():\n    return ['a']\n",
                             "app/weekly.py": OPENAI_JOB, "scripts/embed.py": SCRIPT})
    report = _fix(tmp_path, write=True)
    assert sorted(report.fixed) == ["app/_llm_batch.py", "app/weekly.py", "scripts/embed.py"]
    script = (tmp_path / "scripts/embed.py").read_text(encoding="utf-8")
    assert ("import openai.types  # noqa: E402\nfrom openai import OpenAI  # noqa: E402\n\n"
            "from app._llm_batch import _openai_batch  # noqa: E402\nfrom app.texts import load_texts  # noqa: E402\n"
            ) in script
    assert script.index("from app._llm_batch") > script.index("sys.path.insert")
    assert ruff(tmp_path, "--select", "F,I", ".").returncode == 0
    alone = tmp_path / "alone"
    write_project(alone, {"app/__init__.py": "", "scripts/embed.py": SCRIPT.replace(
        "from app.texts import load_texts  # noqa: E402\n", "").replace("load_texts()", "['a', 'b']")})
    assert sorted(_fix(alone, write=False).fixed) == ["scripts/_llm_batch.py", "scripts/embed.py"]
