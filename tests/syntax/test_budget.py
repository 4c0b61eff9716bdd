"""The per-file time budget: a file that overruns it becomes one error, the others are checked.

Files are made slow on purpose (a visitor that never returns on a call to ``spin()``, or
brackets nested deep enough that libcst's native parser needs seconds) and the budget is
patched down to one second, so no test depends on how fast the machine is.
"""
from __future__ import annotations

import gc
import signal
import sys
import threading
import time
import warnings

import pytest

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.facts import visitor as facts
from llm_latency_lint.syntax import parse as parsing

GOOD = (
    "from openai import OpenAI\nclient = OpenAI()\n\n"
    "def nightly():  # llm-latency: scheduled\n    client.chat.completions.create(model='m', messages=[])\n"
)
SPIN = "import openai\nspin()\n"
REAL_VISIT_CALL = facts.FactsVisitor.visit_Call
OVERRUN = "analysis took longer than the 1 s per-file budget: skipped"
# The spinning visitor is a patch in this process: its children must be forked to see it, which
# Python 3.12+ warns about when this process has threads (the tool itself uses forkserver there).
pytestmark = pytest.mark.filterwarnings("ignore:This process.* is multi-threaded:DeprecationWarning")


@pytest.fixture(autouse=True)
def no_gc_callbacks():
    """The budget's alarm raises wherever the work is; a gc callback another test's library left
    (hypothesis times collections) can be where it lands, and CPython then hands the exception to
    pytest's unraisable hook, which the next alarm can interrupt in turn: an error pytest reports
    whatever the test asserts. The tool survives both (the alarm fires again); the tests here take
    the callbacks away while they run so that pytest's reporting is not what they measure."""
    saved = gc.callbacks[:]
    gc.callbacks.clear()
    try:
        yield
    finally:
        gc.callbacks[:] = saved


@pytest.fixture
def spinning(monkeypatch):
    """A one-second budget and a visitor that spins (for two minutes) on ``spin()``; counts forked children."""
    monkeypatch.setattr(parsing, "BUDGET_SECONDS", 1.0)
    monkeypatch.setattr(parsing, "START_METHOD", "fork")  # children see the patched visitor
    real_visit = facts.FactsVisitor.visit_Call

    def visit_call(self, node):
        if getattr(node.func, "value", None) == "spin":
            give_up = time.monotonic() + 120  # an unbounded run fails the test instead of hanging it
            while time.monotonic() < give_up:
                pass
        return real_visit(self, node)

    monkeypatch.setattr(facts.FactsVisitor, "visit_Call", visit_call)
    children = []
    real_child = parsing._in_child

    def in_child(work):
        children.append(work)
        return real_child(work)

    monkeypatch.setattr(parsing, "_in_child", in_child)
    return children


def check(tmp_path, files):
    (tmp_path / "good.py").write_text(GOOD)
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    result = run([tmp_path], Config(cache=False), root=tmp_path)
    assert [f.path for f in result.findings] == ["good.py"], "the other files are still checked"
    return {e.path: e.message for e in result.errors}


def test_small_file_overrun_is_interrupted_in_process(tmp_path, spinning):
    assert check(tmp_path, {"slow.py": SPIN}) == {"slow.py": OVERRUN}
    assert spinning == [], "a small file is bounded by the timer, without a child process"
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_timer_already_armed_is_left_alone_and_a_child_bounds_the_file(tmp_path, spinning):
    fired = []

    def host_handler(signum, frame):
        fired.append(signum)

    previous = signal.signal(signal.SIGALRM, host_handler)
    signal.setitimer(signal.ITIMER_REAL, 3600)
    try:
        assert check(tmp_path, {"slow.py": SPIN}) == {"slow.py": OVERRUN}
        assert signal.getsignal(signal.SIGALRM) is host_handler
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 3000, "the host's timer still runs"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert len(spinning) == 2 and fired == [], "each file (good.py too) ran in a child"


def test_off_the_main_thread_a_child_bounds_the_file(spinning):
    outcome = {}

    def extract():
        try:
            facts.extract(SPIN, "slow.py", "slow")
        except parsing.ParseFailure as exc:
            outcome["error"] = str(exc)

    worker = threading.Thread(target=extract)
    worker.start()
    worker.join()
    assert outcome == {"error": OVERRUN}
    assert len(spinning) == 1


