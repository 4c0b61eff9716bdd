"""Console scripts: ``[project.scripts]`` / ``[tool.poetry.scripts]`` in ``pyproject.toml``.

``gpt = "gptcli.gpt:main"`` installs a command a person types: an entry point (``console:gpt``)
whose function is run by hand when nothing in the repository runs it (see ``project/classify``:
a command-line tool, like a ``__main__`` block that parses its arguments).
"""
from __future__ import annotations

import re
import sys
from typing import Any, List

from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.model import Trigger

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SOURCE_ID = "console-script"


def matches(relpath: str, name: str) -> bool:
    return name == "pyproject.toml"


def _line(text: str, name: str) -> int:
    found = re.search(rf"^\s*[\"']?{re.escape(name)}[\"']?\s*=", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def parse(relpath: str, text: str) -> List[Trigger]:
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeError):
        return []
    tables: List[Any] = [
        data.get("project", {}).get("scripts"),
        data.get("tool", {}).get("poetry", {}).get("scripts"),
    ]
    found: List[Trigger] = []
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

