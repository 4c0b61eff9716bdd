"""Parsing a file with libcst without letting a pathological file crash or stall the run.

CPython's own parser checks the file first: it names syntax errors precisely, rejects what
the interpreter would reject (200 nested brackets), and gives a tree cheap to measure. A file
it rejects is still analysed when libcst's parser reads it (syntax newer than the running
interpreter, such as 3.12's f-strings under 3.11): a syntax error needs both to reject it.
libcst's native parser overflows the C stack on deeply nested input and slows down badly on
very long operator chains, so a file nested deeper than ``MAX_DEPTH`` is reported instead of
parsed, and parsing runs on a thread with a large stack.

Every file's analysis has a wall-clock budget (``within_budget``). libcst's native parser
holds the GIL, so neither a thread nor a signal can stop it: a file that is large, or whose
nesting predicts a slow native parse (``check_python`` returns the cost), is analysed in a
forked child that is killed when it overruns; a crash of the child (a native stack overflow)
is reported the same way instead of killing the run. The rest (small files, whose native
parse is cheap) runs in-process under a ``SIGALRM`` timer that interrupts the Python phases
(metadata, visitors, recognisers), which is where their time goes.
"""
from __future__ import annotations

import ast
import functools
import pickle
import signal
import sys
import threading
from contextlib import contextmanager
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    Iterator,
    List,
    Optional,
    TypeVar,
)

from llm_latency_lint.syntax.checked import (
    MAX_DEPTH,
    measure,
    recall,
    vouch,
)

if TYPE_CHECKING:  # pragma: no cover
    import libcst as cst

_STACK_BYTES = 256 * 1024 * 1024
BUDGET_SECONDS = 30.0  # wall clock for one file's facts
BUDGET_FROM_CHARS = 128 * 1024  # from this size on, always a child process (native parse time grows with size)
# Summed AST node depth from which a small file is parsed in a child too: libcst's native parse
# costs about 2-4 us per unit (nested brackets, see docs/robustness.md), real files stay far
# below (a 93 KB module: 57,000), a 6 KB file of brackets nested 190 deep reaches 750,000.
SLOW_PARSE_COST = 400_000
T = TypeVar("T")


class ParseFailure(Exception):
    """One line saying why the file was not parsed."""


def check_python(text: str) -> int:
    """Raise ``ParseFailure`` unless CPython accepts ``text`` within ``MAX_DEPTH``; else return
    the summed node depth, which predicts libcst's native parse time. A text object already
    checked (``vouch``, ``measured``) is not parsed again."""
    known = recall(text)
    if known is not None:
        return known.cost
    try:
        tree = ast.parse(text)
    except SyntaxError as err:
        if _libcst_accepts(text):
            return 0  # syntax newer than this interpreter's (PEP 701 f-strings under 3.11): libcst reads it
        raise ParseFailure(f"syntax error at {err.lineno}:{err.offset or 1}: {err.msg}") from None
    except (RecursionError, MemoryError):
        raise ParseFailure("expression nested too deeply to parse") from None
    except ValueError as err:  # e.g. source code string cannot contain null bytes
        raise ParseFailure(f"cannot parse: {err}") from None
    verdict = measure(tree, MAX_DEPTH)
    if verdict is None:
        raise ParseFailure(f"expression nested deeper than {MAX_DEPTH} levels: not parsed")
    vouch(text, verdict)
    return verdict.cost


def _libcst_accepts(text: str) -> bool:
    """Does libcst's parser read ``text`` that CPython's rejected? A syntax error is reported only
    when both reject a file: libcst follows the newest grammar, whatever runs the tool."""
    if _bracket_depth(text) > MAX_DEPTH:
        return False  # CPython's nesting limit, not its grammar: libcst would recurse as deep
    try:
        parse_module(text, checked=True)
    except Exception:  # noqa: BLE001 - any failure means no
        return False
    return True


def _bracket_depth(text: str) -> int:
    """Deepest bracket nesting, counting brackets inside strings too (an upper bound)."""
    depth = deepest = 0
    for char in text:
        if char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]}":
            depth -= 1
    return deepest


def parse_module(text: str, checked: bool = False) -> cst.Module:
    """libcst parse after the CPython check (skipped when ``checked``), on a big-stack thread."""
    import libcst as cst  # imported on first parse: a warm run (everything cached) never needs it

    if not checked:
        check_python(text)
    outcome: Dict[str, Any] = {}

    def work() -> None:
        try:
            with _unvalidated():
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


_PARSES = [0]  # parses under way that skip libcst's node validation (``_unvalidated``)
_PARSES_LOCK = threading.Lock()


def _skip_validation(node: object) -> None:
    """``CSTNode.__post_init__`` while a parse runs: nothing to check."""


@contextmanager
def _unvalidated() -> Iterator[None]:
    """libcst's parser builds each node through its dataclass, whose ``__post_init__`` validates
    it (a sixth of the parse: whitespace patterns, operator spacing). A parsed tree is valid by
    construction, and CPython accepted the text first, so nodes built while a parse runs skip it
    (libcst's own note there: "avoid validating the tree when parsing a file"). Nested or
    concurrent parses share the switch; the last one out puts validation back."""
    from libcst._nodes.base import CSTNode

    if "__post_init__" not in CSTNode.__dict__:  # a libcst that validates elsewhere: parse as it does
        yield
        return
    with _PARSES_LOCK:
        if not _PARSES[0]:
            _VALIDATE[0] = CSTNode.__dict__["__post_init__"]
            setattr(CSTNode, "__post_init__", _skip_validation)
        _PARSES[0] += 1
    try:
        yield
    finally:
        with _PARSES_LOCK:
            _PARSES[0] -= 1
            if not _PARSES[0]:
                setattr(CSTNode, "__post_init__", _VALIDATE[0])


