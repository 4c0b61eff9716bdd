"""A small project whose finding needs cross-file evidence: Celery beat -> task -> SDK call.

Shared by the integration tests (output formats, baseline, pre-commit, action, noqa).
"""
from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict

from llm_latency_lint.cli import main

FILES: Dict[str, str] = {
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
    "web.py": (
        "from fastapi import FastAPI\nfrom openai import OpenAI\n\napp = FastAPI()\nclient = OpenAI()\n\n\n"
        "@app.post('/chat')\ndef chat(message: str):\n"
        "    return client.chat.completions.create(model='gpt-4o-mini', messages=[{'role': 'user', 'content': message}])\n"
    ),
}
CALL_LINE = 7  # the SDK call in llm.py


def make(root: Path, files: Dict[str, str] = FILES) -> Path:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The CLI's ``main`` in this process (fast), run from ``cwd``, with its output captured."""
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(["llm-latency-lint", *args], code, out.getvalue(), err.getvalue())


def cli_process(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The CLI as users run it: a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "llm_latency_lint", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )

# A scheduled stream nobody reads live (LLM004, whose fix is safe), scheduled from another file.
STREAM_FILES: Dict[str, str] = {
    "digest.py": (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
        "def digest(q):\n    out = ''\n"
        "    for event in client.responses.create(model='gpt-4.1-mini', input=q, stream=True):\n"
        "        if event.type == 'response.output_text.delta':\n            out += event.delta\n    return out\n"
    ),
    "beat.py": "import schedule\n\nfrom digest import digest\n\nschedule.every().day.at('02:00').do(digest, 'today')\n",
}
