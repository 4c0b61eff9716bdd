"""The dynamic-dispatch policy (docs/dynamic-dispatch.md), one rule per test.

Triggers come from pragmas, so only the graph's edges decide what is reached.
"""
from __future__ import annotations

from test_graph import project, sites

CLIENT = "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"


def call(name: str) -> str:
    return f"def {name}():\n    return client.chat.completions.create(model='m', messages=[])\n\n\n"


def test_a_call_through_the_base_type_reaches_every_override(tmp_path):
    result = project(tmp_path, {
        "p/__init__.py": "",
        "p/base.py": "class Plugin:\n    def run(self):\n        return None\n",
        "p/a.py": CLIENT + "from p.base import Plugin\n\n\nclass A(Plugin):\n    def run(self):\n"
                  "        return client.chat.completions.create(model='m', messages=[])\n",
        "p/b.py": CLIENT + "from p.base import Plugin\n\n\nclass B(Plugin):\n    def run(self):\n"
                  "        return client.embeddings.create(model='m', input='x')\n",
        "p/job.py": "from typing import List\nfrom p.base import Plugin\n\n\n"
                    "def all_plugins(plugins: List[Plugin]):  # llm-latency: scheduled\n"
                    "    for plugin in plugins:\n        plugin.run()\n",
    })
    assert sites(result) == {("p/a.py", 11): ("chat.completions.create", "scheduled"),
                             ("p/b.py", 11): ("embeddings.create", "scheduled")}


def test_a_call_on_a_subclass_instance_does_not_reach_its_siblings(tmp_path):
    result = project(tmp_path, {
        "m.py": CLIENT + "class Base:\n    def run(self):\n        return None\n\n\n"
                "class A(Base):\n    def run(self):\n        return client.chat.completions.create(model='m', messages=[])\n\n\n"
                "class B(Base):\n    def run(self):\n        return client.embeddings.create(model='m', input='x')\n\n\n"
                "def job():  # llm-latency: scheduled\n    return A().run()\n",
    })
    assert sites(result) == {("m.py", 13): ("chat.completions.create", "scheduled"),
                             ("m.py", 18): ("embeddings.create", "unknown")}


def test_every_registered_handler_is_reachable_from_a_lookup_that_is_called(tmp_path):
    result = project(tmp_path, {
        "h.py": CLIENT + call("one") + call("two") + call("three")
                + "HANDLERS = {'one': one}\nHANDLERS['two'] = two\n\n\n"
                "def job(name):  # llm-latency: scheduled\n    return HANDLERS[name]()\n\n\n"
                "def listing():  # llm-latency: real-time\n    return HANDLERS.get('one'), list(HANDLERS.items())\n",
    })
    assert sites(result) == {("h.py", 7): ("chat.completions.create", "scheduled"),
                             ("h.py", 11): ("chat.completions.create", "scheduled"),
                             ("h.py", 15): ("chat.completions.create", "unknown")}


def test_a_decorator_registry_holds_what_it_decorates(tmp_path):
    result = project(tmp_path, {
        "r.py": "PLUGINS = []\n\n\ndef plugin(cls):\n    PLUGINS.append(cls)\n    return cls\n",
        "s.py": CLIENT + "from r import plugin\n\n\n@plugin\nclass Shout:\n    def run(self):\n"
                "        return client.chat.completions.create(model='m', messages=[])\n",
        "job.py": "import s\nfrom r import PLUGINS\n\n\ndef job():  # llm-latency: scheduled\n"
                  "    for cls in PLUGINS:\n        cls().run()\n",
    })
    assert sites(result) == {("s.py", 12): ("chat.completions.create", "scheduled")}


def test_super_reaches_the_parent_method_only(tmp_path):
    result = project(tmp_path, {
        "m.py": CLIENT + "class Base:\n    def run(self):\n        return client.chat.completions.create(model='m', messages=[])\n\n\n"
                "class Child(Base):\n    def run(self):\n        return super().run()\n\n\n"
                "class Grandchild(Child):\n    def run(self):\n        return client.embeddings.create(model='m', input='x')\n\n\n"
                "def job():  # llm-latency: scheduled\n    return Child().run()\n",
    })
    assert sites(result) == {("m.py", 8): ("chat.completions.create", "scheduled"),
                             ("m.py", 18): ("embeddings.create", "scheduled")}
