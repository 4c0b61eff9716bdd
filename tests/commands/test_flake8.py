"""The real flake8, as a subprocess, with our plugin installed through its entry point."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FILES = {
    "setup.cfg": "[flake8]\nmax-line-length = 200\n",
    "celery_app.py": (
        "from celery import Celery\nfrom celery.schedules import crontab\n\n"
        "app = Celery('proj')\napp.conf.beat_schedule = {\n"
        "    'nightly-summary': {'task': 'tasks.nightly_summary', 'schedule': crontab(hour=2, minute=0)},\n}\n"
    ),
    "tasks.py": "from celery_app import app\nfrom llm import summarize\n\n\n@app.task\ndef nightly_summary():\n    summarize('today')\n",
    "llm.py": (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
        "def summarize(text):\n    return client.chat.completions.create(model='gpt-4o-mini', messages=[])\n"
    ),
}


def flake8(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flake8", *args], cwd=root, capture_output=True, text=True, timeout=120
    )


def make(tmp_path: Path) -> Path:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def test_flake8_reports_cross_file_finding_on_the_call(tmp_path):
    root = make(tmp_path)
    proc = flake8(root, "--select", "LLM", "llm.py")
    assert proc.returncode == 1, proc.stderr
    (line,) = proc.stdout.splitlines()
    assert line.startswith("llm.py:7:12: LLM001 openai chat.completions.create runs only from beat_schedule 'nightly-summary'")
    assert line.endswith("[celery_app.py:6]")


def test_flake8_select_extend_ignore_and_noqa(tmp_path):
    root = make(tmp_path)
    assert flake8(root, "--select", "LLM", "--extend-ignore", "LLM001", "llm.py").stdout == ""
    assert flake8(root, "--select", "E", "llm.py").stdout == ""
    text = (root / "llm.py").read_text().replace("messages=[])", "messages=[])  # noqa: LLM001")
    (root / "llm.py").write_text(text)
    assert flake8(root, "--select", "LLM", "llm.py").stdout == ""


def test_flake8_whole_project_with_jobs_reports_each_finding_once(tmp_path):
    root = make(tmp_path)
    proc = flake8(root, "--select", "LLM", "-j", "2", ".")
    assert [l.split(":")[0] for l in proc.stdout.splitlines()] == ["./llm.py"]


def test_flake8_plugin_failure_is_a_reported_error(tmp_path):
    root = make(tmp_path)
    (root / "pyproject.toml").write_text("[tool.llm-latency-lint]\nbogus = 1\n")
    proc = flake8(root, "--select", "LLM", "llm.py")
    assert "LLM900 llm-latency-lint config error" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_plugin_analyses_each_project_of_a_tree_once(tmp_path, monkeypatch):
    """flake8 hands over files of sibling projects (each with its own pyproject.toml) in any
    order; each project is analysed once per process, not again at every switch."""
    import ast

    from llm_latency_lint import flake8_plugin

    for name in ("one", "two"):
        project = make(tmp_path / name) if (tmp_path / name).mkdir() is None else None
        (project / "pyproject.toml").write_text("[tool.llm-latency-lint]\n")
    runs = []
    real_run = flake8_plugin.run
    monkeypatch.setattr(flake8_plugin, "run", lambda *a, **k: runs.append(k["root"]) or real_run(*a, **k))
    monkeypatch.setattr(flake8_plugin, "_RESULTS", {})
    reports = []
    for name in ("one", "two", "one", "two"):
        path = tmp_path / name / "llm.py"
        text = path.read_text()
        plugin = flake8_plugin.LatencyPlugin(ast.parse(text), str(path), text.splitlines(True))
        reports.append([r[2].split()[0] for r in plugin.run()])
    assert sorted(p.name for p in runs) == ["one", "two"]
    assert reports == [["LLM001"]] * 4
