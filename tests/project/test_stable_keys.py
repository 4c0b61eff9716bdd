"""The solved graph's node and rule keys are the same in every run (a step towards storing it and
re-deriving only what an edit touches, issue 14): literal containers and bindings are keyed by
their expression's content, not by ``id()``, and every rule by what it computes."""
from __future__ import annotations

from test_graph import project

from llm_latency_lint.config import Config
from llm_latency_lint.project.graph import Project

FILES = {
    "app/tools.py": "from openai import OpenAI\n\n\ndef ask(client, text):\n"
                    "    return client.chat.completions.create(model='m', messages=[text])\n\n\n"
                    "def run_all(items):  # llm-latency: scheduled\n"
                    "    for handler in [ask, print]:\n        handler(OpenAI(), items)\n"
                    "    for client in (OpenAI(), None):\n        ask(client, 'x')\n",
    "app/other.py": "from app.tools import ask\n\nHANDLERS = [ask]\n\n\ndef go():\n"
                    "    return [h for h in [ask, ask]]\n",
}


def solved(tmp_path):
    files = project(tmp_path, FILES, Config(cache=False)).files  # facts decoded afresh: new objects
    graph = Project(list(files))
    graph.edges()
    solver = graph.evaluator.solver
    readers = {node: frozenset(rule.key for rule in rules) for node, rules in solver.readers.items()}
    assert all(rule.key for rules in solver.readers.values() for rule in rules), "every rule that read is keyed"
    return {key: frozenset(atoms) for key, atoms in solver.values.items()}, readers


def test_two_runs_give_the_same_nodes_and_values(tmp_path):
    (first, first_readers), (second, second_readers) = solved(tmp_path), solved(tmp_path)
    literals = [key for key in first if key[0] == "members" and str(key[1]).startswith("literal:")]
    assert literals, "the fixture has container literals"
    assert first == second
    kinds = {key[0] for keys in first_readers.values() for key in keys}
    assert {"bind", "member", "arg"} <= kinds, kinds
    assert first_readers == second_readers
