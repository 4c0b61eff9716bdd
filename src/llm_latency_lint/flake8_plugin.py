"""flake8 entry point ``LLM``: the same findings as ``check``, in editors and CI.

flake8 calls the plugin once per file, but evidence spans the project (a beat schedule in
one file, the SDK call three modules away). So the plugin analyses the file's whole project
once per process, with the editor's unsaved text for the current file, and reports the
findings located in this file. In a tree of nested projects the files are parsed once for
all of them (``commands.tree``). Any failure becomes one ``LLM900`` report, never a crash.
"""
from __future__ import annotations

import ast
from contextlib import nullcontext
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from llm_latency_lint import __version__
from llm_latency_lint.commands import tree
from llm_latency_lint.commands.scope import project_root
from llm_latency_lint.config import ConfigError
from llm_latency_lint.engine import run
from llm_latency_lint.files.discover import relative, scan_root
from llm_latency_lint.files.read import SourceError, decode, read_bytes
from llm_latency_lint.result import Result

Report = Tuple[int, int, str, type]
Found = Tuple[int, int, str]  # line, column (0-based), text
INTERNAL_ERROR = "LLM900"
# (project root, unsaved text's hash) -> the findings of each file: only what flake8 asks for
# stays alive, not the project's facts, sites and texts.
_RESULTS: Dict[Tuple[str, int], Dict[str, List[Found]]] = {}


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


def _analyse(root: Path, relpath: str, text: Optional[str], region: Path) -> Dict[str, List[Found]]:
    """The project's findings, computed once per process (and per unsaved text). A repository of
    several projects (each folder with its own ``pyproject.toml``) keeps one result per project,
    since flake8 hands files over in any order. Across flake8's worker processes the caches are
    shared: the first worker parses the tree's files under its cache's lock and builds a
    project's graph under that project's analysis lock; the other waits, then reads them."""
    key = (str(root), hash(text) if text is not None else 0)
    cached = _RESULTS.get(key)
    if cached is not None:
        return cached
    config = tree.config_of(root)
    if text is not None:  # one unsaved text at a time; on-disk results stay, one per project
        for stale in [k for k in _RESULTS if k[1] != 0]:
            del _RESULTS[stale]
    outer = tree.tree_root(root, region)
    if outer != root and not tree.cached(root, config):
        shared = tree.prepare(outer)
        if shared is not None:
            tree.seed(root, config, outer, shared)
    # An editor's buffer is never stored: it need not wait for another process's graph.
    with tree.analysing(root, config) if text is None else nullcontext():
        result = run([root], config, root=root, overrides={relpath: text} if text is not None else None)
    _RESULTS[key] = found = _by_file(result)
    return found


def _by_file(result: Result) -> Dict[str, List[Found]]:
    found: Dict[str, List[Found]] = {}
    for finding in result.findings:
        first = finding.evidence[0] if finding.evidence else None
        where = f" [{first.path}:{first.line}]" if first and first.path != finding.path else ""
        found.setdefault(finding.path, []).append((finding.line, finding.col - 1, f"{finding.code} {finding.message}{where}"))
    return found


_ROOTS: Dict[Path, Path] = {}  # folder -> its project root (flake8 hands over every file)


def _root_of(folder: Path) -> Path:
    found = _ROOTS.get(folder)
    if found is None:
        found = _ROOTS[folder] = project_root(folder / "_")
    return found


class LatencyPlugin:
    name = "llm-latency-lint"
    version = __version__
    region: Optional[Path] = None  # the folder flake8 was asked to check (its paths' common folder)
    # Whether flake8 reads stdin (an editor's buffer): only then can its lines differ from the
    # file on disk; unknown (no options parsed) counts as yes.
    from_stdin = True

    @classmethod
    def parse_options(cls, options: object) -> None:
        given = list(getattr(options, "filenames", None) or ["."])
        names = [Path(n) for n in given if n != "-"]
        cls.region = scan_root(names) if names else None
        cls.from_stdin = "-" in given

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
        root = _root_of(path.parent)
        relpath = relative(path, root)
        text = _unsaved(path, "".join(self.lines) if self.lines and self.from_stdin else None)
        region = self.region or scan_root([Path(".")])
        found = _analyse(root, relpath, text, region)
        yield from [(line, col, message, type(self)) for line, col, message in found.get(relpath, [])]
