"""Review findings on the merged entry, schedule and mixed-path work (issue 15): module globals
written from a function, explicit base-class constructor calls, functions defined twice, and
dotted task names read by a loader."""
from __future__ import annotations

import pytest
from test_graph import project, sites

from llm_latency_lint.model import METHOD
from llm_latency_lint.project.signatures import cannot_bind

CLIENT = "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
CHAT = "client.chat.completions.create(model='m', messages=[])"
GEMINI = CLIENT + "class Gemini:\n    def generate_response(self, text):\n        return " + CHAT + "\n"
HANDLER = "def on_message(text):  # llm-latency: real-time\n    return gemini.generate_response(text)\n\n\n"


# ---- a module global written from a function is defined, not a NameError -------------------
@pytest.mark.parametrize("writer", [
    "def init():\n    global gemini\n    gemini = Gemini()\n\n\n",
    "def init():\n    globals()['gemini'] = Gemini()\n\n\n",
    "globals()['gemini'] = Gemini()\n\n\n",
])
@pytest.mark.parametrize("handler_first", [False, True])
def test_a_global_written_inside_a_function_is_a_module_name(tmp_path, writer, handler_first):
    body = HANDLER + writer if handler_first else writer + HANDLER
    result = project(tmp_path, {"gemini_api.py": GEMINI, "bot.py": "from gemini_api import Gemini\n\n\n" + body})
    assert sites(result) == {("gemini_api.py", 8): ("chat.completions.create", "real-time")}


def test_a_global_declared_but_never_written_stays_undefined(tmp_path):
    bot = "from gemini_api import Gemini\n\n\ndef init():\n    global gemini\n    print(gemini)\n\n\n" + HANDLER
    result = project(tmp_path, {"gemini_api.py": GEMINI, "bot.py": bot})
    assert sites(result) == {("gemini_api.py", 8): ("chat.completions.create", "unknown")}


# ---- a base-class constructor called by name passes its receiver explicitly -----------------
def _base(init: str) -> str:
    return CLIENT + "class Base:\n" + init + "\n\n"


@pytest.mark.parametrize("base, child, serve", [
    ("    def __init__(self, text):\n        self.r = " + CHAT + "\n",
     "    def __init__(self, text):\n        Base.__init__(self, text)\n", "Child(t)"),
    ("    def __new__(cls):\n        " + CHAT + "\n        return object.__new__(cls)\n",
     "    @classmethod\n    def make(cls):\n        return super().__new__(cls)\n", "Child.make()"),
    ("    def __new__(cls):\n        " + CHAT + "\n        return object.__new__(cls)\n",
     "    @classmethod\n    def make(cls):\n        return Base.__new__(cls)\n", "Child.make()"),
])
def test_an_explicit_base_constructor_call_binds(tmp_path, base, child, serve):
    app = (_base(base) + "class Child(Base):\n" + child + "\n\n"
           "def serve(t):  # llm-latency: real-time\n    return " + serve + "\n")
    assert sites(project(tmp_path, {"app.py": app})) == {("app.py", 8): ("chat.completions.create", "real-time")}


def test_an_explicit_init_call_with_too_many_arguments_still_cannot_bind():
    params = [METHOD, "self", "text"]
    assert cannot_bind(["__init__", "4"], params, "__init__", "app.Base")  # Base.__init__(self, text, 1, 2)
    assert not cannot_bind(["__init__", "2"], params, "__init__", "app.Base")  # Base.__init__(self, text)


def test_a_sole_callee_that_cannot_take_the_arguments_keeps_the_path(tmp_path):
    """Policy 12: the author's bug is read as the path it is meant to be (nothing else to choose)."""
    app = (_base("    def __init__(self, text):\n        self.r = " + CHAT + "\n") + "class Child(Base):\n"
           "    def __init__(self, text):\n        Base.__init__(self, text, 1, 2)\n\n\n"
           "def serve(t):  # llm-latency: real-time\n    return Child(t)\n")
    assert sites(project(tmp_path, {"app.py": app})) == {("app.py", 8): ("chat.completions.create", "real-time")}


# ---- a function defined twice binds if either definition takes the arguments ----------------
def test_a_call_to_a_function_defined_twice_binds_if_any_definition_does(tmp_path):
    """``m`` may be module ``a`` or ``b``: ``a.ask`` is dropped only where neither of its
    definitions takes the arguments and ``b.ask`` does."""
    ask = (CLIENT + "import sys\nif sys.version_info > (3,):\n    def ask(x):\n        return 1\n"
           "else:\n    def ask(x, y):\n        return " + CHAT + "\n")

    def serve(call: str) -> str:
        return "import a\nimport b\n\n\ndef serve(t):  # llm-latency: real-time\n    m = a if t else b\n    return " + call + "\n"
    files = {"a.py": ask, "b.py": CLIENT + "def ask(*args):\n    return client.models.list()\n"}
    assert sites(project(tmp_path / "one", {**files, "app.py": serve("m.ask(t)")})) == {
        ("a.py", 12): ("chat.completions.create", "real-time")}
    assert sites(project(tmp_path / "none", {**files, "app.py": serve("m.ask(t, t, t)")})) == {
        ("a.py", 12): ("chat.completions.create", "unknown")}


# ---- a dotted name stored for a loader: only in the field the loader reads ------------------
JOBS = CLIENT + "def reply():\n    return " + CHAT + "\n"
WORKER = ("import importlib\nimport time\n\nfrom django.core.management.base import BaseCommand\n\nimport jobs  # the tasks\n\n\n"
          "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        while True:\n"
          "            row = next_row()\n            module, _, name = row.{field}.rpartition('.')\n"
          "            getattr(importlib.import_module(module), name)()\n            time.sleep(5)\n")
ENQUEUE = ("from models import Task\n\n\n"
           "def on_message(request):  # llm-latency: real-time\n    Task.objects.create(def_name='jobs.reply')\n")


@pytest.mark.parametrize("field, cls", [("def_name", "near-real-time"), ("plugin_path", "unknown")])
def test_a_dotted_name_is_a_task_only_in_a_field_the_loader_reads(tmp_path, field, cls):
    files = {"jobs.py": JOBS, "app/management/commands/worker.py": WORKER.replace("{field}", field), "views.py": ENQUEUE}
    assert sites(project(tmp_path, files)) == {("jobs.py", 7): ("chat.completions.create", cls)}
