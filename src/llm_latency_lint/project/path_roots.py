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
from typing import Dict, List, Tuple

from llm_latency_lint.model import PATH_FROM_FILE as FILE
from llm_latency_lint.model import FileFacts
from llm_latency_lint.project.scripts import NEVER_SIBLINGS, Renamer


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
