"""``python -m llm_latency_lint``: the CLI, without the working directory on ``sys.path``.

``-m`` puts the working directory first on ``sys.path``; run inside a scanned project, its
``json.py`` or ``argparse.py`` would then be imported in place of the standard library's, and
scanned code must never run.
"""
import os
import sys

if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from llm_latency_lint.cli import entry  # noqa: E402 - only after sys.path is safe

entry()
