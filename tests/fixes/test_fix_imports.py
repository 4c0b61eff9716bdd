"""Imports a fix adds land where Ruff's isort order (``I001``) puts them.

Random sets of the imports fixers add, into files in several sorted styles (sections, a
wrapped ``from`` import, aliases, ``# noqa`` blocks after code, no imports at all); Ruff, run
once over all of them, must find nothing to sort. First-party means what Ruff resolves under
the root (a package folder, a module the fix creates there).
"""
from __future__ import annotations

import random

import libcst as cst
from support.fixlib import ruff

from llm_latency_lint.fixes.imports import add_imports, project_modules

BASES = {
    "sections": '"""Doc."""\nfrom __future__ import annotations\n\nimport os\nfrom typing import Dict, List\n\n'
                'from openai import OpenAI\n\nfrom pkg.models import Article\n\nX = 1\n',
    "no_imports": '"""Doc."""\n\n\ndef f():\n    pass\n',
    "code_between": 'import argparse\nimport sys\nfrom pathlib import Path\n\nsys.path.insert(0, "x")\n\n'
                    'import django  # noqa: E402\n',
    "comment_first": '# comment\nimport openai\n\n\nclass A:\n    pass\n',
    "wrapped": 'from typing import (\n    Any,\n    Dict,\n)\n\nimport anthropic\nfrom django.conf import settings\n',
    "aliases": 'import anthropic as ant\nimport mistralai.client as mc\n\nclient = ant.Anthropic()\n',
}
WANTED = [
    ("typing", "TypeVar"), ("typing", "Any"), ("typing", "TYPE_CHECKING"), ("typing", "cast"), ("typing", "List"),
    ("openai.types.chat", None), ("pkg._llm_batch", "_openai_batch"), ("_llm_batch", "_openai_batch"),
    ("google.genai", "types"), ("__future__", "annotations"), ("anthropic", None), ("anthropic.types", None),
    ("mistralai.client", None), ("json", None), ("asyncio", None),
]


def test_added_imports_are_sorted_as_ruff_sorts_them(tmp_path):
    (tmp_path / "pkg").mkdir()
    for name in ("__init__.py", "models.py", "_llm_batch.py"):  # the helper module exists when Ruff runs
        (tmp_path / "pkg" / name).write_text("", encoding="utf-8")
    first_party = project_modules(tmp_path)
    rng = random.Random(16)
    cases = tmp_path / "cases"
    cases.mkdir()
    for trial in range(40):
        for name, text in BASES.items():
            wanted = rng.sample(WANTED, rng.randint(1, 6))
            fixed = add_imports(cst.parse_module(text), wanted, first_party).code
            compile(fixed, name, "exec")
            (cases / f"{name}_{trial}.py").write_text(fixed, encoding="utf-8")
    proc = ruff(tmp_path, "--select", "I", "--output-format", "concise", "cases")
    assert proc.returncode == 0, proc.stdout[:4000]


def test_first_party_is_what_ruff_resolves_under_the_root(tmp_path):
    (tmp_path / "deskapp").mkdir()
    (tmp_path / "deskapp" / "models.py").write_text("", encoding="utf-8")
    test = project_modules(tmp_path, [("deskapp._llm_batch", "deskapp/_llm_batch.py"),
                                      ("_llm_batch", "scripts/_llm_batch.py")])
    assert test("deskapp.models") and test("deskapp") and test("deskapp._llm_batch")
    assert not test("deskapp.nothere") and not test("openai")
    assert not test("_llm_batch")  # beside a script in scripts/: Ruff calls that third party


def test_an_import_already_there_is_not_added_twice_and_from_imports_merge():
    module = cst.parse_module("from typing import Dict, List\nimport openai.types.chat\n\nX = 1\n")
    fixed = add_imports(module, [("typing", "List"), ("typing", "Any"), ("openai.types.chat", None)], lambda m: False)
    assert fixed.code == "from typing import Any, Dict, List\nimport openai.types.chat\n\nX = 1\n"


def test_an_import_joins_the_run_that_already_imports_its_package_with_its_noqa():
    """A script imports its project's package after ``sys.path.insert``: the helper module's
    import goes there (it would fail above it), with that run's ``# noqa: E402``; an import of
    a package no later run imports goes to the first run as before."""
    source = ('import sys\n\nsys.path.insert(0, "..")\n\nfrom openai import OpenAI  # noqa: E402\n\n'
              'from pkg.models import Article  # noqa: E402\n\nX = 1\n')
    first_party = lambda m: m.startswith("pkg")  # noqa: E731
    fixed = add_imports(cst.parse_module(source), [("pkg._llm_batch", "_openai_batch"), ("openai.types", None),
                                                    ("typing", "List")], first_party)
    assert fixed.code == ('import sys\nfrom typing import List\n\nsys.path.insert(0, "..")\n\n'
                          'import openai.types  # noqa: E402\nfrom openai import OpenAI  # noqa: E402\n\n'
                          'from pkg._llm_batch import _openai_batch  # noqa: E402\n'
                          'from pkg.models import Article  # noqa: E402\n\nX = 1\n')
