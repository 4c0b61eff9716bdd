"""Body edits after a cached run (``project/state.grown``): a function whose calls, returns and
locals of before are all still there, in order, starts the graph from the stored one, with its
stored rules renumbered; any other edit (a statement removed, a trigger, an import, a class, a
file deleted) solves whole. Each cached run must equal a run without the cache, walk by walk."""
from __future__ import annotations

from typing import List

from support.cache_runs import Edit, append_edit, replace_edit, replay_edits

from llm_latency_lint.model import CallRef, FunctionFacts
from llm_latency_lint.project.state import grown, parts

BASE = {
    "app/__init__.py": "",
    "app/llm.py": "from openai import OpenAI\n\n\ndef ask(text):\n    prompt = text\n"
                  "    return OpenAI().chat.completions.create(model='m', messages=[prompt])\n\n\n"
                  "def embed(text):\n    return OpenAI().embeddings.create(model='e', input=text)\n\n\n"
                  "class Bot:\n    client = None\n\n    def reply(self, text):\n        return ask(text)\n\n\n"
                  "class Helper:\n    def reply(self, text):\n"
                  "        return OpenAI().chat.completions.create(model='h', messages=[text])\n\n\n"
                  "def pick(kind):\n    return Bot()\n\n\ndef run(job):\n    return job()\n\n\n"
                  "def embed_all():\n    return OpenAI().embeddings.create(model='e', input='all')\n",
    "app/web.py": "from fastapi import FastAPI\n\nfrom app.llm import ask, pick\n\napp = FastAPI()\n\n\n"
                  "@app.get('/chat')\ndef chat(q: str):\n    return pick(q).reply(q)\n",
    "app/jobs.py": "from app.llm import ask, embed, embed_all, run\n\n\ndef nightly():  # llm-latency: scheduled\n"
                   "    run(weekly)\n    rows = ['a']\n    return [ask(r) for r in rows]\n\n\n"
                   "def weekly():\n    return 1\n",
}


# (name, edit, whether the graph starts from the stored one)
EDITS: List[Edit] = [
    # a callable handed to a runner above the call there was: the runner's parameter grows
    ("a call with an argument inserted above another", lambda r: replace_edit(
        r, "app/jobs.py", "    run(weekly)\n", "    run(embed_all)\n    run(weekly)\n"), True),
    # what a factory returns grows: the route's call on it reaches another method
    ("a return inserted above a factory's", lambda r: replace_edit(
        r, "app/llm.py", "def pick(kind):\n", "def pick(kind):\n    if kind == 'h':\n        return Helper()\n"), True),
    ("a statement added to a body on an LLM path", lambda r: replace_edit(
        r, "app/llm.py", "    prompt = text\n", "    prompt = text\n    note = str(len(text))\n"), True),
    ("a call added to a body: a scheduled function reaches the embedding", lambda r: replace_edit(
        r, "app/jobs.py", "    rows = ['a']\n", "    rows = ['a']\n    embed(rows)\n"), True),
    ("a return added above the last", lambda r: replace_edit(
        r, "app/llm.py", "    return OpenAI().embeddings", "    if not text:\n        return ask('none')\n    return OpenAI().embeddings"), True),
    # a local read inline while it had one value is read through its node now: the calls changed
    ("a second value of a local", lambda r: replace_edit(
        r, "app/llm.py", "    prompt = text\n", "    prompt = text\n    if not text:\n        prompt = 'empty'\n"), False),
    ("a third value of that local", lambda r: replace_edit(
        r, "app/llm.py", "        prompt = 'empty'\n", "        prompt = 'empty'\n    else:\n        prompt = text.strip()\n"), True),
    ("a route's body calls the embedding too", lambda r: replace_edit(
        r, "app/web.py", "    return pick(q).reply(q)\n", "    embed(q)\n    return pick(q).reply(q)\n"), True),
    # the stored graph is the last one solved whole (after the second value): removals are from it
    ("a statement removed from a body", lambda r: replace_edit(r, "app/llm.py", "    note = str(len(text))\n", ""), False),
    ("a call changed in a body", lambda r: replace_edit(r, "app/web.py", "    embed(q)\n", "    ask(q)\n"), False),
    ("a new trigger", lambda r: replace_edit(r, "app/jobs.py", "def weekly():\n    return 1\n",
                                         "def weekly():  # llm-latency: scheduled\n    return embed('w')\n"), False),
    ("a removed import", lambda r: (replace_edit(r, "app/jobs.py", "import ask, embed, ", "import ask, "),
                                    replace_edit(r, "app/jobs.py", "    return embed('w')\n", "    return 2\n")), False),
    ("a class changed", lambda r: replace_edit(r, "app/llm.py", "    client = None\n", "    client = OpenAI()\n"), False),
    ("a body grown after the class change", lambda r: replace_edit(
        r, "app/llm.py", "        return ask(text)\n", "        embed(text)\n        return ask(text)\n"), True),
    ("a file deleted", lambda r: ((r / "app/jobs.py").unlink(),), False),
    ("a function appended after the deletion", lambda r: append_edit(r, "app/web.py", "\n\ndef _later():\n    return embed('l')\n"), True),
]


def test_body_edits_give_the_result_of_a_run_without_the_cache(tmp_path):
    changed = []
    for step in replay_edits(tmp_path / "proj", BASE, EDITS, "graph_from_state"):
        assert step.counted == step.expected, step.name
        changed += [step.name] if step.after != step.before else []
    assert len(changed) >= len(EDITS) - 3, changed  # the edits are not idle


def _fn(calls: List[str], returns: List[str], **rest: object) -> FunctionFacts:
    refs = [CallRef(expr=["name", c], line=i + 1, col=0, kind="call") for i, c in enumerate(calls)]
    refs += [CallRef(expr=["name", "x"], line=i + 1, col=0, kind="arg", arg="0") for i in range(len(calls))]
    return FunctionFacts("m.f", "f", 1, calls=refs, returns=[["name", r] for r in returns], **rest)  # type: ignore[arg-type]


def test_grown_renumbers_the_rules_of_what_was_there():
    old = parts(_fn(["a", "b"], ["r"]))
    renamed = grown("p.py", "m.f", old, _fn(["z", "a", "y", "b"], ["q", "r"]))
    assert renamed == {("bind", "p.py", "m.f", 0): ("bind", "p.py", "m.f", 1), ("bind", "p.py", "m.f", 1): ("bind", "p.py", "m.f", 3),
                       ("ret", "m.f", 0): ("ret", "m.f", 1)}
    assert grown("p.py", "m.f", old, _fn(["a", "b", "c"], ["r"])) == {}  # appended: nothing renumbered
    assert grown("p.py", "m.f", old, _fn(["b", "a"], ["r"])) is None  # reordered
    assert grown("p.py", "m.f", old, _fn(["a"], ["r"])) is None  # a call removed
    assert grown("p.py", "m.f", old, _fn(["a", "b"], ["r"], pragma="scheduled")) is None  # the rest changed
    annotated = FunctionFacts("m.f", "f", 1, returns=[["declared", "T"]])  # a fallback stands in for what grows
    assert grown("p.py", "m.f", parts(FunctionFacts("m.f", "f", 1)), annotated) is None
