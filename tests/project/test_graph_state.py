"""A graph started from a stored solved state (``project/state.py``) equals the graph solved whole:
when an edit only appends functions nothing looked up, the solver starts from the stored values
with the new functions' rules (their bindings grow stored nodes, whose stored readers are made
again from their keys); when an edit adds a name a stored rule looked up while it was absent,
re-assigns a class attribute, adds a method to a class whose methods a rule listed, or the
stored state is damaged, the graph is solved whole."""
from __future__ import annotations

import marshal
from typing import Dict, List, Tuple

import pytest
from test_graph import project

from llm_latency_lint.config import Config
from llm_latency_lint.facts.cache import encode_entry, entry_hash
from llm_latency_lint.model import FileFacts
from llm_latency_lint.project.graph import GraphInput, Project

TOOLS = (
    "from openai import OpenAI\nfrom app.extra import make\n\n\n"
    "def ask(client, text):\n    return client.chat.completions.create(model='m', messages=[text])\n\n\n"
    "def run_all():  # llm-latency: scheduled\n    Holder().dispatch('a')()\n    make()\n    return None\n\n\n"
    "class Holder:\n    llm = None\n\n    def ask(self):\n"
    "        return self.llm.chat.completions.create(model='m', messages=[])\n\n"
    "    def dispatch(self, kind):\n        return getattr(self, f'on_{kind}')\n\n"
    "    def on_a(self):\n        return self.ask()\n"
)
EXTRA = "from openai import OpenAI\n\n\ndef other():\n    return None\n"
BASE = {"app/__init__.py": "", "app/tools.py": TOOLS, "app/extra.py": EXTRA}


def _facts(tmp_path, files: Dict[str, str]) -> List[FileFacts]:
    return list(project(tmp_path, files, Config(cache=False)).files)  # decoded afresh: new objects


def _solve(files: List[FileFacts], previous: object = None) -> Project:
    hashes = {f.path: entry_hash(encode_entry(f)) for f in files}
    graph = Project(files, stored=GraphInput(previous, "context", hashes))
    graph.edges()
    graph.resolved_sites()
    return graph


def _view(graph: Project):
    """What the graph answers: every node's atoms, the call edges, the sites' operations."""
    values = {k: frozenset(v) for k, v in graph.evaluator.solver.values.items() if v}
    edges = {src: sorted((e.dst, e.kind) for e in found) for src, found in graph.edges().items()}
    sites = sorted((r.site.function, r.site.line, r.match.operation) for r in graph.resolved_sites())
    return values, edges, sites, {c: sorted(repr(b.expr) for b in bs) for c, bs in graph.bindings.bound.items()}


def _stored(tmp_path, files: Dict[str, str]) -> object:
    state = _solve(_facts(tmp_path / "before", files)).state()
    return marshal.loads(marshal.dumps(state))  # as the store reads it back


def _edited(tmp_path, edit: Dict[str, str], previous: object) -> Tuple[Project, Project]:
    files = {**BASE, **edit}
    after = _facts(tmp_path / "after", files)
    started = _solve(after, previous)
    whole = _solve(_facts(tmp_path / "whole", files))
    assert whole.start is None
    assert _view(started) == _view(whole)
    return started, whole


def test_appended_functions_start_from_the_stored_state_and_equal_a_whole_solve(tmp_path):
    previous = _stored(tmp_path, BASE)
    # the new caller passes a client to ``ask``: its parameter's stored node grows, and so do the
    # nodes of the stored rules reading it (made again from their keys)
    edit = {"app/tools.py": TOOLS + "\n\ndef caller():  # llm-latency: scheduled\n    return ask(OpenAI(), 'x')\n"}
    started, whole = _edited(tmp_path, edit, previous)
    assert started.start is not None
    assert [q for _, q in started.start.added] == ["app.tools.caller"]
    solver = started.evaluator.solver
    assert solver.stored_rules and any(key[0] == "arg" for key in solver.rules), "the new binding ran"
    assert any(key[0] == "param" for key in solver.rules), "a stored reader of a grown node was made again"
    assert solver.runs < whole.evaluator.solver.runs, "fewer rules ran than in a whole solve"


