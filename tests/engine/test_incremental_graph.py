"""Edits that change what the project graph derives, each followed by a cached run that must equal a
run without the cache: the edits an incrementally re-derived graph treats specially (a name that
turns from an external library's into a project function, a class attribute changed, an import
removed, a module deleted and renamed, a trigger added), then seeded random edits from a small
vocabulary applied to a generated project."""
from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Set, Tuple

import pytest
from support.cache_runs import run, snapshot

from llm_latency_lint import engine

LLM = "OpenAI().chat.completions.create(model='m', messages=[])"


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists()
    path.write_text(text, encoding="utf-8")
    if existed:  # a new mtime the stat index cannot mistake for the recorded one (coarse clocks)
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def _same_as_uncached(root: Path, name: str):
    time.sleep(0.02)  # past the clock tick of the last listing
    cached = snapshot(run(root))
    assert cached == snapshot(run(root, cache=False)), name
    return cached


# ---- the named edits ---------------------------------------------------------------------------
BASE = {
    "app/__init__.py": "",
    "app/clients.py": "from openai import OpenAI\n\n\nclass Tuned(OpenAI):\n    pass\n\n\n"
                      "class Holder:\n    llm = None\n\n    def ask(self):\n"
                      "        return self.llm.chat.completions.create(model='m', messages=[])\n",
    "app/jobs.py": "from app.clients import Holder, Tuned\nfrom app.helpers import summarise\nfrom vendorkit import build\n\n\n"
                   "def nightly():  # llm-latency: scheduled\n    Holder().ask()\n    summarise('x')\n"
                   "    build().chat.completions.create(model='m', messages=[])\n\n\n"
                   "def handler():\n    Tuned().chat.completions.create(model='m', messages=[])\n",
    "app/helpers.py": "from openai import OpenAI\n\n\ndef summarise(text):\n"
                      "    return OpenAI().chat.completions.create(model='m', messages=[text])\n",
}


def _replace(root: Path, rel: str, old: str, new: str) -> None:
    text = (root / rel).read_text(encoding="utf-8")
    assert old in text, (rel, old)
    _write(root, rel, text.replace(old, new, 1))


NAMED: List[Tuple[str, Callable[[Path], None]]] = [
    # ``vendorkit.build`` was an external library's: now a project function returning a client
    ("a module makes an external name a project function",
     lambda r: _write(r, "vendorkit.py", "from openai import OpenAI\n\n\ndef build():\n    return OpenAI()\n")),
    # ``Tuned().chat`` was the SDK client's attribute: now the project's method
    ("a method overrides an SDK client's attribute",
     lambda r: _replace(r, "app/clients.py", "class Tuned(OpenAI):\n    pass\n",
                        "class Tuned(OpenAI):\n    def chat(self):\n        return None\n")),
    ("a class attribute set to a client", lambda r: _replace(r, "app/clients.py", "    llm = None\n", "    llm = OpenAI()\n")),
    ("the class attribute set to a project object",
     lambda r: _replace(r, "app/clients.py", "    llm = OpenAI()\n", "    llm = Tuned()\n")),
    ("an import removed", lambda r: _replace(r, "app/jobs.py", "from app.helpers import summarise\n", "")),
    ("the import back", lambda r: _replace(r, "app/jobs.py", "from vendorkit", "from app.helpers import summarise\nfrom vendorkit")),
    ("a module deleted", lambda r: (r / "app/helpers.py").unlink()),
    ("a module added under another name",
     lambda r: _write(r, "app/helpers2.py", BASE["app/helpers.py"])),
    ("the importer follows the rename", lambda r: _replace(r, "app/jobs.py", "app.helpers import", "app.helpers2 import")),
    ("a trigger added", lambda r: _replace(r, "app/jobs.py", "def handler():\n",
                                           "def handler():  # llm-latency: real-time\n")),
    ("the external name back", lambda r: (r / "vendorkit.py").unlink()),
    # from here the graph may start from the stored one (``project/state.py``) or must not
    ("a function appended (from the stored graph)",
     lambda r: _write(r, "app/helpers2.py", _text(r, "app/helpers2.py") + "\n\ndef weekly():  # llm-latency: scheduled\n"
                      "    return summarise(OpenAI())\n")),
    ("a name imported and passed while absent",
     lambda r: (_replace(r, "app/jobs.py", "import summarise\n", "import summarise, later\n"),
                _replace(r, "app/jobs.py", "    summarise('x')\n", "    summarise(later())\n"))),
    ("the absent name defined", lambda r: _write(r, "app/helpers2.py", _text(r, "app/helpers2.py") + "\n\ndef later():\n"
                                                  "    return OpenAI()\n")),
    ("a handler looked up by pattern", lambda r: _replace(r, "app/clients.py", "class Holder:\n",
                                                           "class Holder:\n    def pick(self, kind):\n"
                                                           "        return getattr(self, f'on_{kind}')\n\n")),
    ("the pattern's lookup used", lambda r: _replace(r, "app/jobs.py", "    Holder().ask()\n",
                                                      "    Holder().ask()\n    Holder().pick('x')()\n")),
    ("a method the pattern matches added",
     lambda r: _write(r, "app/clients.py", _text(r, "app/clients.py") + "\n    def on_x(self):\n"
                      "        return OpenAI().embeddings.create(model='e', input='x')\n")),
    # a caller in a file the edit leaves alone reads a node the edit grows: its edges are built again
    ("a runner module and a worker class", lambda r: (
        _write(r, "app/runner.py", "from openai import OpenAI\n\n\ndef run(worker):\n    return worker.go()\n\n\n"
                                   "def idle():\n    return OpenAI()\n"),
        _replace(r, "app/helpers2.py", "from openai import OpenAI\n", "from openai import OpenAI\nfrom app.runner import run\n"),
        _write(r, "app/helpers2.py", _text(r, "app/helpers2.py") + "\n\nclass Nightly:\n    def go(self):\n"
               "        return OpenAI().embeddings.create(model='e', input='y')\n"))),
    ("a worker handed to the runner appended (its edges built again)",
     lambda r: _write(r, "app/helpers2.py", _text(r, "app/helpers2.py") + "\n\ndef hourly():  # llm-latency: scheduled\n"
                      "    return run(Nightly())\n")),
]