def test_large_file_without_fork_is_bounded_by_the_timer(spinning, monkeypatch):
    """Inside a daemonic pool worker (flake8's) no child may be started: the timer still works."""
    monkeypatch.setattr(parsing, "_can_fork", lambda: False)
    text = SPIN + "x = 1\n" * (parsing.BUDGET_FROM_CHARS // 6)
    assert len(text) >= parsing.BUDGET_FROM_CHARS
    with pytest.raises(parsing.ParseFailure, match="^analysis took longer than the 1 s per-file budget"):
        facts.extract(text, "slow.py", "slow")
    assert spinning == []


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timer on this platform")
def test_an_alarm_whose_exception_is_dropped_fires_again(monkeypatch):
    """CPython prints and drops an exception raised in a gc or ``__del__`` callback: an alarm that
    lands there must not leave the work unbounded (it did once, under a loaded test run)."""
    monkeypatch.setattr(parsing, "BUDGET_SECONDS", 0.1)

    def attempt() -> list:
        dropped = []

        def work() -> None:
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                try:
                    while time.monotonic() < deadline:
                        pass
                except (parsing._Overrun, SystemError):  # 3.13 may report it as a SystemError, as the timer knows
                    if dropped:
                        raise
                    dropped.append(1)  # as the gc callback would: the first alarm's exception is lost
            raise AssertionError("the timer did not stop the work")

        started = time.monotonic()
        with pytest.raises(parsing.ParseFailure, match="^analysis took longer"):
            parsing._under_timer(work)
        assert time.monotonic() - started < 2
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        return dropped

    # On a loaded machine the first alarm can land before the work enters its ``try`` (the process
    # was not scheduled for the budget's 0.1 s): an overrun all the same, but not the dropped case,
    # so that attempt is made again.
    outcomes = []
    while len(outcomes) < 10 and [1] not in outcomes:
        outcomes.append(attempt())
    assert [1] in outcomes


def test_small_file_slow_to_parse_natively_goes_to_a_child(tmp_path, spinning):
    """libcst's native parser holds the GIL, so no timer can stop it: a 16 KB file of brackets
    nested 190 deep needs seconds of native parsing and is sent to a child that can be killed."""
    line = "x = " + "a[" * 190 + "1" + "]" * 190 + "\n"
    text = "import openai\n" + line * (16 * 1024 // len(line))
    assert len(text) < parsing.BUDGET_FROM_CHARS
    assert parsing.check_python(text) > parsing.SLOW_PARSE_COST
    assert check(tmp_path, {"nested.py": text}) == {"nested.py": OVERRUN}
    assert len(spinning) == 1


def test_parse_cost_of_ordinary_code_is_far_below_the_child_threshold():
    body = "".join(f"def f{i}(x):\n    return client.chat.completions.create(model='m', messages=[x])\n"
                   for i in range(1500))
    text = "import openai\nclient = openai.OpenAI()\n" + body
    assert len(text) > 100 * 1024
    assert parsing.check_python(text) < parsing.SLOW_PARSE_COST / 2


def test_an_ordinary_file_under_the_timer_gives_the_same_facts_as_unbounded():
    bounded = facts.extract(GOOD, "good.py", "good")
    unbounded = facts._extract(GOOD, "good.py", "good", False, frozenset())
    assert bounded == unbounded
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_overrun_is_not_cached(tmp_path, spinning, monkeypatch):
    """An overrun can come from a loaded machine rather than the file: the next run tries again."""
    (tmp_path / "good.py").write_text(GOOD)
    (tmp_path / "slow.py").write_text(GOOD + "spin()\n")
    first = run([tmp_path], Config(), root=tmp_path)
    assert {e.path: e.message for e in first.errors} == {"slow.py": OVERRUN}
    assert [f.path for f in first.findings] == ["good.py"]
    monkeypatch.setattr(facts.FactsVisitor, "visit_Call", REAL_VISIT_CALL)
    second = run([tmp_path], Config(), root=tmp_path)
    assert second.errors == []
    assert sorted(f.path for f in second.findings) == ["good.py", "slow.py"]
    assert any((tmp_path / ".llm_latency_lint_cache").glob("*/facts")), "the cache was in use"


def test_an_alarm_inside_the_ast_constructor_is_an_overrun():
    """CPython turns an exception raised by a signal handler inside ``ast.parse`` into
    ``SystemError: AST constructor recursion depth mismatch``; that is the budget's overrun."""
    import signal

    def work():
        try:
            signal.raise_signal(signal.SIGALRM)
        except BaseException as exc:  # noqa: BLE001 - what the AST constructor does to it
            raise SystemError("AST constructor recursion depth mismatch (before=144, after=166)") from exc

    with pytest.raises(parsing.ParseFailure, match="^analysis took longer than"):
        parsing._under_timer(work)
    with pytest.raises(SystemError):  # a SystemError the timer did not cause is not disguised
        parsing._under_timer(lambda: (_ for _ in ()).throw(SystemError("other")))


def test_children_are_started_without_fork_where_fork_warns(tmp_path):
    """Python 3.12+ warns (DeprecationWarning: use of fork() may lead to deadlocks) when a
    multi-threaded process forks: there the budget child and the facts pool use forkserver; up to
    3.11, fork. A large file, and enough files for the pool, run while another thread is alive."""
    expected = "fork" if sys.version_info < (3, 12) else "forkserver"
    assert parsing.start_method() == expected and parsing.child_context().get_start_method() == expected
    big, many = tmp_path / "big", tmp_path / "many"
    big.mkdir(), many.mkdir()
    (big / "good.py").write_text(GOOD)
    (big / "big.py").write_text(GOOD + "x = 1\n" * (parsing.BUDGET_FROM_CHARS // 6))  # a child, in this process
    for i in range(30):  # enough for the pool
        (many / f"m{i}.py").write_text(GOOD.replace("nightly", f"nightly{i}"))
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            results = [run([root], Config(cache=False), root=root) for root in (big, many)]
    finally:
        stop.set()
        other.join()
    assert [r.errors for r in results] == [[], []]
    assert {f.path for f in results[0].findings} == {"good.py", "big.py"}
    assert {f.path for f in results[1].findings} == {f"m{i}.py" for i in range(30)}
