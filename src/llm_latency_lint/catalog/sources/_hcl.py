"""Terraform's HCL read with patterns, not a parser: blocks by balanced braces (those in strings,
comments and heredocs not counted), literal ``key = "value"`` attributes and references."""
from __future__ import annotations

import re
from typing import Iterator, List, Optional, Tuple

_BLOCK = re.compile(r'^[ \t]*(resource|data|module|output)\s+"([\w-]+)"(?:\s+"([\w-]+)")?\s*\{', re.MULTILINE)
Block = Tuple[str, str, int, str]  # type, name, line, body


def _blocks(text: str) -> Iterator[Block]:
    """Every ``resource`` / ``data`` / ``module`` block with its body. Each scan stops where the
    next block at the same or a lower indentation starts (an unbalanced brace cannot run it to the
    end of the file), so the whole pass is linear in the text."""
    matches = list(_BLOCK.finditer(text))
    columns = [m.start(1) - (text.rfind("\n", 0, m.start(1)) + 1) for m in matches]
    stops = [len(text)] * len(matches)
    waiting: List[int] = []  # blocks whose next block at their indentation or lower is not yet met
    for index, column in enumerate(columns):
        while waiting and columns[waiting[-1]] >= column:
            stops[waiting.pop()] = matches[index].start(1)
        waiting.append(index)
    line, counted = 1, 0
    for match, stop in zip(matches, stops):
        line += text.count("\n", counted, match.start(1))  # the keyword's own line
        counted = match.start(1)
        if match.group(1) in ("module", "output"):
            kind, name = match.group(1), match.group(2)
        elif match.group(3) is None:
            continue
        else:
            kind, name = (match.group(2) if match.group(1) == "resource" else f"data.{match.group(2)}"), match.group(3)
        yield kind, name, line, text[match.end():_block_end(text, match.end() - 1, stop)]


# In code: a string, a comment, a heredoc's start, a brace. In a string: an escape, its end, an
# interpolation, a line end (an unterminated string ends there).
_CODE = re.compile(r'"|#|//|/\*|<<-?[ \t]*"?(\w+)"?[ \t]*\n|[{}]')
_STRING = re.compile(r'\\.|"|[$%]\{|\n')


def _block_end(text: str, start: int, stop: int) -> int:
    """The index of the brace closing the one at ``start``, braces inside strings, interpolations'
    strings, comments and heredocs not counted; ``stop`` if it is not closed before ``stop``."""
    depth, at = 0, start
    interpolations: List[int] = []  # the depth each open ``${`` returns to, back into its string
    in_string = False
    while at < stop:
        found = (_STRING if in_string else _CODE).search(text, at, stop)
        if found is None:
            return stop
        token, at = found.group(), found.end()
        if in_string:
            if token in ('"', "\n"):
                in_string = False
            elif token in ("${", "%{"):
                interpolations.append(depth)
                depth += 1
                in_string = False
        elif token == '"':
            in_string = True
        elif token in ("#", "//"):
            at = _after(text, "\n", at, stop)
        elif token == "/*":
            at = _after(text, "*/", at, stop)
        elif token.startswith("<<"):
            end = re.compile(rf"^[ \t]*{found.group(1)}[ \t]*$", re.MULTILINE).search(text, at, stop)
            at = end.end() if end else stop
        elif token == "{":
            depth += 1
        else:
            depth -= 1
            if interpolations and depth == interpolations[-1]:
                interpolations.pop()
                in_string = True
            elif depth <= 0:
                return found.start()
    return stop


def _after(text: str, end: str, at: int, stop: int) -> int:
    found = text.find(end, at, stop)
    return stop if found < 0 else found + len(end)


def _attr(body: str, key: str) -> Optional[str]:
    found = re.search(rf'^[ \t]*{key}\s*=\s*"([^"\n]*)"', body, re.MULTILINE)
    return found.group(1) if found else None


def _ref(body: str, key: str) -> Optional[str]:
    """``arn = aws_lambda_function.digest.arn`` -> ``aws_lambda_function.digest`` (``data.`` keeps three)."""
    found = re.search(rf'^[ \t]*{key}\s*=\s*"?\$?\{{?\s*([\w.-]+)', body, re.MULTILINE)
    if not found:
        return None
    parts = found.group(1).split(".")
    return ".".join(parts[:3] if parts[0] in ("data", "module") else parts[:2])


def _list(body: str, key: str) -> List[str]:
    found = re.search(rf"^[ \t]*{key}\s*=\s*\[([^\]]*)\]", body, re.MULTILINE)
    return re.findall(r'"([^"]*)"', found.group(1)) if found else []