def _text(root: Path, rel: str) -> str:
    return (root / rel).read_text(encoding="utf-8")


def test_graph_edits_give_the_result_of_a_run_without_the_cache(tmp_path):
    root = tmp_path / "proj"
    for rel, text in BASE.items():
        _write(root, rel, text)
    before = _same_as_uncached(root, "start")
    changed, started = [], []
    for name, edit in NAMED:
        edit(root)
        count = engine.COUNTS["graph_from_state"]
        after = _same_as_uncached(root, name)
        if engine.COUNTS["graph_from_state"] > count:
            started.append(name)
        if after[1] != before[1]:
            changed.append(name)
        before = after
    assert len(changed) >= len(NAMED) - 4, changed  # the edits are not idle
    # the appended function starts from the stored graph; the names a stored rule looked up do not
    assert "a function appended (from the stored graph)" in started, started
    assert "a worker handed to the runner appended (its edges built again)" in started, started
    assert "the absent name defined" not in started, started
    # a body that only grew (a call added to ``nightly``) starts from the stored graph too; then the
    # pattern's rule is not a stored one (``pick`` came after the base), so it runs again and sees ``on_x``
    assert "the pattern's lookup used" in started, started


def test_a_damaged_stored_graph_is_built_whole(tmp_path):
    root = tmp_path / "proj"
    for rel, text in BASE.items():
        _write(root, rel, text)
    _same_as_uncached(root, "start")
    stored = sorted(root.glob(".llm_latency_lint_cache/*/graph-*"))
    assert stored, "the solved graph was stored"
    for path in stored:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    _write(root, "app/helpers.py", BASE["app/helpers.py"] + "\n\ndef extra():\n    return summarise('y')\n")
    count = engine.COUNTS["graph_from_state"]
    _same_as_uncached(root, "an appended function over a damaged stored graph")
    assert engine.COUNTS["graph_from_state"] == count


# ---- seeded random edits -----------------------------------------------------------------------
@dataclass
class Fn:
    calls: List[str]  # "llm", "holder", "helper" or a function's name
    trigger: str = ""  # "", "route" (a FastAPI route: real-time) or "pragma" (scheduled)


@dataclass
class Mod:
    fns: Dict[str, Fn] = field(default_factory=dict)
    imports: Set[Tuple[str, str]] = field(default_factory=set)  # (module, name)
    attr: str = "None"
    comment: int = 0


ATTRS = ["None", "OpenAI()", "Holder()", "helper()"]


@dataclass
class Model:
    """A generated project: modules of a package, each with a class attribute, functions calling
    an LLM, each other (by import) or a top-level ``tools.helper`` (an external library's unless
    the project defines ``tools.py``)."""

    mods: Dict[str, Mod]
    tools: bool = False
    counter: int = 0

    def files(self) -> Dict[str, str]:
        out = {"pkg/__init__.py": ""}
        for name, mod in self.mods.items():
            out[f"pkg/{name}.py"] = render(mod)
        if self.tools:
            out["tools.py"] = "from openai import OpenAI\n\n\ndef helper():\n    return OpenAI()\n"
        return out


