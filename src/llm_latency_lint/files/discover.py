"""Which files a run looks at, and the module name each Python file is imported as."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import (
    Callable,
    Dict,
    Iterator,
    List,
    Optional,
    Protocol,
    Sequence,
    Set,
    Tuple,
)

from llm_latency_lint.catalog.sources import source_for
from llm_latency_lint.config import Config
from llm_latency_lint.files import notebook

# Hidden folders are skipped, except those that hold schedules (CI workflows, local actions).
KEPT_HIDDEN_DIRS = frozenset({".github", ".actor"})  # CI workflows; an Apify actor's actor.json and Dockerfile


@dataclass(frozen=True)
class Candidate:
    path: Path  # absolute
    relpath: str  # relative to the scan root, POSIX
    kind: str  # "python" | source id (e.g. "crontab")
    module: str = ""
    is_package: bool = False


# A folder's directory stamp, taken before it is listed: (device, inode, mtime ns, ctime ns,
# the time of the walk's start on the folder's file-system clock, ``Listings.now``, 0 if
# unknown). Creating, deleting or renaming an entry changes mtime and ctime; chmod changes ctime.
Stamp = Tuple[int, int, int, int, int]
# What a folder's walk found: its kept files as (name, error or "", kind: "python", "notebook",
# a schedule source's id, or "" for no candidate) and the subfolders walked into, by name.
Listing = Tuple[List[Tuple[str, str, str]], List[str]]
RACY_NS = 2_000_000_000  # a folder changed this close to its listing may change again unseen


class Listings(Protocol):
    """Stored folder listings of an earlier walk with the same root and configuration (``facts``
    keeps them): a folder whose stamp is unchanged is not listed, nor are its files classified,
    again. A folder holding a symlink is never stored (its target may change unseen)."""

    def walked(self, top: str) -> None:
        """The walk of the folder ``top`` starts: what is stored under it and not seen is gone."""

    def now(self, device: int) -> int:
        """The walk's start on the clock of the file system of ``device`` (the mtime of a file
        written then, as git stamps its index), 0 if unknown: file times are compared with the
        clock that wrote them, never the local one, which a network mount's may lag."""

    def get(self, folder: str, stamp: Stamp) -> Optional[Listing]:
        """The stored listing of ``folder`` if it is ``trusted`` at ``stamp``, else None."""

    def put(self, folder: str, stamp: Stamp, listing: Listing) -> None: ...


def trusted(stamp: Stamp, stored: Stamp) -> bool:
    """The folder is as it was listed: same identity and times, and those times were not racy
    (an entry added in the same clock tick as the listing would leave them equal)."""
    return stamp[:4] == stored[:4] and stored[4] - max(stored[2], stored[3]) >= RACY_NS


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


def discovery_root(paths: Sequence[Path], root: Optional[Path] = None) -> Path:
    """The folder reported paths are relative to (``Discovery.root``)."""
    return absolute(root or scan_root(paths))


def discover(paths: Sequence[Path], config: Config, root: Optional[Path] = None,
             listings: Optional[Listings] = None) -> Discovery:
    """Every candidate under ``paths``. The walk handles plain strings and builds a ``Path`` only
    for candidates: on crewAI (27,000 files, mostly docs) pathlib per file cost 0.7 s of CPU,
    more than a whole warm run should. ``listings`` (stored by an earlier run with this root and
    configuration) spare listing and classifying the files of folders that did not change."""
    root = discovery_root(paths, root)
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
        for path, error, kind in _walk_strings(str(absolute(given)), prefix, config, explicit=True, listings=listings):
            rel = printable(path[len(prefix):].replace(os.sep, "/")) if path.startswith(prefix) else relative(Path(path), root)
            if error:
                errors.append((rel, error))
                continue
            key = os.path.normcase(path)
            if key in seen:
                continue
            seen.add(key)
            candidate = _candidate_fast(path, rel, packages, kind)
            if candidate is not None:
                files.append(candidate)
    files.sort(key=lambda c: c.relpath)
    return Discovery(root, _shadowed_by_packages(_distinct_scripts(files)), errors)


SHADOWED_SUFFIX = "-py"  # ``app-py``: the module name of ``app.py`` beside the package ``app/``


def _shadowed_by_packages(files: List[Candidate]) -> List[Candidate]:
    """A module file beside a regular package of its name (``app.py`` and ``app/__init__.py``):
    Python's import finds the package first, so nothing imports the file, which only runs as a
    script; it takes a name no import spells (``app-py``), or it would merge with the package
    (configuration names its functions by path, ``app.py:summarize``: ``project/config_names``)."""
    packages = {c.relpath[: -len("/__init__.py")] for c in files if c.is_package}
    return [replace(c, module=f"{c.module}{SHADOWED_SUFFIX}") if c.kind == "python" and not c.is_package and c.module
            and c.relpath.endswith(".py") and c.relpath[: -len(".py")] in packages else c for c in files]


def _distinct_scripts(files: List[Candidate]) -> List[Candidate]:
    """Scripts outside any package that share a name would merge into one module: those at one depth
    (each Lambda or Cloud Function folder's ``lambda_function.py`` / ``app.py`` / ``main.py``) each
    take their path's dotted name instead (``lambda.agent.lambda_function``), which imports through
    the folders as namespace packages use too; of those at several depths (the root's ``main.py``
    and an old copy's ``tools/old/main.py``), the shallowest keeps the bare name and the deeper
    take their path's (kept as written where a folder's name is no identifier: nothing imports it by
    that path, and it stays distinct). At one depth, the one script whose path is no identifier keeps
    the bare name; two or more such (``services/ingestion-service/src/main.py`` and
    ``services/ai-engine/src/main.py``) take their paths as written, or they would merge. Scripts inside a nested project (a folder below the root holding
    a project marker, ``PROJECT_MARKERS``) are named as the nested project's own scan names them: by
    the same rule among its scripts, with paths from its folder (its ``main.py`` keeps the bare name,
    its ``jobs/a/main.py`` and ``jobs/b/main.py`` are ``jobs.a.main`` and ``jobs.b.main``); a name two
    nested projects both give takes each script's path from the root, as siblings at one depth do. A
    sibling's bare import of a renamed script is rewritten (``project/scripts.py``)."""
    nested: Dict[str, Optional[str]] = {}
    projects: Dict[str, List[int]] = {}  # the innermost project folder ('' the root) -> its scripts
    for index, c in enumerate(files):
        if c.kind == "python" and c.relpath.endswith(".py") and c.module and "." not in c.module and not c.is_package:
            projects.setdefault(_project_folder(c, nested), []).append(index)
    for folder, indexes in projects.items():
        _distinct_in(files, indexes, len(folder) + 1 if folder else 0)
    owners: Dict[str, Set[str]] = {}  # a name -> the nested projects giving it to a script
    for folder, indexes in projects.items():
        for index in indexes if folder else ():
            owners.setdefault(files[index].module or "", set()).add(folder)
    for folder, indexes in projects.items():  # sibling projects (``lambda/agent``, ``lambda/embedding``)
        for index in indexes if folder else ():  # each naming its ``lambda_function`` bare: their paths'
            if len(owners[files[index].module or ""]) > 1:
                files[index] = replace(files[index], module=files[index].relpath[: -len(".py")].replace("/", "."))
    return files


def _distinct_in(files: List[Candidate], indexes: List[int], cut: int) -> None:
    """The naming rule among one project's scripts, their paths ``relpath[cut:]``."""
    groups: Dict[Tuple[str, int], List[int]] = {}
    for index in indexes:
        groups.setdefault((files[index].module, files[index].relpath[cut:].count("/")), []).append(index)
    shallowest: Dict[str, int] = {}
    for name, depth in groups:
        shallowest[name] = min(depth, shallowest.get(name, depth))
    for (name, depth), found in groups.items():
        deeper = depth > shallowest[name]
        paths = {index: files[index].relpath[cut: -len(".py")].split("/") for index in found}
        odd = sum(not all(map(str.isidentifier, parts)) for parts in paths.values())  # one may keep the name
        for index in found if len(found) > 1 and depth > 0 or deeper else []:
            if deeper or odd > 1 or all(map(str.isidentifier, paths[index])):
                files[index] = replace(files[index], module=".".join(paths[index]))  # deeper: distinct, importable or not


