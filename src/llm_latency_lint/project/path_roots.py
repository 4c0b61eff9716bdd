"""A script's imports after it adds folders to ``sys.path`` (``facts/path_roots.py``).

``sys.path.insert(0, os.path.join(os.path.dirname(__file__), "src"))`` then ``from summarizer_v2
import Summarizer`` imports ``src/summarizer_v2.py``, whatever module name the project gives that
file (``src.summarizer_v2`` when ``src/`` is a package). Only that script's names are rewritten
(``scripts.Renamer``): another file importing ``summarizer_v2`` without the insert still fails.
A folder that does not exist in the scanned tree resolves nothing (the import fails there too), and
a name the script's own folder holds stays the sibling's (its folder comes first on ``sys.path``, as
after ``append``; an ``insert(0, ...)`` is read the same: a sibling of that name is rare).
"""
from __future__ import annotations

import posixpath
from typing import Dict, List, Optional, Set, Tuple

from llm_latency_lint.model import PATH_FROM_FILE as FILE
from llm_latency_lint.model import FileFacts
from llm_latency_lint.project.scripts import NEVER_SIBLINGS, Renamer, path_name


def inserted_roots(files: List[FileFacts]) -> List[FileFacts]:
    """``files`` with each script's imports from a folder it adds to ``sys.path`` rewritten to the
    modules of that folder's files and packages."""
    if not any(f.path_roots for f in files):
        return files
    importable: Dict[Tuple[str, str], str] = {}  # (folder, name) -> module of ``folder/name.py`` or its package
    for facts in files:
        folder, name = posixpath.split(facts.path)
        if name == "__init__.py":
            importable[posixpath.split(folder)] = facts.module
        elif name.endswith(".py"):
            importable.setdefault((folder, name[: -len(".py")]), facts.module)
    return [_rewritten(facts, importable) if facts.path_roots else facts for facts in files]


def enclosing_roots(files: List[FileFacts]) -> List[FileFacts]:
    """``files`` with a package module's absolute imports that name no module of the project read
    from a folder holding it: ``from llm.factory import create_client`` in ``bot/config.py`` (``bot``
    a package) imports ``bot/llm/factory.py``, which works only where ``bot/`` is on ``sys.path`` (the
    bot runs as ``python bot/main.py``, a cron script inserts it): the import is read as its author
    runs it (label policy 12), from the nearest enclosing folder that holds the name."""
    modules = {f.module for f in files}
    tops = {m.split(".", 1)[0] for m in modules}
    # a file spelled by its path from the scan root (``apps.news.summary`` for ``news.summary`` under
    # a namespace folder ``apps/``) is imported as spelled, not from a folder holding ``apps.py``
    paths = {path_name(f.path) for f in files}
    importable: Dict[Tuple[str, str], str] = {}
    for facts in files:
        folder, name = posixpath.split(facts.path)
        module = facts.module if name == "__init__.py" else facts.module.rpartition(".")[0]
        if name.endswith(".py") and name != "__init__.py":
            importable.setdefault((folder, name[: -len(".py")]), facts.module)
        while module and folder and posixpath.basename(folder) == module.rpartition(".")[2]:
            importable.setdefault(posixpath.split(folder), module)  # the packages holding it (an empty ``__init__.py`` is not scanned)
            folder, module = posixpath.dirname(folder), module.rpartition(".")[0]
    out: List[FileFacts] = []
    for facts in files:
        here = posixpath.dirname(facts.path)
        roots: Dict[str, str] = {}
        for value in facts.imports.values() if "." in facts.module else ():  # a module of a package
            stem = value.split(".", 1)[0]
            if stem in roots or stem in tops or _spells_a_path(value, paths):
                continue
            found = _enclosing(importable, here, stem)
            if found is None or found == facts.module:
                continue
            # an SDK's name (``llm``) only where the project holds the submodule imported (``llm.factory``)
            parts = value.split(".")[1:-1]
            if stem not in NEVER_SIBLINGS or any(".".join([found, *parts[:n]]) in modules for n in range(1, len(parts) + 1)):
                roots[stem] = found
        out.append(Renamer(roots).facts(facts) if roots else facts)
    return out


def _spells_a_path(value: str, paths: Set[str]) -> bool:
    """Does an imported name start with a project file's dotted path from the scan root?"""
    parts = value.split(".")
    return any(".".join(parts[:n]) in paths for n in range(2, len(parts) + 1))


def _enclosing(importable: Dict[Tuple[str, str], str], folder: str, stem: str) -> Optional[str]:
    """The module ``stem`` names in ``folder`` or the nearest folder above it holding one."""
    while folder:
        found = importable.get((folder, stem))
        if found is not None:
            return found
        folder = posixpath.dirname(folder)
    return None


def folders(facts: FileFacts) -> List[str]:
    """The scanned tree's folders (relative, ``""`` for the root) ``facts``' ``sys.path`` entries may
    name: one built from ``__file__`` is relative to the file; other relative text is relative to
    the working directory, the script's folder or the scanned root."""
    here = posixpath.dirname(facts.path)
    out: List[str] = []
    for root in facts.path_roots:
        if root == FILE or root.startswith(FILE + "/"):
            candidates = [posixpath.join(facts.path, root[len(FILE) + 1:])]
        elif root.startswith("/"):
            continue  # an absolute folder of the author's machine
        else:
            candidates = [posixpath.join(here, root), root]
        for candidate in candidates:
            folder = posixpath.normpath(candidate)
            folder = "" if folder == "." else folder
            if not folder.startswith("../") and folder != ".." and folder not in out:
                out.append(folder)
    return out


def _rewritten(facts: FileFacts, importable: Dict[Tuple[str, str], str]) -> FileFacts:
    here = posixpath.dirname(facts.path)
    roots: Dict[str, str] = {}
    for value in facts.imports.values():
        stem = value.split(".", 1)[0]
        if stem in roots or stem in NEVER_SIBLINGS or (here, stem) in importable:
            continue
        for folder in folders(facts):
            module = importable.get((folder, stem))
            if module is not None:
                if module != stem and module != facts.module:
                    roots[stem] = module
                break
    return Renamer(roots).facts(facts) if roots else facts