_VALIDATE: List[Any] = [None]  # libcst's own ``__post_init__``, while a parse replaces it


_OVERRUN = "analysis took longer than the "
_DIED = "analysis process died"


def overrun_message() -> str:
    return f"{_OVERRUN}{BUDGET_SECONDS:g} s per-file budget: skipped"


def depends_on_the_machine(message: str) -> bool:
    """True for an error the file itself may not cause (an overrun under load, a killed child),
    which must not be cached as the file's result."""
    return message.startswith((_OVERRUN, _DIED))


def within_budget(work: Callable[[bool], T], text: str) -> T:
    """``work(checked)`` for the file ``text``, bounded by ``BUDGET_SECONDS`` of wall clock.

    ``checked`` tells ``work`` that ``check_python(text)`` already passed. A small file whose
    check predicts a cheap native parse runs in-process under a ``SIGALRM`` timer (main thread
    only, and only while no other timer is armed); a large or slow-to-parse file, or a small
    one where the timer cannot be used, runs in a forked child. Exceptions raised by ``work``
    come back as they are; an overrun or a dead child becomes a ``ParseFailure``. Where neither
    works (no ``fork`` and no timer) the work runs unbounded; in a daemonic pool worker, which
    may not have children, the timer alone bounds it (not a native parse).
    """
    if len(text) < BUDGET_FROM_CHARS and _timer_usable():
        outcome = _under_timer(lambda: _small(work, text))
        if outcome is not _TO_CHILD:
            return outcome
    if _can_fork():
        return _in_child(functools.partial(work, False))
    if _timer_usable():
        return _under_timer(lambda: work(False))
    return work(False)


_TO_CHILD = object()


def _small(work: Callable[[bool], T], text: str) -> Any:
    """``work(True)``, or ``_TO_CHILD`` when the native parse would be slow and a child can take it."""
    if check_python(text) > SLOW_PARSE_COST and _can_fork():
        return _TO_CHILD
    return work(True)


class _Overrun(BaseException):
    """Raised by the timer; a BaseException, so no ``except Exception`` in the work swallows it."""


def _timer_usable() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # nobody else's alarm is pending
    )


_REARM_SECONDS = 0.05


def _under_timer(work: Callable[[], T]) -> T:
    armed, fired = [True], [False]

    def on_alarm(signum: int, frame: Any) -> None:
        if armed[0]:
            fired[0] = True
            raise _Overrun()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        try:
            # Repeats until disarmed: an alarm landing in a gc or ``__del__`` callback has its
            # exception printed and dropped by CPython, so the next one must raise again.
            signal.setitimer(signal.ITIMER_REAL, BUDGET_SECONDS, _REARM_SECONDS)
            return work()
        finally:
            armed[0] = False  # a signal already on its way is ignored from here on
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Overrun:
        raise ParseFailure(overrun_message()) from None
    except SystemError:
        # The alarm landed inside CPython's AST constructor, which reports the handler's exception
        # as "AST constructor recursion depth mismatch": an overrun all the same.
        if fired[0]:
            raise ParseFailure(overrun_message()) from None
        raise
    finally:
        signal.signal(signal.SIGALRM, previous)


# The start method of child processes (None: ``start_method()`` picks). Tests that patch code a
# child must run set "fork".
START_METHOD: Optional[str] = None


def start_method() -> Optional[str]:
    """How to start a child process here: ``fork`` (cheap, inherits everything) up to Python 3.11;
    from 3.12, where ``fork()`` of a multi-threaded process warns that the child may deadlock
    (our parse thread, a host's threads), ``forkserver`` (children forked from a single-threaded
    server). None where neither exists (Windows: no budget child, the timer or nothing bounds it)."""
    import multiprocessing  # only once a file needs a child: a warm run never imports it

    methods = multiprocessing.get_all_start_methods()
    wanted = START_METHOD or ("fork" if sys.version_info < (3, 12) else "forkserver")
    return wanted if wanted in methods else None


def child_context() -> Any:
    """The multiprocessing context for children (``start_method``); spawn where it has none."""
    import multiprocessing

    return multiprocessing.get_context(start_method() or "spawn")


def _can_fork() -> bool:
    import multiprocessing

    if start_method() is None:
        return False
    return not multiprocessing.current_process().daemon  # a pool worker (flake8's) may not have children


def _in_child(work: Callable[[], T]) -> T:
    """``work()`` in a child process, killed when it overruns. ``work`` must pickle (forkserver)."""
    context = child_context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_run_child, args=(work, sender), name="llm-latency-lint-file", daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(BUDGET_SECONDS):
            raise ParseFailure(overrun_message())
        try:
            ok, value = receiver.recv()
        except (EOFError, OSError):
            child.join(1)
            raise ParseFailure(f"{_DIED} (exit code {child.exitcode}): skipped") from None
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


def parse_error(exc: BaseException) -> str:
    if isinstance(exc, ParseFailure):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "expression nested too deeply to parse"
    return f"internal error while reading facts: {type(exc).__name__}: {exc}"
