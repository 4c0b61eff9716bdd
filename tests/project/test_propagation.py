"""The project graph propagates values to a fixpoint (issue 14): bounded, unions, no caps, a budget."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from support import pathological
from support.paths import REPO
from test_graph import project, sites

from llm_latency_lint.config import Config

SRC = REPO / "src"
RUN_SITES = (
    "import json, sys\nfrom pathlib import Path\nfrom llm_latency_lint.config import Config\n"
    "from llm_latency_lint.engine import run\n"
    "root = Path(sys.argv[1])\nresult = run([root], Config(cache=False), root=root)\n"
    "print(json.dumps([[s.resolved.facts.path, s.resolved.site.line, s.resolved.match.operation, s.latency_class]"
    " for s in result.sites]))\n"
)


def test_a_pathological_project_finishes_in_time_with_the_right_classes(tmp_path):
    """5,000 classes chained by attributes with three candidates each, a hub attribute with 31
    assignments, mutual recursion and 120 plugins: the old evaluator did not finish in 5 minutes."""
    pathological.write(tmp_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", RUN_SITES, str(tmp_path)], capture_output=True, text=True,
                          timeout=240, env=env)
    elapsed = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr[-2000:]
    found = {(path, line): (op, cls) for path, line, op, cls in json.loads(proc.stdout)}
    assert found == pathological.expected()
    assert elapsed < 120


def test_an_attribute_holds_every_assignment_not_the_first(tmp_path):
    result = project(tmp_path, {
        "m.py": "from openai import OpenAI\n\n\nclass Null:\n    pass\n\n\n"
                "class Svc:\n    llm = Null()\n\n    def __init__(self, real):\n"
                "        if real:\n            self.llm = OpenAI()\n\n"
                "    def run(self):  # llm-latency: scheduled\n"
                "        return self.llm.chat.completions.create(model='m', messages=[])\n",
    })
    assert sites(result) == {("m.py", 16): ("chat.completions.create", "scheduled")}


def test_a_factory_returns_every_client_it_may_build(tmp_path):
    result = project(tmp_path, {
        "f.py": "from anthropic import Anthropic\nfrom openai import OpenAI\n\n\n"
                "def make(kind):\n    if kind == 'a':\n        return Anthropic()\n    return OpenAI()\n\n\n"
                "def job():  # llm-latency: scheduled\n"
                "    make('o').chat.completions.create(model='m', messages=[])\n"
                "    make('a').messages.create(model='c', max_tokens=1, messages=[])\n",
    })
    assert sites(result) == {("f.py", 12): ("chat.completions.create", "scheduled"),
                             ("f.py", 13): ("messages.create", "scheduled")}


def test_every_subclass_of_a_plugin_base_is_reached_past_64(tmp_path):
    plugins = "".join(f"class P{i}(Plugin):\n    def run(self):\n        return None\n\n\n" for i in range(100))
    result = project(tmp_path, {
        "p.py": "from openai import OpenAI\n\nclient = OpenAI()\n\n\nclass Plugin:\n    def run(self):\n"
                "        return None\n\n\n" + plugins + "class Z(Plugin):\n    def run(self):\n"
                "        return client.chat.completions.create(model='m', messages=[])\n\n\n"
                "def job(p: Plugin):  # llm-latency: scheduled\n    p.run()\n",
    })
    assert set(sites(result).values()) == {("chat.completions.create", "scheduled")}


def test_a_spent_budget_finishes_and_names_what_was_cut_short(tmp_path):
    result = project(tmp_path, {
        "app.py": "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
                  "def ask():\n    return client.chat.completions.create(model='m', messages=[])\n\n\n"
                  "def job():  # llm-latency: scheduled\n    ask()\n",
    }, Config(graph_budget=1e-9))
    messages = [e.message for e in result.errors]
    assert any("time budget ran out" in m and "app.job" in m for m in messages), messages
    assert {e.path for e in result.errors} == {"app.py"}


def test_a_local_holds_every_assignment_not_the_last(tmp_path):
    result = project(tmp_path, {
        "j.py": "from anthropic import Anthropic\nfrom openai import OpenAI\n\n\n"
                "def job(flag):  # llm-latency: scheduled\n    client = OpenAI()\n    if flag:\n"
                "        client = Anthropic()\n"
                "    client.chat.completions.create(model='m', messages=[])\n",
    })
    assert sites(result) == {("j.py", 9): ("chat.completions.create", "scheduled")}


def test_a_conditional_expression_follows_both_branches(tmp_path):
    result = project(tmp_path, {
        "w.py": "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
                "class Fast:\n    def run(self):\n        return client.chat.completions.create(model='m', messages=[])\n\n\n"
                "class Slow:\n    def run(self):\n        return client.embeddings.create(model='m', input='x')\n\n\n"
                "def job(quick):  # llm-latency: scheduled\n    llm = Fast() if quick else Slow()\n    return llm.run()\n",
    })
    assert sites(result) == {("w.py", 8): ("chat.completions.create", "scheduled"),
                             ("w.py", 13): ("embeddings.create", "scheduled")}


def test_a_self_referencing_reassignment_adds_to_the_name(tmp_path):
    result = project(tmp_path, {
        "s.py": "from openai import OpenAI\n\n\n"
                "def job():  # llm-latency: scheduled\n    m = OpenAI()\n    m = m.with_options(timeout=5)\n"
                "    return m.chat.completions.create(model='m', messages=[])\n",
    })
    assert sites(result) == {("s.py", 7): ("chat.completions.create", "scheduled")}


def test_a_package_importing_from_an_unparsed_submodule_of_the_same_name_ends(tmp_path):
    """``pkg/__init__.py`` has ``from .sub import sub`` and ``sub.py`` is not parsed: resolving
    ``pkg.sub.x`` redirected to ``pkg.sub.sub.x``, then ``pkg.sub.sub.sub.x``... until the budget
    (saleor's e2e test helpers: 120 s, every function reported cut short)."""
    result = project(tmp_path, {
        "pkg/__init__.py": "from openai import OpenAI\n\nfrom .sub import sub\n",
        "pkg/sub.py": "def sub():\n    return 1\n",
        "app.py": "import pkg\n\n\ndef job():  # llm-latency: scheduled\n    pkg.sub.x()\n    pkg.sub()\n"
                  "    pkg.OpenAI().chat.completions.create(model='m', messages=[])\n",
    }, Config(graph_budget=20))
    assert "pkg/sub.py" not in {f.path for f in result.files}  # the case: the submodule has no facts
    assert result.errors == []
    assert sites(result) == {("app.py", 7): ("chat.completions.create", "scheduled")}
