"""A small reader of TypeScript / JavaScript source text, for infrastructure declared in it.

No TypeScript toolchain: comments are blanked (newlines kept, so offsets keep their lines),
brackets matched with strings and template literals skipped, and argument lists and object
literals split at their top-level commas. Enough to read ``new lambda.Function(this, "Id", {
handler: "app.handler", code: lambda.Code.fromAsset(path.join(__dirname, "../lambda")) })``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Dict, Iterator, List, Optional, Tuple, Union

_QUOTES = "'\"`"
_OPEN, _CLOSE = "([{", ")]}"
_KEY = re.compile(r"^\s*(?:(\w+)|'([^']*)'|\"([^\"]*)\")\s*:(?!:)")
_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*$")


def _string_end(text: str, i: int) -> int:
    """The offset after the string literal opening at ``i`` (the end of ``text`` if unclosed)."""
    quote, i = text[i], i + 1
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == quote:
            return i + 1
        if c == "\n" and quote != "`":
            return i
        i += 1
    return len(text)


def strip_comments(text: str) -> str:
    """``text`` with ``//`` and ``/* */`` comments blanked to spaces (newlines kept)."""
    out: List[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _QUOTES:
            end = _string_end(text, i)
            out.append(text[i:end])
            i = end
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _code(text: str, i: int) -> Iterator[Tuple[int, str, int]]:
    """Each character from ``i`` outside string literals, with the bracket depth after it."""
    depth, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _QUOTES:
            i = _string_end(text, i)
            continue
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth -= 1
        yield i, c, depth
        i += 1


def closing(text: str, i: int) -> int:
    """The offset of the bracket closing the one at ``i`` (-1 when unbalanced)."""
    return next((at for at, c, depth in _code(text, i) if depth == 0 and c in _CLOSE), -1)


def split_top(text: str) -> List[str]:
    """``text`` split at its top-level commas, each part stripped (empty parts dropped)."""
    parts: List[str] = []
    start = 0
    for at, c, depth in _code(text, 0):
        if c == "," and depth == 0:
            parts.append(text[start:at].strip())
            start = at + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def arguments(text: str, open_paren: int) -> Optional[List[str]]:
    """The arguments of the call whose ``(`` stands at ``open_paren``."""
    found = _arguments(text, open_paren)
    return list(found) if found is not None else None


@lru_cache(maxsize=256)
def _arguments(text: str, open_paren: int) -> Optional[Tuple[str, ...]]:
    """Once per call: a ``new``'s arguments are read for its handler, its props and its wiring."""
    end = closing(text, open_paren)
    return tuple(split_top(text[open_paren + 1:end])) if end > 0 else None


def object_props(text: str) -> Dict[str, str]:
    """``{ handler: "app.handler", code, ...rest }`` -> {"handler": '"app.handler"', "code": "code"}."""
    text = text.strip()
    if not (text.startswith("{") and text.endswith("}")):
        return {}
    props: Dict[str, str] = {}
    for part in split_top(text[1:-1]):
        m = _KEY.match(part)
        if m:
            props[m.group(1) or m.group(2) or m.group(3) or ""] = part[m.end():].strip()
        elif re.fullmatch(r"\w+", part):  # shorthand ``{ handler }``
            props[part] = part
    return props


def literal(text: str) -> Union[str, int, float, None]:
    """A string literal's value (a template literal only without ``${}``), or a number's."""
    text = text.strip()
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] == text[0] and _string_end(text, 0) == len(text):
        body = text[1:-1]
        return None if text[0] == "`" and "${" in body else re.sub(r"\\(.)", r"\1", body)
    m = _NUMBER.match(text)
    if m:
        return float(m.group(1)) if "." in m.group(1) else int(m.group(1))
    return None


@lru_cache(maxsize=4)
def _newlines(text: str) -> Tuple[int, ...]:
    """Offsets of ``text``'s line breaks, once per text (a file's triggers each ask a line)."""
    return tuple(m.start() for m in re.finditer("\n", text))


def line_at(text: str, offset: int) -> int:
    return bisect_left(_newlines(text), offset) + 1
