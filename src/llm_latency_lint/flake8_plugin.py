"""flake8 entry point ``LLM``: the same findings as ``check``, in editors and CI.

flake8 calls the plugin once per file, but evidence spans the project (a beat schedule in
one file, the SDK call three modules away). So the plugin analyses the file's whole project
once per process, with the editor's unsaved text for the current file, and reports the
findings located in this file. Any failure becomes one ``LLM900`` report, never a crash.
"""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from llm_latency_lint import __version__
from llm_latency_lint.commands.scope import project_root
from llm_latency_lint.config import Config, ConfigError, find_pyproject, load
from llm_latency_lint.engine import run
from llm_latency_lint.files.discover import relative
from llm_latency_lint.files.read import SourceError, decode, read_bytes
from llm_latency_lint.result import Result

Report = Tuple[int, int, str, type]
INTERNAL_ERROR = "LLM900"
_RESULTS: Dict[Tuple[str, int], Tuple[Result, Config]] = {}


def _unsaved(path: Path, text: Optional[str]) -> Optional[str]:
    """``text`` when it differs from the file on disk (an editor's buffer), else None: flake8
    hands every file's lines to the plugin, and those must not each become a new analysis."""
    if text is None:
        return None
    try:
        disk = decode(read_bytes(str(path))).text
    except SourceError:
        return text
    if disk is not None and disk.replace("\r\n", "\n").replace("\r", "\n") == text:
        return None
    return text


def _analyse(root: Path, relpath: str, text: Optional[str]) -> Result:
    """The project's result, computed once per process (and per unsaved text). A repository of
    several projects (each folder with its own ``pyproject.toml``) keeps one result per project,
    since flake8 hands files over in any order. Across flake8's
    worker processes the facts cache is shared: the first worker builds it under the cache's
    lock, the others wait and then read it instead of parsing the project again."""
    key = (str(root), hash(text) if text is not None else 0)
    cached = _RESULTS.get(key)
    if cached is not None:
        return cached[0]
    config = load(find_pyproject(root))
    if text is not None:  # one unsaved text at a time; on-disk results stay, one per project
        for stale in [k for k in _RESULTS if k[1] != 0]:
            del _RESULTS[stale]
    result = run([root], config, root=root, overrides={relpath: text} if text is not None else None)
    _RESULTS[key] = (result, config)
    return result


class LatencyPlugin:
    name = "llm-latency-lint"
    version = __version__

    def __init__(self, tree: ast.AST, filename: str, lines: Sequence[str]) -> None:
        self.filename = filename
        self.lines = lines

    def run(self) -> Iterator[Report]:
        try:
            yield from self._run()
        except ConfigError as exc:
            yield 1, 0, f"{INTERNAL_ERROR} llm-latency-lint config error: {exc}", type(self)
        except Exception as exc:  # noqa: BLE001 - an editor must never lose its linter
            yield 1, 0, f"{INTERNAL_ERROR} llm-latency-lint internal error: {type(exc).__name__}: {exc}", type(self)

    def _run(self) -> Iterator[Report]:
        if self.filename in ("stdin", "-", None) or str(self.filename).endswith(".ipynb"):
            return  # flake8 does not lint notebooks (their JSON is no Python); `check` does
        path = Path(self.filename).absolute()
        root = project_root(path)
        relpath = relative(path, root)
        text = _unsaved(path, "".join(self.lines) if self.lines else None)
        result = _analyse(root, relpath, text)
        reports: List[Report] = []
        for finding in result.findings:
            if finding.path != relpath:
                continue
            first = finding.evidence[0] if finding.evidence else None
            where = f" [{first.path}:{first.line}]" if first and first.path != relpath else ""
            reports.append((finding.line, finding.col - 1, f"{finding.code} {finding.message}{where}", type(self)))
        yield from reports
