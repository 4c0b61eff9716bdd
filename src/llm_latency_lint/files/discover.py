"""Which files a run looks at, and the module name each Python file is imported as."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List, Optional, Sequence, Tuple

from llm_latency_lint.catalog.sources import source_for
from llm_latency_lint.config import Config
from llm_latency_lint.files import notebook

# Hidden folders are skipped, except those that hold schedules (CI workflows, local actions).
KEPT_HIDDEN_DIRS = frozenset({".github"})


@dataclass(frozen=True)
class Candidate:
    path: Path  # absolute
    relpath: str  # relative to the scan root, POSIX
    kind: str  # "python" | source id (e.g. "crontab")
    module: str = ""
    is_package: bool = False


@dataclass
class Discovery:
    root: Path
    files: List[Candidate]
    errors: List[Tuple[str, str]]  # (relpath, message)


def absolute(path: Path) -> Path:
    """Absolute and free of ``..``, lexically: symlinks stay as named, so a folder reached through
    a symlink keeps its layout and every reported path stays under the scan root."""
    return Path(os.path.abspath(path))


def scan_root(paths: Sequence[Path]) -> Path:
    given = [absolute(p) for p in paths]
    dirs = [p if p.is_dir() else p.parent for p in given]
    if not dirs:
        return Path.cwd()
    return Path(os.path.commonpath([str(d) for d in dirs]))


# What makes a folder a project's root: the nearest one at or above the named paths holding one.
PROJECT_MARKERS = ("pyproject.toml", "setup.cfg", "setup.py", ".git", "tox.ini")


def project_root(start: Path) -> Optional[Path]:
    """The nearest folder at or above ``start`` (a file or folder) that holds a project marker."""
    here = absolute(start)
    here = here if here.is_dir() else here.parent
    for folder in [here, *here.parents]:
        if any((folder / marker).exists() for marker in PROJECT_MARKERS):
            return folder
    return None


def printable(name: str) -> str:
    """A path or module name every report can encode: bytes that are not UTF-8 become ``\\xNN``.

    Reading goes through ``Candidate.path``; this string is only shown and used as a key.
    """
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte (Windows names)
        raw = name.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def relative(path: Path, root: Path) -> str:
    try:
        return printable(path.relative_to(root).as_posix())
    except ValueError:
        return printable(path.name)


def module_name(path: Path) -> Tuple[str, bool]:
    """Dotted import name: climb while the folder is a package (has ``__init__.py``)."""
    is_package = path.name == "__init__.py"
    parts = [] if is_package else [path.stem]
    folder = path.parent
    while (folder / "__init__.py").is_file():
        parts.insert(0, folder.name)
        if folder.parent == folder:
            break
        folder = folder.parent
    return printable(".".join(p for p in parts if p)), is_package


def discover(paths: Sequence[Path], config: Config, root: Optional[Path] = None) -> Discovery:
    root = absolute(root or scan_root(paths))
    files: List[Candidate] = []
    errors: List[Tuple[str, str]] = []
    seen = set()
    for given in paths:
        if not given.exists() and not given.is_symlink():
            errors.append((str(given), "no such file or directory"))
            continue
        for path, error in _walk(absolute(given), root, config, explicit=True):
            rel = relative(path, root)
            if error:
                errors.append((rel, error))
                continue
            key = os.path.normcase(str(path))
            if key in seen:
                continue
            seen.add(key)
            candidate = _candidate(path, rel)
            if candidate is not None:
                files.append(candidate)
    files.sort(key=lambda c: c.relpath)
    return Discovery(root, files, errors)


def _candidate(path: Path, rel: str) -> Optional[Candidate]:
    if path.suffix in (".py", ".pyw"):
        module, is_package = module_name(path)
        return Candidate(path, rel, "python", module, is_package)
    if path.suffix == notebook.SUFFIX:  # a Jupyter notebook: its code cells are a module
        module, _ = module_name(path)
        head, _, stem = module.rpartition(".")
        name = notebook.module_name(stem or path.stem)
        if path.with_suffix(".py").exists():  # enrich.py beside enrich.ipynb: two modules
            name += "_ipynb"
        return Candidate(path, rel, "python", (head + "." if head else "") + name)
    source = source_for(rel, path.name)
    if source is not None:
        return Candidate(path, rel, source.id)
    return None


def _walk(path: Path, root: Path, config: Config, explicit: bool = False) -> Iterator[Tuple[Path, Optional[str]]]:
    if path.is_file():
        if explicit or not config.is_excluded(relative(path, root), path.name):
            yield path, None
        return
    if not path.is_dir():
        if path.is_symlink():
            yield path, "broken or looping symlink"
        return
    visited = set()
    for folder, dirnames, filenames in os.walk(path, followlinks=False, onerror=None):
        here = Path(folder)
        real = os.path.realpath(folder)
        if real in visited:
            dirnames[:] = []
            continue
        visited.add(real)
        kept = []
        for name in sorted(dirnames):
            child = here / name
            rel = relative(child, root)
            if config.is_excluded(rel, name) or (name.startswith(".") and name not in KEPT_HIDDEN_DIRS):
                continue
            if child.is_symlink():
                continue  # never follow directory symlinks: loops and escapes
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            child = here / name
            rel = relative(child, root)
            if config.is_excluded(rel, name):
                continue
            if child.is_symlink() and not child.exists():
                yield child, "broken or looping symlink"
                continue
            yield child, None