@pytest.mark.parametrize("name, edit", [
    # ``make`` was looked up in ``app.extra`` and found absent: now it is there
    ("an absent name becomes present", {"app/extra.py": EXTRA + "\n\ndef make():\n    return OpenAI()\n"}),
    ("a class attribute re-assigned", {"app/tools.py": TOOLS.replace("    llm = None\n", "    llm = OpenAI()\n")}),
    # ``getattr(self, f"on_{kind}")`` listed Holder's methods: a new ``on_`` method is a new target
    ("a method added to a class whose methods were listed",
     {"app/tools.py": TOOLS + "\n    def on_b(self):\n        return OpenAI().chat.completions.create(model='m', messages=[])\n"}),
    ("a function removed", {"app/extra.py": "from openai import OpenAI\n"}),
])
def test_edits_a_stored_rule_looked_at_solve_the_graph_whole(tmp_path, name, edit):
    started, _ = _edited(tmp_path, edit, _stored(tmp_path, BASE))
    assert started.start is None, name


@pytest.mark.parametrize("damage", ["truncated", "foreign", "not a state"])
def test_a_damaged_state_is_read_as_absent(tmp_path, damage):
    previous = _stored(tmp_path, BASE)
    assert isinstance(previous, dict)
    if damage == "truncated":
        previous = {k: v for k, v in previous.items() if k != "readers"}
    elif damage == "foreign":
        previous = {**previous, "atoms": [("no-such-kind", "x", ())] + list(previous["atoms"])}
    else:
        previous = ["graph", 1]
    edit = {"app/tools.py": TOOLS + "\n\ndef caller():\n    return ask(OpenAI(), 'x')\n"}
    started, _ = _edited(tmp_path, edit, previous)
    assert started.start is None


RUNNER = {
    "app/__init__.py": "",
    "app/use.py": "from openai import OpenAI\n\n\ndef run(worker):\n    return worker.go()\n\n\n"
                  "def idle():\n    return OpenAI()\n",
    "app/tools.py": "from openai import OpenAI\nfrom app.use import run\n\n\nclass A:\n    def go(self):\n"
                    "        return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
                    "class B:\n    def go(self):\n        return None\n\n\n"
                    "def start():  # llm-latency: scheduled\n    return run(A())\n",
}


def test_a_started_graph_keeps_the_edges_of_callers_whose_reads_did_not_grow(tmp_path):
    before = _solve(_facts(tmp_path / "before", RUNNER))
    previous = marshal.loads(marshal.dumps(before.state()))
    # ``later`` hands a ``B`` to ``run`` in a file the edit leaves alone: ``run``'s parameter grows,
    # so its edges are built again; ``idle`` read nothing that grew and keeps its stored edges
    files = {**RUNNER, "app/tools.py": RUNNER["app/tools.py"] + "\n\ndef later():\n    return run(B())\n"}
    started = _solve(_facts(tmp_path / "after", files), previous)
    whole = _solve(_facts(tmp_path / "whole", files))
    assert started.start is not None and started.start.edges is not None
    assert _view(started) == _view(whole)
    assert sorted(e.dst for e in started.edges()["app.use.run"]) == ["app.tools.A.go", "app.tools.B.go"]
    built = {q for _, q in started._edges.recorded.owners}
    assert "app.use.run" in built and "app.tools.later" in built, built
    assert "app.use.idle" not in built, "a caller whose reads did not grow keeps its stored edges"
    assert started.start.edges.kept > 0


def test_a_new_function_an_edge_query_looked_up_builds_every_caller_again(tmp_path):
    # ``run``, in a file the edit leaves alone, calls ``worker.extra()`` while no class has it; the
    # method added changes ``run``'s edges. The rules looked it up too (which alone solves whole):
    # with their notes emptied, the edge queries' own notes must still keep no stored edges
    base = {**RUNNER, "app/use.py": RUNNER["app/use.py"].replace("    return worker.go()", "    worker.extra()\n    return worker.go()")}
    before = _solve(_facts(tmp_path / "before", base))
    previous = marshal.loads(marshal.dumps(before.state()))
    assert "app.tools.A.extra" in previous["edge_notes"][0]
    previous["consulted"] = [[], [], [], False]
    files = {**base, "app/tools.py": base["app/tools.py"].replace("class A:\n", "class A:\n    def extra(self):\n        return None\n\n")}
    started = _solve(_facts(tmp_path / "after", files), previous)
    assert started.start is not None and started.start.edges is None, "started, no stored edges kept"
    assert "app.use.run" in {q for _, q in started._edges.recorded.owners}