def render(mod: Mod) -> str:
    lines = ["from fastapi import FastAPI", "from openai import OpenAI", "from tools import helper"]
    lines += [f"from pkg.{m} import {n}" for m, n in sorted(mod.imports)]
    lines += ["", "app = FastAPI()", f"# revision {mod.comment}", "", "", "class Holder:", f"    llm = {mod.attr}", "",
              "    def ask(self):", "        return self.llm.chat.completions.create(model='m', messages=[])"]
    for name, fn in sorted(mod.fns.items()):
        lines += ["", ""] + (["@app.get('/" + name + "')"] if fn.trigger == "route" else [])
        lines.append(f"def {name}():" + ("  # llm-latency: scheduled" if fn.trigger == "pragma" else ""))
        for call in fn.calls:
            lines.append("    " + {"llm": LLM, "holder": "Holder().ask()",
                                   "helper": "helper().chat.completions.create(model='m', messages=[])"}.get(call, f"{call}()"))
        lines.append("    return None")
    return "\n".join(lines) + "\n"


def _add_function(model: Model, rng: random.Random) -> None:
    mod_name = rng.choice(sorted(model.mods))
    mod = model.mods[mod_name]
    model.counter += 1
    calls = []
    for _ in range(rng.randint(1, 2)):
        other = rng.choice(sorted(model.mods))
        names = sorted(model.mods[other].fns)
        if names and rng.random() < 0.6:
            callee = rng.choice(names)
            calls.append(callee)
            if other != mod_name:
                mod.imports.add((other, callee))
        else:
            calls.append(rng.choice(["llm", "holder", "helper"]))
    mod.fns[f"f{model.counter}"] = Fn(calls, rng.choice(["", "", "route", "pragma"]))


def _remove_function(model: Model, rng: random.Random) -> None:
    owners = [(m, f) for m, mod in sorted(model.mods.items()) for f in sorted(mod.fns)]
    if owners:
        m, f = rng.choice(owners)
        del model.mods[m].fns[f]  # its callers and importers keep naming it


def _set_attr(model: Model, rng: random.Random) -> None:
    model.mods[rng.choice(sorted(model.mods))].attr = rng.choice(ATTRS)


def _remove_import(model: Model, rng: random.Random) -> None:
    mod = model.mods[rng.choice(sorted(model.mods))]
    if mod.imports:
        mod.imports.discard(rng.choice(sorted(mod.imports)))


def _toggle_trigger(model: Model, rng: random.Random) -> None:
    owners = [fn for _, mod in sorted(model.mods.items()) for _, fn in sorted(mod.fns.items())]
    if owners:
        fn = rng.choice(owners)
        fn.trigger = rng.choice([t for t in ("", "route", "pragma") if t != fn.trigger])


def _rename_module(model: Model, rng: random.Random) -> None:
    old = rng.choice(sorted(model.mods))
    model.counter += 1
    model.mods[f"m{model.counter}"] = model.mods.pop(old)  # importers of the old name now dangle


def _toggle_tools(model: Model, rng: random.Random) -> None:
    model.tools = not model.tools


def _append_caller(model: Model, rng: random.Random) -> None:
    """A function calling only its own module's functions (no new import): the stored graph's case."""
    mod = model.mods[rng.choice(sorted(model.mods))]
    model.counter += 1
    calls = [rng.choice(sorted(mod.fns) + ["llm", "holder", "helper"]) for _ in range(rng.randint(1, 2))]
    mod.fns[f"f{model.counter}"] = Fn(calls, rng.choice(["", "pragma"]))


def _comment(model: Model, rng: random.Random) -> None:
    model.mods[rng.choice(sorted(model.mods))].comment += 1


VOCABULARY = [_add_function, _add_function, _append_caller, _append_caller, _remove_function, _set_attr, _remove_import, _toggle_trigger,
              _rename_module, _toggle_tools, _comment]


def _sync(root: Path, model: Model) -> None:
    files = model.files()
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel not in files:
            path.unlink()
    for rel, text in files.items():
        _write(root, rel, text)


@pytest.mark.parametrize("seed", [3, 11, 29])
def test_random_edits_give_the_result_of_a_run_without_the_cache(tmp_path, seed):
    rng = random.Random(seed)
    model = Model({f"m{i}": Mod() for i in range(3)})
    for _ in range(4):
        _add_function(model, rng)
    root = tmp_path / "proj"
    _sync(root, model)
    before = _same_as_uncached(root, "start")
    applied, changed, started = [], 0, engine.COUNTS["graph_from_state"]
    for step in range(20):
        edit = rng.choice(VOCABULARY)
        edit(model, rng)
        applied.append(edit.__name__)
        _sync(root, model)
        after = _same_as_uncached(root, f"step {step}: {applied}")
        changed += after[1] != before[1]
        before = after
    assert changed >= 6, applied  # the edits are not idle
    assert engine.COUNTS["graph_from_state"] > started, applied  # some edits started from the stored graph
