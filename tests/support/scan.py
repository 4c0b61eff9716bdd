"""One source file linted alone: the catalog tests' way to ask which lines are sites of what."""
from __future__ import annotations

from pathlib import Path
from textwrap import dedent
from typing import List, Tuple

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.result import Result


def scan(tmp_path: Path, source: str, name: str = "app.py") -> Result:
    """Write ``source`` (dedented) as ``tmp_path/name`` and lint ``tmp_path`` with the default config."""
    (tmp_path / name).write_text(dedent(source), encoding="utf-8")
    return run([tmp_path], Config(), root=tmp_path)


def sites(tmp_path: Path, source: str) -> List[Tuple[int, str, str]]:
    """(line, provider id, operation) of every call site in ``source``, sorted."""
    return sorted((s.resolved.site.line, s.resolved.match.provider.id, s.resolved.match.operation)
                  for s in scan(tmp_path, source).sites)
