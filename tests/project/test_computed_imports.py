"""Modules imported by a computed name with a literal package prefix (issue 15, "dispatch driven by
data"): ``importlib.import_module(f"stages.{name}")`` holds every project module directly under
``stages``, so ``m.run(ctx)`` reaches each one's ``run``; a prefix naming no project package, or no
literal prefix at all, holds nothing.

Nine stage modules define ``run`` (more than the by-name fallback links, ``MAX_LOADED_FUNCTIONS``),
two of which call an LLM: only the computed import can reach them.
"""
from __future__ import annotations

from typing import Dict

import pytest
from test_graph import project, sites

LLM_STAGE = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef run(ctx):\n"
             "    return client.chat.completions.create(model='m', messages=[])\n")
PLAIN_STAGE = "def run(ctx):\n    return ctx\n"
STAGES = ["alpha", "beta", "c1", "c2", "c3", "c4", "c5", "c6", "c7"]


def stages() -> Dict[str, str]:
    files = {"stages/__init__.py": ""}
    for name in STAGES:
        files[f"stages/{name}.py"] = LLM_STAGE if name in ("alpha", "beta") else PLAIN_STAGE
    return files


def runner(load: str, call: str = "module.run({})") -> str:
    """A scheduled pipeline that loads each stage with ``load`` (an expression of ``name``)."""
    return ("import importlib\n\n\ndef _load(name):\n"
            f"    return {load}\n\n\n"
            "def run_pipeline(names):  # llm-latency: scheduled\n"
            "    for name in names:\n        module = _load(name)\n"
            f"        {call}\n")


def reached(load: str, call: str = "module.run({})", tmp_path=None):
    return project(tmp_path, {**stages(), "pipeline.py": runner(load, call)})


LLM_SITES = {("stages/alpha.py", 7): ("chat.completions.create", "scheduled"),
             ("stages/beta.py", 7): ("chat.completions.create", "scheduled")}


@pytest.mark.parametrize("load", [
    'importlib.import_module(f"stages.{name}")',
    'importlib.import_module("stages." + name)',
    'importlib.import_module(".%s" % name, package="stages")',
    'importlib.import_module("stages.{}".format(name))',
    '__import__(f"stages.{name}")',
])
def test_a_computed_name_under_a_project_package_reaches_every_module_there(tmp_path, load):
    result = reached(load, tmp_path=tmp_path)
    assert sites(result) == LLM_SITES
    notes = [step.note for step in result.sites[0].evidence]
    assert any("imported by a computed name under `stages`" in note for note in notes), notes


def test_a_local_holding_the_computed_name_and_a_lambda_default_carry_the_module(tmp_path):
    """``mod = f"stages.{name}"; import_module(mod)`` in a wrapper, and ``lambda m=module: m.run(ctx)``."""
    load = "importlib.import_module(mod)"
    text = runner(load, "submit(lambda m=module: m.run({}))").replace(
        "def _load(name):\n", "def _load(name):\n    mod = f'stages.{name}'\n")
    text += "\n\ndef submit(fn):\n    return fn()\n"
    result = project(tmp_path, {**stages(), "pipeline.py": text})
    assert sites(result) == LLM_SITES


@pytest.mark.parametrize("call", ['getattr(module, "run")({})', 'attr = "run"\n        getattr(module, attr)({})'])
def test_getattr_on_a_computed_module_names_its_function(tmp_path, call):
    result = reached('importlib.import_module(f"stages.{name}")', call, tmp_path)
    assert sites(result) == LLM_SITES


def test_a_prefix_narrows_the_modules(tmp_path):
    """``f"stages.a{x}"`` can only be a module whose name starts with ``a``: ``alpha``, not ``beta``."""
    result = reached('importlib.import_module(f"stages.a{name}")', tmp_path=tmp_path)
    assert sites(result)[("stages/alpha.py", 7)][1] == "scheduled"
    assert sites(result)[("stages/beta.py", 7)][1] == "unknown"


@pytest.mark.parametrize("load", [
    'importlib.import_module(f"langchain.{name}")',  # a third-party package: not the project's modules
    'importlib.import_module(name)',  # no literal prefix: every module would be a guess
    'importlib.import_module(f"{name}.run")',
    'importlib.import_module(f"nostages.{name}")',  # names no package of the project
])
def test_a_computed_name_without_a_project_package_prefix_reaches_nothing(tmp_path, load):
    result = reached(load, tmp_path=tmp_path)
    assert {cls for _, cls in sites(result).values()} == {"unknown"}


def test_a_literal_module_name_is_that_module(tmp_path):
    result = reached('importlib.import_module("stages.alpha")', tmp_path=tmp_path)
    assert sites(result)[("stages/alpha.py", 7)][1] == "scheduled"
    assert sites(result)[("stages/beta.py", 7)][1] == "unknown"


def test_a_lambda_default_carries_its_value_into_the_body(tmp_path):
    """``lambda r=report: r.build()``: ``r`` is what ``report`` held where the lambda was made."""
    result = project(tmp_path, {
        "jobs.py": ("from openai import OpenAI\n\n\nclass Report:\n    def build(self):\n"
                    "        return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
                    "def submit(fn):\n    return fn()\n\n\n"
                    "def nightly():  # llm-latency: scheduled\n    report = Report()\n"
                    "    submit(lambda r=report: r.build())\n"),
    })
    assert sites(result) == {("jobs.py", 6): ("chat.completions.create", "scheduled")}
