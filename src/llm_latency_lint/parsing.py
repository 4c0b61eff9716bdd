"""Parsing a file with libcst without letting a pathological file crash or stall the run.

CPython's own parser checks the file first: it names syntax errors precisely, rejects what
the interpreter would reject (200 nested brackets), and gives a tree cheap to measure.
libcst's native parser overflows the C stack on deeply nested input and slows down badly on
very long operator chains, so a file nested deeper than ``MAX_DEPTH`` is reported instead of
parsed, and parsing runs on a thread with a large stack.

libcst's parser holds the GIL, so a thread cannot be timed out: a large file (the only kind
that can take long once nesting is bounded) is analysed in a forked child process under a
wall-clock budget, killed when it overruns, and reported as an error; a crash of the child
(a native stack overflow) is reported the same way instead of killing the run.
"""
from __future__ import annotations

import ast
import multiprocessing
import pickle
import threading
from typing import TYPE_CHECKING, Any, Callable, Dict, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    import libcst as cst

MAX_DEPTH = 200  # AST nesting; real code stays far below, generated chains do not
_STACK_BYTES = 256 * 1024 * 1024
BUDGET_SECONDS = 30.0  # wall clock for one file's facts
BUDGET_FROM_CHARS = 128 * 1024  # smaller files finish in well under a second: no child process
T = TypeVar("T")


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


def within_budget(work: Callable[[], T], size: int) -> T:
    """``work()``, in a forked child bounded by ``BUDGET_SECONDS`` when ``size`` is large.

    Exceptions raised by ``work`` come back as they are; an overrun or a dead child becomes a
    ``ParseFailure``. Where ``fork`` is unavailable, or inside a daemonic pool worker, the work
    runs in-process, unbounded.
    """
    if size < BUDGET_FROM_CHARS or "fork" not in multiprocessing.get_all_start_methods():
        return work()
    if multiprocessing.current_process().daemon:
        return work()  # a pool worker (ours, flake8's) may not have children: unbounded there
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_run_child, args=(work, sender), name="llm-latency-lint-file", daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(BUDGET_SECONDS):
            raise ParseFailure(f"analysis took longer than the {BUDGET_SECONDS:g} s per-file budget: skipped")
        try:
            ok, value = receiver.recv()
        except (EOFError, OSError):
            child.join(1)
            raise ParseFailure(f"analysis process died (exit code {child.exitcode}): skipped") from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if ok:
        return value
    raise value


def _run_child(work: Callable[[], Any], sender: Any) -> None:
    try:
        outcome = (True, work())
    except BaseException as exc:  # noqa: BLE001 - handed back to the parent
        outcome = (False, exc)
    try:
        sender.send(outcome)
    except (pickle.PicklingError, TypeError, AttributeError):
        sender.send((False, RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]}")))
