"""Paths that decide between mixed and one class (issue 15, class accuracy): a path the graph
missed (a callback handed through an annotated parameter, a Celery canvas, a file watcher) leaves
a mixed site one-sided; a path that cannot run (a call whose arguments do not bind, a receiver no
scope defines) makes a one-sided site mixed."""
from __future__ import annotations

from test_graph import project, sites

CLIENT = "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
CHAT = "client.chat.completions.create(model='m', messages=[])"


# ---- a callable handed through a parameter annotated ``Callable[...]`` -----------------------
WATCHER = (
    "from typing import Awaitable, Callable, Optional\n\n\n"
    "class Runner:\n"
    "    def __init__(self, on_done: {annotation} = None):\n"
    "        self.callbacks = [on_done]\n\n"
    "    def fire(self):  # llm-latency: scheduled\n"
    "        for callback in self.callbacks:\n"
    "            callback('x')\n"
)
APP = (
    CLIENT + "from runner import Runner\n\n\n"
    "def answer(text):\n    return " + CHAT + "\n\n\n"
    "def serve(text):  # llm-latency: real-time\n    return answer(text)\n\n\n"
    "def setup():\n    Runner(on_done=answer)\n"
)


def test_a_callable_parameter_holds_what_callers_pass_whatever_its_annotation(tmp_path):
    for at, annotation in enumerate(("Callable[[str], Awaitable[None]] | None", "Optional[Callable]",
                                     "'Callable[..., None]'")):
        root = tmp_path / str(at)
        result = project(root, {"runner.py": WATCHER.replace("{annotation}", annotation), "app.py": APP})
        assert sites(result) == {("app.py", 10): ("chat.completions.create", "mixed")}, annotation


def test_a_parameter_typed_by_a_class_still_holds_that_type_only(tmp_path):
    runner = WATCHER.replace("{annotation}", "Optional[Handler]").replace(
        "from typing", "class Handler:\n    def __call__(self, x):\n        return None\n\n\nfrom typing")
    result = project(tmp_path, {"runner.py": runner, "app.py": APP})
    assert sites(result) == {("app.py", 10): ("chat.completions.create", "real-time")}
