"""A small project whose finding needs cross-file evidence: Celery beat -> task -> SDK call.

Shared by the integration tests (output formats, baseline, pre-commit, action, noqa).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Dict

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


def cli(*args: str, cwd: Path, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "llm_latency_lint", *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=env
    )
