"""Running the command line as a user does: a separate process, from a folder."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCHEDULED_JOB = (
    "from openai import OpenAI\n\nclient = OpenAI()\n\n"
    "def nightly_summary():  # llm-latency: scheduled\n"
    "    return client.chat.completions.create(model='gpt-4o-mini', messages=[])\n"
)


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "llm_latency_lint", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )
