"""One facts pass for a tree of nested projects (flake8 over a monorepo).

flake8 hands the plugin files of every project of a tree: a workspace ``pyproject.toml`` and a
dozen packages below it, each with its own. Each project's result must equal ``check`` run on
that project, so each gets its own graph; but the facts of a file depend on its bytes and
(through a few recognisers) on its path, so a package's files need not be parsed a second time.
The outermost project of the tree (``tree_root``) runs its facts pass first, once, under its
cache's lock; a nested project without a cache then copies the facts it needs from the tree's
cache into its own (``seed``), with paths made relative to it (``rebase``), and its ``check``
finds them cached. A nested project with a cache parses what changed itself (``cached``).
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Dict, Iterator, Optional, Tuple

from llm_latency_lint.config import Config, find_pyproject, load
from llm_latency_lint.engine import extract_missing, open_store, scan_files
from llm_latency_lint.facts.cache import Entry, Store, folder_for, namespace
from llm_latency_lint.files.discover import PROJECT_MARKERS, discover, relative
from llm_latency_lint.files.lock import exclusive

_PREPARED: Dict[str, Optional[Store]] = {}  # tree root -> its store (None without a cache), once its facts pass ran
# tree root -> (absolute path -> module name, is package) of its Python files, as the tree saw them
_MODULES: Dict[str, Dict[str, Tuple[str, bool]]] = {}


def marked(folder: Path) -> bool:
    return any((folder / marker).exists() for marker in PROJECT_MARKERS)


def tree_root(root: Path, region: Path) -> Path:
    """The outermost project folder holding ``root`` inside ``region`` (what flake8 was asked
    to check): the files of the run lie there, so parsing its files wastes nothing. ``root``
    itself when it holds the region or lies outside it."""
    if region != root and region not in root.parents:
        return root
    outer, folder = root, root
    while folder != region and folder.parent != folder:
        folder = folder.parent
        if marked(folder):
            outer = folder
    return outer


def rebase(entry: Entry, old: str, new: str) -> Optional[Entry]:
    """``entry`` (facts made for path ``old``) as made for ``new``, the same file seen from a
    nested project; None when the path changes what a recogniser finds (a ``views`` or
    ``commands`` folder dropped, a script runner comparing keys with its own path)."""
    if isinstance(entry, str):
        return entry  # a parse error names no path
    # Imported here: the recognisers import libcst, which a warm run never needs.
    from llm_latency_lint.catalog.triggers.django_commands import command_name
    from llm_latency_lint.catalog.triggers.django_views import is_views_module

    if (is_views_module(old) != is_views_module(new) or command_name(old) != command_name(new)
            or _in_commands(old) != _in_commands(new) or any(t.source.startswith("script-runner") for t in entry.triggers)):
        return None
    triggers = [
        replace(t, note=t.note.replace(old, new), entry_key=t.entry_key.replace(old, new) if t.entry_key else t.entry_key)
        for t in entry.triggers
    ]
    return replace(entry, path=new, triggers=triggers)


def _in_commands(path: str) -> bool:
    return "commands" in PurePosixPath(path).parts[:-1]  # naming: a management command's file name


def config_of(root: Path) -> Config:
    return load(find_pyproject(root))


def cached(root: Path, config: Config) -> bool:
    """Whether ``root`` has a cache of this version of the tool: then its ``check`` parses only
    what changed since, and the tree's pass is not worth its walk (a warm flake8 run would
    discover and stat the whole tree once more for nothing)."""
    folder = _cache_of(root, config)
    return folder is not None and (folder / namespace(config.wrapper_names) / "index").is_file()


def _cache_of(root: Path, config: Config) -> Optional[Path]:
    """``engine.open_store``'s folder, without reading the store's index."""
    if not config.cache:
        return None
    pyproject = find_pyproject(root)
    return folder_for(pyproject.parent if pyproject else root, config.cache_dir)


def prepare(tree: Path) -> Optional[Store]:
    """The tree's facts pass, once per process: under its cache's lock, so a second flake8
    worker waits for the first one's facts instead of parsing the tree as well."""
    key = str(tree)
    if key not in _PREPARED:
        config = config_of(tree)
        store = open_store(tree, config)
        if store is not None:
            found = discover([tree], config, tree)
            _MODULES[key] = {str(c.path): (c.module, c.is_package) for c in found.files if c.kind == "python"}
            with store.exclusive():
                # opened again under the lock: the index another worker wrote while this one
                # waited vouches for every file, so nothing is read or parsed a second time
                store = open_store(tree, config) or store
                extract_missing(scan_files(found.files, config, None, store), config, None, store)
        _PREPARED[key] = store
    return _PREPARED[key]


def seed(root: Path, config: Config, tree: Path, shared: Store) -> int:
    """Copy into ``root``'s cache the facts of its kept files that the tree's cache holds;
    how many. Nothing when the two caches make facts differently (other wrapper settings), or
    when ``root`` has a cache by the time its lock is held (another worker seeded it)."""
    store = open_store(root, config)
    if store is None or store.namespace != shared.namespace or store.folder == shared.folder:
        return 0
    copied = 0
    with store.exclusive():
        if cached(root, config):
            # Another flake8 worker seeded (or analysed) it while this one waited for the lock:
            # its index is there, and scanning the project again would only find every entry.
            return 0
        found = discover([root], config, root)
        # The tree read and summarised these files already: a file with the same module name
        # has the same summary, and the tree's exports answer the selection's questions.
        seen = _MODULES.get(str(tree), {})
        store.adopt(shared, [str(c.path) for c in found.files
                             if c.kind == "python" and seen.get(str(c.path)) == (c.module, c.is_package)])
        store.adopt_exports(shared)
        scan = scan_files(found.files, config, None, store)
        for rel in scan.keep:
            candidate = scan.python[rel]
            key = store.facts_key(rel, candidate.module, candidate.is_package, scan.digests[rel])
            if store.entry_hash(key, rel) is not None:
                continue
            outer = relative(candidate.path, tree)
            outer_key = shared.facts_key(outer, candidate.module, candidate.is_package, scan.digests[rel])
            entry = shared.load(outer_key) if shared.entry_hash(outer_key, outer) is not None else None
            rebased = rebase(entry, outer, rel) if entry is not None else None
            if rebased is not None:
                store.save(key, rel, rebased, checked_before=True)  # the tree's store checked it
                copied += 1
        store.save_index()
    return copied


@contextmanager
def analysing(root: Path, config: Config) -> Iterator[None]:
    """Hold ``root``'s analysis lock: the second flake8 worker that needs a project waits for
    the first one's stored result instead of building the same graph at the same time."""
    folder = _cache_of(root, config)
    if folder is None:
        yield
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        yield
        return
    with exclusive(folder / "analysis.lock"):  # beside the namespaces, which a new version removes
        yield
