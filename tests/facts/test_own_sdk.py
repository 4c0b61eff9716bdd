"""A package the project defines itself is project code, not an SDK (issue 14): crewAI's own
repository imports ``crewai`` in 700 files, and each of them was an anchor of the prefilter."""
from __future__ import annotations

from support.paths import PROJECTS

from llm_latency_lint.catalog import providers
from llm_latency_lint.facts import prefilter

OWN_SDK = PROJECTS / "own_sdk"


def _fixture():
    texts = {p.relative_to(OWN_SDK).as_posix(): p.read_text() for p in sorted(OWN_SDK.rglob("*.py"))}
    modules = {k: k[:-3].replace("/", ".").removesuffix(".__init__") for k in texts}
    packages = {k: k.endswith("__init__.py") for k in texts}
    return texts, modules, packages


def test_a_catalogued_package_the_tree_defines_is_its_own():
    assert providers.own_roots([("crewai", True), ("crewai.crew", False)]) == {"crewai"}
    assert providers.own_roots([("openai.types.chat", False)]) == {"openai"}
    # a lone script named after an SDK, a package merely ending in one, an uncatalogued package: none
    assert providers.own_roots([("openai", False), ("app.openai", False), ("crewai_tools", True)]) == frozenset()


def test_an_import_of_the_projects_own_sdk_package_is_no_anchor():
    texts, modules, packages = _fixture()
    kept = prefilter.relevant(texts, modules, packages)
    assert "crewai/tools.py" not in kept  # imports only ``crewai``, leads to no SDK call
    assert {"crewai/llm.py", "crewai/agent.py", "crewai/crew.py", "jobs/nightly.py"} <= kept  # the path to litellm


def test_the_same_import_anchors_where_the_project_does_not_define_the_package():
    texts, modules, packages = _fixture()
    outside = {k: v for k, v in texts.items() if not k.startswith("crewai/")}
    outside["tools.py"] = texts["crewai/tools.py"]
    modules = {k: k[:-3].replace("/", ".").removesuffix(".__init__") for k in outside}
    assert "tools.py" in prefilter.relevant(outside, modules, {k: k.endswith("__init__.py") for k in outside})


def test_every_catalogued_root_a_file_imports_is_recorded():
    summary = prefilter.summarise("import os, openai, anthropic\nfrom crewai import Crew\n", "m", False)
    assert summary.roots == {"openai", "anthropic", "crewai"}
    assert summary.anchored(frozenset({"crewai"}))
    own_only = prefilter.summarise("from crewai import Crew\n", "m", False)
    assert own_only.anchor and not own_only.anchored(frozenset({"crewai"}))
    assert prefilter.Summary.from_json(summary.to_json()) == summary