def _project_folder(candidate: Candidate, seen: Dict[str, Optional[str]]) -> str:
    """The relative path of the innermost folder below the scan root, above ``candidate``, that holds
    a project marker ('' for none: the scanned project's own)."""
    folder, depth = candidate.path.parent, candidate.relpath.count("/")
    rel = candidate.relpath.rsplit("/", 1)[0] if depth else ""
    for _ in range(depth):
        key = str(folder)
        if key not in seen:
            seen[key] = rel if any(os.path.exists(os.path.join(key, marker)) for marker in PROJECT_MARKERS) else None
        if seen[key] is not None:
            return str(seen[key])
        folder, rel = folder.parent, rel.rsplit("/", 1)[0] if "/" in rel else ""
    return ""


def kind_of(rel: str, name: str) -> str:
    """What a file is to a run: "python", "notebook", a schedule source's id, or "" (nothing)."""
    suffix = os.path.splitext(name)[1]
    if suffix in (".py", ".pyw"):
        return "python"
    if suffix == notebook.SUFFIX:
        return "notebook"
    source = source_for(rel, name)
    return source.id if source is not None else ""


def _candidate_fast(path: str, rel: str, packages: Dict[str, List[str]], kind: Optional[str] = None) -> Optional[Candidate]:
    folder, name = os.path.split(path)
    kind = kind_of(rel, name) if kind is None else kind
    if kind == "python":
        is_package = name == "__init__.py"
        parts = _package_parts(folder, packages) + ([] if is_package else [os.path.splitext(name)[0]])
        return Candidate(Path(path), rel, "python", printable(".".join(p for p in parts if p)), is_package)
    if kind == "notebook":
        return _candidate(Path(path), rel)
    return Candidate(Path(path), rel, kind) if kind else None


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


def _walk_strings(
    top: str, prefix: str, config: Config, explicit: bool = False, listings: Optional[Listings] = None,
) -> Iterator[Tuple[str, Optional[str], Optional[str]]]:
    """``_walk`` on strings with ``os.scandir`` (which knows symlinks without another ``lstat``):
    the same files in the same order, folders deduplicated by (device, inode). Yields (path,
    error, kind) for the files of folders (kind None for a file named outright: classified by
    the caller); files of a folder that are neither candidates nor errors are not yielded."""
    def rel_of(path: str) -> str:
        return printable(path[len(prefix):].replace(os.sep, "/")) if path.startswith(prefix) else printable(os.path.basename(path))

    if os.path.isfile(top):
        if explicit or not config.is_excluded(rel_of(top), os.path.basename(top)):
            yield top, None, None
        return
    if not os.path.isdir(top):
        if os.path.islink(top):
            yield top, "broken or looping symlink", None
        return
    visited: Set[Tuple[int, int]] = set()
    stack = [top]
    if listings is not None:
        listings.walked(top)
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in visited:
            continue
        clock = listings.now(info.st_dev) if listings is not None else 0
        stamp = (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_ctime_ns, clock)
        stored = listings.get(folder, stamp) if listings is not None else None
        if stored is not None:
            listing = stored
        else:
            found = _list(folder, rel_of, config)
            if found is None:
                continue
            listing, has_links = found
            if listings is not None and not has_links:
                listings.put(folder, stamp, listing)
        visited.add((info.st_dev, info.st_ino))
        for name, error, kind in listing[0]:
            yield os.path.join(folder, name), error or None, kind
        stack.extend(reversed([os.path.join(folder, name) for name in listing[1]]))


def _list(folder: str, rel_of: Callable[[str], str], config: Config) -> Optional[Tuple[Listing, bool]]:
    """One folder's listing (see ``Listing``) and whether it holds a symlink; None if unreadable."""
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda e: e.name)
    except OSError:
        return None
    files: List[Tuple[str, str, str]] = []
    subfolders: List[str] = []
    has_links = False
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        name, path = entry.name, entry.path
        link = entry.is_symlink()
        has_links = has_links or link
        if is_dir:
            if (name.startswith(".") and name not in KEPT_HIDDEN_DIRS) or config.is_excluded(rel_of(path), name):
                continue
            if not link:  # never follow directory symlinks: loops and escapes
                subfolders.append(name)
            continue
        rel = rel_of(path)
        if config.is_excluded(rel, name):
            continue
        if link and not os.path.exists(path):
            files.append((name, "broken or looping symlink", ""))
            continue
        kind = kind_of(rel, name)
        if kind:
            files.append((name, "", kind))
    return (files, subfolders), has_links
