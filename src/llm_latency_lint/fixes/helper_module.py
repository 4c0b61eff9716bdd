"""One generated helper module per package: the batch helpers every fixed module imports.

A batch fix needs ~100 lines of helper code (submit, poll, map results back, raise the SDK's
errors). Instead of pasting them into each fixed module, the fixer writes them once to
``<top-level package>/_llm_batch.py``, or to the path set by ``fix-helper-module``;
``fix-helper-module = "inline"`` keeps the old one-copy-per-module layout. A script outside any
package that imports one of the project's packages (``from deskapp.models import Article``,
after its own ``sys.path`` set-up) uses that package's module, the first such package it
imports: one helper module per project, importable wherever the script's own imports are (the
import goes into the same run of imports). A script that imports no project package gets
``_llm_batch.py`` beside it, importable the way the script's own folder is.

The module is created with a docstring carrying ``MARKER`` (the format version). A later fix
adds only the helpers it lacks and never rewrites one that is there; a file at that path
without the marker is the project's own and is never touched (the fix is refused, saying so).
The fixed code imports the helper by its absolute module name and depends only on the SDKs.
"""
from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable, Mapping, Optional, Sequence, Set

import libcst as cst

from llm_latency_lint.files.discover import module_name
from llm_latency_lint.files.read import SourceError, decode, read_bytes
from llm_latency_lint.fixes.base import Helper
from llm_latency_lint.fixes.imports import FirstParty, add_imports

# 2: a helper's results are ``map(result, ...)``: a failed item raises at its own result and the
# next one still comes (format 1's generator stopped there), which a per-item ``try`` relies on.
FORMAT = 2
MARKER = f"llm-latency-lint helper module, format {FORMAT}"
FILE_NAME = "_llm_batch.py"
AUTO, INLINE = "auto", "inline"

HEADER = f'''"""Batch helpers for LLM calls that ``llm-latency-lint check --fix`` moved to batch APIs.

Written by llm-latency-lint ({MARKER}).
Each fixed module imports the helper it needs from here; a later fix adds the helpers it
lacks and leaves those here untouched. The code depends only on the provider SDKs.
"""
'''


@dataclass(frozen=True)
class Target:
    path: str  # POSIX, relative to the project root
    module: str  # the import name fixed modules use


def target_for(setting: str, root: Path, relpath: str, module: str, imports: Iterable[str] = (),
               script_dir: bool = False) -> Optional[Target]:
    """Where the helpers of the file ``relpath`` (import name ``module``, importing the dotted
    names ``imports``, in order) go; None: inline. ``script_dir``: the module is imported by its
    bare name from its own folder (``sibling_imported``), so the helpers go beside it."""
    if setting == INLINE:
        return None
    if setting != AUTO:
        name, _ = module_name(root / setting)
        return Target(PurePosixPath(setting).as_posix(), name)
    parts = module.split(".")
    folder = PurePosixPath(relpath).parent
    if script_dir:
        return Target((folder / FILE_NAME).as_posix(), FILE_NAME[:-3])
    depth = len(parts) - (0 if PurePosixPath(relpath).name == "__init__.py" else 1)  # package folders above
    if depth <= 0 or len(folder.parts) < depth:
        for imported in imports:  # a script that imports the project's package reuses its module
            top = imported.split(".", 1)[0]
            for base in (PurePosixPath(), PurePosixPath("src")):
                if top and not top.startswith("_") and os.path.isfile(root / base / top / "__init__.py"):
                    return Target((base / top / FILE_NAME).as_posix(), f"{top}.{FILE_NAME[:-3]}")
        return Target((folder / FILE_NAME).as_posix(), FILE_NAME[:-3])
    package = folder if depth == 1 else folder.parents[depth - 2]
    return Target((package / FILE_NAME).as_posix(), f"{parts[0]}.{FILE_NAME[:-3]}")


def sibling_imported(relpath: str, module: str, texts: Mapping[str, str],
                     imports: Mapping[str, Sequence[str]]) -> bool:
    """Whether the module ``relpath`` (import name ``module``) lives in a script directory
    although ``__init__.py`` files make it look like a package module: nothing imports it by
    its package name, and a file of its own folder imports it by its bare name (a script beside
    it: ``import prompt_generator``), or it imports a sibling by bare name itself. Such a module
    sees its folder on ``sys.path``, not the package root, so ``from pkg._llm_batch`` would fail
    unless the package happens to be installed. ``texts``: the project's files (the folder's are
    read for their imports); ``imports``: the analysed files' imported names."""
    parts = module.split(".")
    if len(parts) < 2 or PurePosixPath(relpath).name == "__init__.py":
        return False
    folder, short = PurePosixPath(relpath).parent, parts[-1]
    if any(n == module or n.startswith(module + ".") for names in imports.values() for n in names):
        return False
    local = {p: _imported(t) for p, t in texts.items() if PurePosixPath(p).parent == folder and p.endswith(".py")}
    own = local.get(relpath, set())
    if short in own:  # ``llm/openai.py`` importing the SDK: a bare ``openai`` elsewhere is the SDK
        return False
    if any(short in names for p, names in local.items() if p != relpath):
        return True
    siblings = {PurePosixPath(p).stem for p in local if p != relpath and not p.endswith("__init__.py")}
    return bool(own & siblings)


def _imported(text: str) -> Set[str]:
    """The top-level names a file's absolute imports start with."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return set()
    found: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name.split(".", 1)[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".", 1)[0])
    return found


def read_existing(root: Path, target: Target) -> Optional[str]:
    path = root / target.path
    if not os.path.isfile(path):
        return None
    try:
        text = decode(read_bytes(str(path))).text
    except SourceError:
        text = None
    return text if text is not None else ""


def refusal(target: Target, existing: Optional[str]) -> Optional[str]:
    if existing is not None and MARKER.rsplit(",", 1)[0] not in existing:
        return (f"{target.path} exists and was not written by llm-latency-lint; the batch helpers go there "
                "(set `fix-helper-module` to another path, or \"inline\")")
    return None


def format_of(text: Optional[str]) -> int:
    """The format an existing helper module was written in (0: none or not ours)."""
    found = re.search(re.escape(MARKER.rsplit(",", 1)[0]) + r", format (\d+)", text or "")
    return int(found.group(1)) if found else 0


def too_old(target: Target, existing: Optional[str], needed: int) -> Optional[str]:
    """Why a rewrite relying on format ``needed`` cannot use the helper module there, if so."""
    have = format_of(existing)
    if existing is not None and 0 < have < needed:
        return (f"{target.path} was written by an older llm-latency-lint (helper module format {have}): its "
                "results stop at a failed item, and this rewrite keeps the loop's per-item `try` only with "
                f"format {needed} helpers; delete it (the next fix writes it anew)")
    return None


def render(existing: Optional[str], helpers: Sequence[Helper], first_party: FirstParty) -> Optional[str]:
    """The helper module with ``helpers`` (and what they require) present; None if unchanged."""
    from llm_latency_lint.fixes.emit import (
        add_helpers,
        bound_at_top,
        ordered,
        prune_imports,
    )

    original = cst.parse_module(existing if existing is not None else HEADER)
    bound = bound_at_top(original)
    needed = [h for h in ordered(helpers) if h.name not in bound]
    if not needed:
        return None if existing is not None else original.code
    module = add_imports(original, [i for h in needed for i in h.imports], first_party)
    return prune_imports(original, add_helpers(module, needed)).code
