"""LLM100 unused noqa: what it reports, what it leaves alone, and that its fix is right."""
from __future__ import annotations

from pathlib import Path
from typing import Dict

import libcst

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run

HANDLER = (
    "from fastapi import FastAPI\nfrom openai import OpenAI\n\napp = FastAPI()\nclient = OpenAI()\n\n\n"
    "@app.post('/chat')\ndef chat(message: str):\n"
    "    return client.chat.completions.create(model='m', messages=[])"
)
JOB = (
    "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
    "def nightly():  # llm-latency: scheduled\n    return client.chat.completions.create(model='m', messages=[])"
)


def lint(tmp_path: Path, files: Dict[str, str], config: Config = Config()):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    result = run([tmp_path], config, root=tmp_path)
    return result, [f for f in result.findings if f.code == "LLM100"]


def fixed(tmp_path: Path, finding) -> str:
    """Apply the finding's edits to its file's text (bottom-up), as --fix would."""
    lines = (tmp_path / finding.path).read_text().splitlines(keepends=True)
    text = "".join(lines)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    for e in sorted(finding.fix.edits, key=lambda e: (e.start_line, e.start_col), reverse=True):
        start = offsets[e.start_line - 1] + e.start_col - 1
        end = offsets[e.end_line - 1] + e.end_col - 1
        text = text[:start] + e.replacement + text[end:]
    return text


def test_unused_noqa_is_reported_with_a_safe_fix_that_removes_it(tmp_path):
    result, (finding,) = lint(tmp_path, {"app.py": HANDLER + "  # noqa: LLM001\n"})
    assert (finding.path, finding.line, finding.col) == ("app.py", 10, 68)
    assert finding.message == "unused noqa: LLM001 suppresses nothing on this line; remove it"
    assert finding.fix.safety == "safe" and finding.fix.applicable
    assert fixed(tmp_path, finding) == HANDLER + "\n"
    assert [f.code for f in result.findings] == ["LLM100"]


def test_fix_keeps_other_codes_and_other_comments(tmp_path):
    files = {"a.py": HANDLER + "  # noqa: E501, LLM001\n", "b.py": HANDLER + "  # type: ignore  # noqa: LLM00\n",
             "c.py": HANDLER + "\n# noqa: LLM002\nx = 1\n"}
    _, findings = lint(tmp_path, files)
    got = {f.path: fixed(tmp_path, f) for f in findings}
    assert got == {"a.py": HANDLER + "  # noqa: E501\n", "b.py": HANDLER + "  # type: ignore\n", "c.py": HANDLER + "\nx = 1\n"}
    for text in got.values():
        libcst.parse_module(text)


def test_used_foreign_disabled_and_self_silenced_codes_are_left_alone(tmp_path):
    files = {
        "job.py": JOB + "  # noqa: LLM001\n",  # used
        "foreign.py": HANDLER + "  # noqa: E501\n",  # another tool's code
        "quiet.py": HANDLER + "  # noqa: LLM001, LLM100\n",  # silences its own report
    }
    _, findings = lint(tmp_path, files)
    assert findings == []
    _, findings = lint(tmp_path, {"app.py": HANDLER + "  # noqa: LLM001\n"}, Config(ignore=["LLM001"]))
    assert findings == [], "LLM001 did not run, so its noqa cannot be judged"
    _, findings = lint(tmp_path, {"app.py": HANDLER + "  # noqa: LLM001\n"}, Config(per_file_ignores={"app.py": ["LLM100"]}))
    assert findings == []


def test_unknown_codes_and_files_without_llm_calls(tmp_path):
    _, findings = lint(tmp_path, {"job.py": JOB + "  # noqa: LLM001, LLM999\n", "util.py": "x = 1  # noqa: LLM003\n"})
    messages = {f.path: f.message for f in findings}
    assert messages == {
        "job.py": "unused noqa: LLM999 is not a rule code; remove it",
        "util.py": "unused noqa: LLM003 suppresses nothing on this line; remove it",
    }
    job = next(f for f in findings if f.path == "job.py")
    assert fixed(tmp_path, job).endswith("messages=[])  # noqa: LLM001\n")


def test_per_file_ignore_globs(tmp_path):
    files = {"jobs/nightly/run.py": JOB + "\n", "jobs/web.py": JOB + "\n", "other.py": JOB + "\n"}
    result, _ = lint(tmp_path, files, Config(per_file_ignores={"jobs/nightly/*": ["LLM001"], "web.py": ["LLM"]}))
    assert sorted(f.path for f in result.findings) == ["other.py"]


def test_check_fix_removes_unused_noqa_codes(tmp_path):
    from support.sample_project import cli

    (tmp_path / "app.py").write_text(HANDLER + "  # noqa: E501, LLM001\n")
    (tmp_path / "job.py").write_text(JOB + "  # noqa: LLM001\n")
    diff = cli("check", ".", "--diff", cwd=tmp_path)
    assert "-    return client.chat.completions.create(model='m', messages=[])  # noqa: E501, LLM001" in diff.stdout
    assert (tmp_path / "app.py").read_text().endswith("# noqa: E501, LLM001\n"), "--diff writes nothing"
    proc = cli("check", ".", "--fix", cwd=tmp_path)
    assert (tmp_path / "app.py").read_text() == HANDLER + "  # noqa: E501\n"
    assert (tmp_path / "job.py").read_text() == JOB + "  # noqa: LLM001\n", "a used noqa stays"
    assert proc.returncode == 0 and "Fixed 1 finding(s) in 1 file(s)." in proc.stderr, proc.stderr
