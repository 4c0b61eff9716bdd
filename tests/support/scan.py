"""One source file linted alone: the catalog tests' way to ask which lines are sites of what."""
from __future__ import annotations

from pathlib import Path
from textwrap import dedent
from typing import Dict, List, Optional, Tuple

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


def lint_project(tmp_path: Path, files: Dict[str, str], config: Optional[Config] = None) -> Result:
    """Write ``files`` (relative path -> text, as given) under ``tmp_path`` and lint it as one project."""
    for name, text in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return run([tmp_path], config or Config(), root=tmp_path)


def project_classes(tmp_path: Path, files: Dict[str, str]) -> Dict[Tuple[str, int], str]:
    """Lint ``files`` (relative path -> dedented text) as one project and give each site's
    (path, line) its latency class."""
    result = lint_project(tmp_path, {name: dedent(text).lstrip("\n") for name, text in files.items()})
    return {(s.resolved.facts.path, s.resolved.site.line): s.latency_class for s in result.sites}
