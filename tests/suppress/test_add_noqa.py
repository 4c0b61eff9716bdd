"""--add-noqa: every finding silenced in place, files rewritten safely, impossible lines reported."""
from __future__ import annotations

import os

import libcst
from support.sample_project import cli, make

JOB = (
    "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
    "def nightly():  # llm-latency: scheduled\n"
)


def test_add_noqa_silences_every_finding_and_is_idempotent(tmp_path):
    root = make(tmp_path)
    jobs = root / "jobs.py"
    jobs.write_bytes((
        JOB + "    a = client.chat.completions.create(model='m', messages=[])   \n"  # trailing spaces
        "    b = client.chat.completions.create(model='m', messages=[])  # type: ignore\n"
        "    c = client.chat.completions.create(model='m', messages=[])  # noqa: E501\n"
        "    for x in []:\n        client.embeddings.create(model='e', input=x)\n"
    ).replace("\n", "\r\n").encode())
    os.chmod(jobs, 0o640)
    before = cli("check", ".", "--format", "json", cwd=root)
    assert before.returncode == 1
    proc = cli("check", ".", "--add-noqa", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert "added noqa comments for 6 findings in 2 files" in proc.stderr
    data = jobs.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n"), "newline style kept"
    assert oct(os.stat(jobs).st_mode & 0o777) == "0o640"
    text = data.decode().replace("\r\n", "\n")
    assert "    a = client.chat.completions.create(model='m', messages=[])  # noqa: LLM001\n" in text
    assert "messages=[])  # type: ignore  # noqa: LLM001\n" in text
    assert "messages=[])  # noqa: E501, LLM001\n" in text
    assert "input=x)  # noqa: LLM001, LLM003\n" in text
    assert "messages=[])  # noqa: LLM001\n" in (root / "llm.py").read_text()
    libcst.parse_module(text)
    after = cli("check", ".", cwd=root)
    assert after.returncode == 0 and after.stdout == "No findings.\n", after.stdout
    again = cli("check", ".", "--add-noqa", cwd=root)
    assert again.returncode == 0 and "added noqa comments for 0 findings in 0 files" in again.stderr


def test_lines_that_cannot_take_a_comment_are_reported_and_left_alone(tmp_path):
    jobs = tmp_path / "jobs.py"
    original = JOB + (
        '    client.chat.completions.create(model="m", messages=[{"role": "user", "content": """\n'
        'multi-line prompt\n"""}])\n'
        "    x = client.chat.completions.create(model='m', \\\n        messages=[])\n"
    )
    jobs.write_text(original)
    proc = cli("check", ".", "--add-noqa", cwd=tmp_path)
    assert proc.returncode == 1
    assert "jobs.py:7: cannot add noqa: the line ends inside a multi-line string" in proc.stderr
    assert "jobs.py:10: cannot add noqa: the line continues with a backslash" in proc.stderr
    assert jobs.read_text() == original
