"""The folder a Terraform Lambda function's package was built from, when Terraform only names a zip.

``filename = "aggregator.zip"`` beside the ``.tf`` (or an ``s3_key``) is an artifact a script
builds elsewhere (``lambdas/deploy.sh`` zipping ``lambdas/aggregator/index.py``); with several
``index.py`` in the repository, ``handler = "index.handler"`` alone is ambiguous. The shell script
that builds the zip says which folder it packs (``packed_zips``: ``cp src/agent/index.py build/; cd
build; zip -r ../agent.zip .``, read by ``sources/shell.py``); else the zip's stem names the folder.
The project pairs the function with the folder so packed, or the one folder of the stem's name,
holding the handler module (``project/classify_entries.add_packaged_handlers``).
Not ``function_name``'s words: ``"${var.project}-report-${var.env}"`` names the deployment, and a
``report/`` package of the same word is as likely another app as the function's code.
"""
from __future__ import annotations

import posixpath
import re
import shlex
from typing import Dict, Iterable, List, Tuple

from llm_latency_lint.catalog.sources._hcl import _attr
from llm_latency_lint.model import Trigger

# A handler whose package a script builds: ``<folder of the .tf>|<names of the package>|<handler>``.
PACKAGE_KEY = "terraform-package:"
_INTERPOLATION = re.compile(r"\$\{[^}]*\}")


def package_names(body: str) -> List[str]:
    """What names the folder a function's package was built from, when the zip is a build artifact
    beside the ``.tf`` or in S3 (``filename = "aggregator.zip"`` a script zips from
    ``lambdas/aggregator/``; a zip inside a code folder keeps that folder): the stem
    of its ``filename`` / ``s3_key`` zip. The project pairs the function with the one folder of
    that name holding its handler module (``add_packaged_handlers``)."""
    names: List[str] = []
    for key in ("filename", "s3_key"):
        path = (_attr(body, key) or "").replace("${path.module}/", "")
        if key == "filename" and ("/" in path or _attr(body, "source_dir") or _attr(body, "source_path")):
            return []  # a zip inside a code folder, or code named otherwise: its own folder, as before
        stem = posixpath.splitext(posixpath.basename(_INTERPOLATION.sub("", path)))[0]
        if path.endswith(".zip") and stem and not stem.startswith("."):
            names.append(stem)
    return [n for i, n in enumerate(names) if n not in names[:i] and re.fullmatch(r"[\w.-]+", n)]


# What a build script packs: the entry ``zip-package:<stem>`` of each folder a zip's files come from
# (``zip-folder:<folder>``), for the function whose package names that stem (``add_packaged_handlers``).
ZIP_KEY, FOLDER_KEY = "zip-package:", "zip-folder:"
_SEPARATORS = re.compile(r"\s*(?:&&|\|\||;|\|)\s*")
_COPY_OPTIONS = re.compile(r"^-[a-zA-Z]+$|^--[\w-]+$")


def packed_zips(relpath: str, lines: Iterable[Tuple[int, str]]) -> List[Trigger]:
    """``cp src/agent/index.py build/; cd build; zip -r ../agent.zip .`` (or ``cd src/agent && zip -r
    ../../agent.zip .``, ``zip -j agent.zip src/agent/index.py``): ``agent.zip`` holds
    ``src/agent``'s files at its root. Paths are read from the repository's root and from the
    script's own folder (where it is run from is not written); words with variables are not read."""
    cwd = ""  # the folder it is in
    stack: List[str] = []  # ``pushd``'s
    staged: Dict[str, List[str]] = {}  # a staging folder -> the folders copied into it
    found: List[Trigger] = []
    for number, line in lines:
        outside = (cwd, list(stack)) if line.strip().startswith("(") else None  # a subshell's ``cd`` ends with it
        for part in _SEPARATORS.split(line.strip().strip("()")):
            try:
                words = shlex.split(part)
            except ValueError:
                continue
            head, args = (posixpath.basename(words[0]), words[1:]) if words else ("", [])
            if head in ("cd", "pushd"):
                if head == "pushd":
                    stack.append(cwd)
                target = args[0] if args else ""
                cwd = "" if "dirname" in target or not target else cwd if "$" in target else _join(cwd, target)
            elif head == "popd":
                cwd = stack.pop() if stack else cwd
            elif head == "cp" and len(args) >= 2 and "$" not in part:
                plain = [a for a in args if not _COPY_OPTIONS.match(a)]
                sources = [_join(cwd, s) for s in plain[:-1]]
                staged.setdefault(_join(cwd, plain[-1]), []).extend(
                    f for s in sources for f in _copied_folders(s))
            elif head == "zip" and "$" not in part:
                plain = [a for a in args if not a.startswith("-")]
                if not plain or not plain[0].endswith(".zip"):
                    continue
                stem = posixpath.splitext(posixpath.basename(plain[0]))[0]
                folders = _zipped_folders(cwd, plain[1:] or ["."], "-j" in args or "--junk-paths" in args, staged)
                found.extend(_package(relpath, number, stem, folder) for folder in _anchored(relpath, folders))
        cwd, stack = outside if outside is not None else (cwd, stack)
    return found


def _join(cwd: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(cwd, path.rstrip("/"))) if path else cwd


def _copied_folders(source: str) -> List[str]:
    """The folder whose files a ``cp`` source puts at the staging folder's top: a file's folder, a
    glob's or ``dir/.``'s folder; a folder copied whole (``cp -r src/agent build/``) lands as
    ``build/agent``, so its parent's modules name it (and, where ``build`` did not exist, itself)."""
    base = posixpath.basename(source)
    if "*" in base or base == "." or posixpath.splitext(base)[1]:
        return [posixpath.dirname(source) or "."]
    return [source, posixpath.dirname(source) or "."]


def _zipped_folders(cwd: str, files: List[str], junk: bool, staged: Dict[str, List[str]]) -> List[str]:
    folders: List[str] = []
    for name in files:
        path = _join(cwd, name)
        if junk or posixpath.splitext(name)[1] == ".py":
            folders.append(posixpath.dirname(path) or ".")
        elif name in (".", "*", "./*", "./"):
            folders.extend(staged.get(cwd, [cwd or "."]))
        else:  # a folder zipped with its name: its modules are named from here
            folders.extend(staged.get(path, []) + [cwd or "."])
    return list(dict.fromkeys(folders))


def _anchored(relpath: str, folders: List[str]) -> List[str]:
    """Each folder as read from the repository's root and from the script's folder."""
    here = posixpath.dirname(relpath)
    out = [f for f in folders if not f.startswith("..")]
    out += [posixpath.normpath(posixpath.join(here, f)) for f in folders if here]
    return [f for f in dict.fromkeys(out) if not f.startswith("..")]


def _package(relpath: str, line: int, stem: str, folder: str) -> Trigger:
    return Trigger("entry", "shell", ["entry", FOLDER_KEY + folder], line,
                   f"{relpath} packs {stem}.zip from {folder}/", entry_key=ZIP_KEY + stem)
