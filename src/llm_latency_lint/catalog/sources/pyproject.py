"""Console scripts: ``[project.scripts]`` / ``[tool.poetry.scripts]`` in ``pyproject.toml``, and
``console_scripts`` under ``[options.entry_points]`` in ``setup.cfg``.

``gpt = "gptcli.gpt:main"`` installs a command a person types: an entry point (``console:gpt``)
whose function is run by hand when nothing in the repository runs it (see ``project/classify``:
a command-line tool, like a ``__main__`` block that parses its arguments). The root project's
``name`` is also a name its published GitHub Action goes by (``uses: owner/<name>@v1``:
``github_actions.own_action_key``).
"""
from __future__ import annotations

import re
import sys
from typing import Any, List

from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources.github_actions import own_action
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
    named = data.get("project", {}).get("name") or data.get("tool", {}).get("poetry", {}).get("name")
    if relpath == "pyproject.toml" and isinstance(named, str) and named:
        found.append(own_action(named, _line(text, "name"), "github-actions", f"project '{named}' ({relpath})"))
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

