"""Console scripts: ``[project.scripts]`` / ``[tool.poetry.scripts]`` in ``pyproject.toml``, and
``console_scripts`` under ``[options.entry_points]`` in ``setup.cfg``.

``gpt = "gptcli.gpt:main"`` installs a command a person types: an entry point (``console:gpt``)
whose function is run by hand when nothing in the repository runs it (see ``project/classify``:
a command-line tool, like a ``__main__`` block that parses its arguments). The root project
states the repository's GitHub address, which its published GitHub Action goes by (``uses:
owner/name@v1``: ``github_actions.own_action_key``): a ``[project.urls]`` (or Poetry
``repository`` / ``homepage``) GitHub URL, or the project's ``name`` under the login of an
author's GitHub no-reply e-mail address.
"""
from __future__ import annotations

import re
import sys
from typing import Any, Dict, List, Tuple

from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources.github_actions import (
    GITHUB_REPOSITORY,
    NOREPLY_LOGIN,
    own_action,
)
from llm_latency_lint.model import Trigger

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SOURCE_ID = "console-script"


def matches(relpath: str, name: str) -> bool:
    return name in ("pyproject.toml", "setup.cfg")


def _line(text: str, name: str) -> int:
    found = re.search(rf"^\s*[\"']?{re.escape(name)}[\"']?\s*=", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def _addresses(data: Any) -> Dict[Tuple[str, str], Tuple[str, str]]:
    """(owner, name) -> (the key stating it, how) for each GitHub address the project states is its own."""
    project, tool = _table(data, "project"), _table(data, "tool")
    poetry, urls = _table(tool, "poetry"), _table(project, "urls")
    stated = list(urls.items())
    stated += [(key, poetry.get(key)) for key in ("repository", "homepage")]
    found: Dict[Tuple[str, str], Tuple[str, str]] = {}
    for key, value in stated:
        address = GITHUB_REPOSITORY.match(value.strip()) if isinstance(value, str) else None
        if address:
            found.setdefault((address.group(1), address.group(2)), (key, f"project URL {value.strip()}"))
    named = project.get("name") or poetry.get("name")
    if not isinstance(named, str) or not named:
        return found
    people = [*(project.get("authors") or []), *(project.get("maintainers") or []), *(poetry.get("authors") or [])]
    emails = [p.get("email") if isinstance(p, dict) else p for p in people if isinstance(p, (dict, str))]
    for email in emails:
        login = NOREPLY_LOGIN.search(email) if isinstance(email, str) else None
        if login:
            found.setdefault((login.group(1), named), ("name", f"project '{named}' by GitHub user {login.group(1)}"))
    return found


def _table(data: Dict[str, Any], key: str) -> Dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _setup_cfg(relpath: str, text: str) -> List[Trigger]:
    """``console_scripts =`` lines ``name = pkg.mod:func`` under ``[options.entry_points]``."""
    found: List[Trigger] = []
    section, inside = "", False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            section, inside = line[1:-1].strip(), False
            continue
        if section != "options.entry_points" or not line or line.startswith(("#", ";")):
            continue
        if not raw[:1].isspace():  # a key of the section: is it the console scripts' group?
            key, _, value = line.partition("=")
            inside = key.strip() == "console_scripts"
            line = value.strip()
            if not line:
                continue
        name, _, target = line.partition("=")
        if inside and ":" in target:
            found.append(Trigger(kind="entry", source=SOURCE_ID, target=["str", target.split("[")[0].strip()],
                                 line=number, note=f"console script '{name.strip()}' = {target.strip()} ({relpath})",
                                 entry_key=f"console:{name.strip()}"))
    return found


def parse(relpath: str, text: str) -> List[Trigger]:
    if relpath.endswith("setup.cfg"):
        return _setup_cfg(relpath, text)
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeError):
        return []
    tables: List[Any] = [
        data.get("project", {}).get("scripts"),
        data.get("tool", {}).get("poetry", {}).get("scripts"),
    ]
    found: List[Trigger] = []
    if relpath == "pyproject.toml":
        for (owner, name), (key, what) in _addresses(data).items():
            found.append(own_action(owner, name, _line(text, key), "github-actions", f"{what} ({relpath})"))
    for table in tables:
        if not isinstance(table, dict):
            continue
        for name, value in table.items():
            target = value if isinstance(value, str) else (value.get("reference") if isinstance(value, dict) else None)
            if not isinstance(target, str) or ":" not in target:
                continue
            found.append(Trigger(kind="entry", source=SOURCE_ID, target=["str", target.split("[")[0].strip()],
                                 line=_line(text, name), note=f"console script '{name}' = {target} ({relpath})",
                                 entry_key=f"console:{name}"))
    return found


SOURCE = Source(SOURCE_ID, matches, parse)

