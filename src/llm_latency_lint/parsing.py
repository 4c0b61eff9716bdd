"""Parsing a file with libcst without letting a pathological file crash or stall the run.

CPython's own parser checks the file first: it names syntax errors precisely, rejects what
the interpreter would reject (200 nested brackets), and gives a tree cheap to measure.
libcst's native parser overflows the C stack on deeply nested input and slows down badly on
very long operator chains, so a file nested deeper than ``MAX_DEPTH`` is reported instead of
parsed, and parsing runs on a thread with a large stack.
"""
from __future__ import annotations

import ast
import threading
from typing import TYPE_CHECKING, Any, Dict

if TYPE_CHECKING:  # pragma: no cover
    import libcst as cst

MAX_DEPTH = 200  # AST nesting; real code stays far below, generated chains do not
_STACK_BYTES = 256 * 1024 * 1024


class ParseFailure(Exception):
    """One line saying why the file was not parsed."""


def ast_depth(tree: ast.AST, limit: int) -> int:
    """Deepest nesting in ``tree``, counting no further than ``limit`` + 1 (iterative)."""
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                return deepest
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def check_python(text: str) -> None:
    try:
        tree = ast.parse(text)
    except SyntaxError as err:
        raise ParseFailure(f"syntax error at {err.lineno}:{err.offset or 1}: {err.msg}") from None
    except (RecursionError, MemoryError):
        raise ParseFailure("expression nested too deeply to parse") from None
    except ValueError as err:  # e.g. source code string cannot contain null bytes
        raise ParseFailure(f"cannot parse: {err}") from None
    if ast_depth(tree, MAX_DEPTH) > MAX_DEPTH:
        raise ParseFailure(f"expression nested deeper than {MAX_DEPTH} levels: not parsed")


def parse_module(text: str) -> cst.Module:
    """libcst parse after the CPython check, on a big-stack thread."""
    import libcst as cst  # imported on first parse: a warm run (everything cached) never needs it

    check_python(text)
    outcome: Dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["module"] = cst.parse_module(text)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller's thread
            outcome["error"] = exc

    previous = threading.stack_size(_STACK_BYTES)
    try:
        worker = threading.Thread(target=work, name="llm-latency-lint-parse", daemon=True)
        worker.start()
    finally:
        threading.stack_size(previous)
    worker.join()
    error = outcome.get("error")
    if isinstance(error, cst.ParserSyntaxError):
        raise ParseFailure(f"syntax error at {error.raw_line}:{error.raw_column + 1}: libcst cannot parse this") from None
    if isinstance(error, RecursionError):
        raise ParseFailure("expression nested too deeply to parse") from None
    if error is not None:
        raise error
    return outcome["module"]
