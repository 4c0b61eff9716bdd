"""Python given on a command line (``python -c "from app.jobs import run; run()"``, a heredoc
``python - <<'EOF' ... EOF`` in a CI step): the dotted names of what the code calls through its
imports. Each becomes a ``call:<dotted>`` entry key, which the project graph resolves to the
function (``project/classify.py``). Read with ``ast``: the code is never run."""
from __future__ import annotations

import ast
import re
from typing import Dict, List, Optional, Tuple

CALL_KEY = "call:"  # the entry key of a function such code calls: ``call:app.jobs.run``
_HEREDOC = re.compile(r"""\bpython[\d.]*\b[^\n<]*<<-?[ \t]*(['"]?)(\w+)\1[ \t]*$""")


def called_names(code: str) -> List[str]:
    """``from app.jobs import run as r; r()`` -> ["app.jobs.run"]; ``import app; app.jobs.run()``
    -> ["app.jobs.run"]. Calls of names the code does not import are left out."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return []
    aliases: Dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                aliases[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
    found: List[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            dotted = _dotted(node.func)
            head, _, rest = (dotted or "").partition(".")
            if head in aliases:
                found.append(aliases[head] + (f".{rest}" if rest else ""))
    return list(dict.fromkeys(found))


def _dotted(node: ast.expr) -> Optional[str]:
    parts: List[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


def split_heredocs(text: str) -> Tuple[str, List[str]]:
    """``text`` without the bodies of ``python <<EOF`` heredocs, and those bodies."""
    lines = text.splitlines()
    kept: List[str] = []
    bodies: List[str] = []
    at = 0
    while at < len(lines):
        found = _HEREDOC.search(lines[at])
        if not found:
            kept.append(lines[at])
            at += 1
            continue
        end = next((i for i in range(at + 1, len(lines)) if lines[i].strip() == found.group(2)), len(lines))
        bodies.append("\n".join(_dedent(lines[at + 1:end])))
        at = end + 1
    return "\n".join(kept), bodies


def _dedent(lines: List[str]) -> List[str]:
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return [line[cut:] for line in lines]
