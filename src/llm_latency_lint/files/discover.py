"""Which files a run looks at, and the module name each Python file is imported as."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple

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
    """Every candidate under ``paths``. The walk handles plain strings and builds a ``Path`` only
    for candidates: on crewAI (27,000 files, mostly docs) pathlib per file cost 0.7 s of CPU,
    more than a whole warm run should."""
    root = absolute(root or scan_root(paths))
    top = str(root)
    prefix = top if top.endswith(os.sep) else top + os.sep
    files: List[Candidate] = []
    errors: List[Tuple[str, str]] = []
    seen = set()
    packages: Dict[str, List[str]] = {}  # folder -> its package's dotted parts, for module names
    for given in paths:
        if not given.exists() and not given.is_symlink():
            errors.append((str(given), "no such file or directory"))
            continue
        for path, error in _walk_strings(str(absolute(given)), prefix, config, explicit=True):
            rel = printable(path[len(prefix):].replace(os.sep, "/")) if path.startswith(prefix) else relative(Path(path), root)
            if error:
                errors.append((rel, error))
                continue
            key = os.path.normcase(path)
            if key in seen:
                continue
            seen.add(key)
            candidate = _candidate_fast(path, rel, packages)
            if candidate is not None:
                files.append(candidate)
    files.sort(key=lambda c: c.relpath)
    return Discovery(root, files, errors)


def _candidate_fast(path: str, rel: str, packages: Dict[str, List[str]]) -> Optional[Candidate]:
    folder, name = os.path.split(path)
    stem, suffix = os.path.splitext(name)
    if suffix in (".py", ".pyw"):
        is_package = name == "__init__.py"
        parts = _package_parts(folder, packages) + ([] if is_package else [stem])
        return Candidate(Path(path), rel, "python", printable(".".join(p for p in parts if p)), is_package)
    if suffix == notebook.SUFFIX:
        return _candidate(Path(path), rel)
    source = source_for(rel, name)
    return Candidate(Path(path), rel, source.id) if source is not None else None


def _package_parts(folder: str, packages: Dict[str, List[str]]) -> List[str]:
    """``module_name``'s climb, remembered per folder."""
    found = packages.get(folder)
    if found is None:
        found = []
        if os.path.isfile(os.path.join(folder, "__init__.py")):
            parent = os.path.dirname(folder)
            found = (_package_parts(parent, packages) if parent != folder else []) + [os.path.basename(folder)]
        packages[folder] = found
    return found


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


def _walk_strings(top: str, prefix: str, config: Config, explicit: bool = False) -> Iterator[Tuple[str, Optional[str]]]:
    """``_walk`` on strings with ``os.scandir`` (which knows symlinks without another ``lstat``):
    the same files in the same order, folders deduplicated by (device, inode)."""
    def rel_of(path: str) -> str:
        return printable(path[len(prefix):].replace(os.sep, "/")) if path.startswith(prefix) else printable(os.path.basename(path))

    if os.path.isfile(top):
        if explicit or not config.is_excluded(rel_of(top), os.path.basename(top)):
            yield top, None
        return
    if not os.path.isdir(top):
        if os.path.islink(top):
            yield top, "broken or looping symlink"
        return
    visited: Set[Tuple[int, int]] = set()
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in visited:
            continue
        visited.add((info.st_dev, info.st_ino))
        subfolders = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            name, path = entry.name, entry.path
            if is_dir:
                if (name.startswith(".") and name not in KEPT_HIDDEN_DIRS) or config.is_excluded(rel_of(path), name):
                    continue
                if not entry.is_symlink():  # never follow directory symlinks: loops and escapes
                    subfolders.append(path)
                continue
            if config.is_excluded(rel_of(path), name):
                continue
            if entry.is_symlink() and not os.path.exists(path):
                yield path, "broken or looping symlink"
                continue
            yield path, None
        stack.extend(reversed(subfolders))
