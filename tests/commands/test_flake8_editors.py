"""flake8 as editors run it: stdin with a display name, custom --format strings, select/ignore."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support.sample_project import CALL_LINE, cli, make

EDITOR_FORMAT = "%(row)d,%(col)d,%(code).1s,%(code)s: %(text)s"  # efm / diagnostic-languageserver style


def flake8(root: Path, *args: str, stdin: str = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flake8", "--max-line-length", "200", *args], cwd=root,
                          input=stdin, capture_output=True, text=True, timeout=120)


def test_editor_stdin_with_display_name_uses_unsaved_text_and_the_project(tmp_path):
    root = make(tmp_path)
    unsaved = (root / "llm.py").read_text().replace("def summarize", "# edited, not saved\n\ndef summarize")
    proc = flake8(root, "--select", "LLM", f"--format={EDITOR_FORMAT}", "--stdin-display-name", str(root / "llm.py"), "-",
                  stdin=unsaved)
    (line,) = proc.stdout.splitlines()
    row, col, severity, rest = line.split(",", 3)
    assert (int(row), int(col), severity) == (CALL_LINE + 2, 12, "L"), "the unsaved text's lines, 1-based column"
    code, text = rest.split(": ", 1)
    assert code == "LLM001"
    assert text.startswith("openai chat.completions.create runs only from beat_schedule") and text.endswith("[celery_app.py:6]")


def test_format_strings_split_code_from_text(tmp_path):
    root = make(tmp_path)
    proc = flake8(root, "--select", "LLM", "--format=%(path)s|%(row)d|%(col)d|%(code)s|%(text)s", "llm.py")
    (line,) = proc.stdout.splitlines()
    path, row, col, code, text = line.split("|")
    assert (path, row, col, code) == ("llm.py", str(CALL_LINE), "12", "LLM001")
    assert not text.startswith("LLM")
    (finding,) = json.loads(cli("check", ".", "--format", "json", cwd=root).stdout)["findings"]
    assert text == f"{finding['message']} [celery_app.py:6]", "flake8 says what check says, plus where the evidence starts"
    pylint = flake8(root, "--select", "LLM", "--format=pylint", "llm.py").stdout
    assert pylint.startswith(f"llm.py:{CALL_LINE}: [LLM001] openai chat.completions.create")


def test_select_and_ignore_by_code_and_prefix_including_llm100(tmp_path):
    root = make(tmp_path)
    web = root / "web.py"
    web.write_text(web.read_text().rstrip("\n") + "  # noqa: LLM001\n")
    codes = lambda *args: sorted(l.split()[1] for l in flake8(root, *args, "llm.py", "web.py").stdout.splitlines())
    assert codes("--select", "LLM") == ["LLM001", "LLM100"]
    assert codes("--select", "LLM1") == ["LLM100"]
    assert codes("--select", "LLM", "--extend-ignore", "LLM100") == ["LLM001"]
