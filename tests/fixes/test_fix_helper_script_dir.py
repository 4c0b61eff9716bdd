"""A module imported as a script's sibling gets its helper module beside it (issue 16, item 3).

Found on real code by scripts/fix_rate.py: ``jobs/src/prompt_maker.py`` (with ``__init__.py`` files
up to ``jobs/``) is imported by ``jobs/src/run.py`` as ``import prompt_maker``; the fix wrote
``jobs/_llm_batch.py`` and ``from jobs._llm_batch import ...``, which fails unless the package is
installed. Now the helper goes beside the module and is imported by its bare name, the way the
script imports its siblings; a module imported by its package name keeps the package rule.
"""
from __future__ import annotations

import subprocess
import sys

import pytest
from support.fixlib import write_project

from llm_latency_lint.config import parse
from llm_latency_lint.fixes import FixOptions, fix_paths
from llm_latency_lint.fixes.helper_module import sibling_imported

MAKER = '''\
from openai import OpenAI

import mailer

client = OpenAI(api_key="k")


def make():  # llm-latency: scheduled
    r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "x"}])
    mailer.send(r.choices[0].message.content)
'''
RUN = "import prompt_maker\n\nif __name__ == '__main__':\n    prompt_maker.make()\n"
FILES = {"jobs/__init__.py": "", "jobs/src/__init__.py": "", "jobs/src/prompt_maker.py": MAKER,
         "jobs/src/mailer.py": "def send(text):\n    print(text)\n", "jobs/src/run.py": RUN}


def _fixed(root, files, write=False):
    write_project(root, files)
    return fix_paths([root], parse({}, "test"), FixOptions(strategy="batch", unsafe=True),
                     write=write)


def test_the_helper_goes_beside_a_script_directory_module(tmp_path):
    report = _fixed(tmp_path, FILES, write=True)
    assert sorted(report.fixed) == ["jobs/src/_llm_batch.py", "jobs/src/prompt_maker.py"]
    assert "from _llm_batch import _openai_batch\n" in report.fixed["jobs/src/prompt_maker.py"]
    # Imported the way the script runs (its folder first on sys.path, the package not installed).
    proc = subprocess.run([sys.executable, "-c", "import prompt_maker"], cwd=tmp_path / "jobs/src",
                          capture_output=True, text=True, timeout=60, env={"PATH": "", "PYTHONPATH": ""})
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("change", [
    {"jobs/src/run.py": "from jobs.src import prompt_maker\n\nprompt_maker.make()\n"},
    {"jobs/src/run.py": "from jobs.src.prompt_maker import make\n\nmake()\n"},
])
def test_a_module_imported_by_its_package_name_keeps_the_package_rule(tmp_path, change):
    files = {**FILES, **change, "jobs/src/prompt_maker.py": MAKER.replace("import mailer\n", "from jobs.src import mailer\n")}
    report = _fixed(tmp_path, files)
    assert "jobs/_llm_batch.py" in report.fixed
    assert "from jobs._llm_batch import _openai_batch" in report.fixed["jobs/src/prompt_maker.py"]


@pytest.mark.parametrize("texts, expected", [
    ({"a/b/m.py": "import os\n", "a/b/s.py": "import m\n"}, True),  # a sibling imports it by bare name
    ({"a/b/m.py": "import s\n", "a/b/s.py": "x = 1\n"}, True),  # it imports a sibling by bare name
    ({"a/b/m.py": "import os\n", "a/b/s.py": "from a.b import m\n"}, False),
    ({"a/b/m.py": "import os\n", "a/c/s.py": "import m\n"}, False),  # not from its own folder
    ({"a/b/m.py": "import m\n", "a/b/s.py": "import m\n"}, False),  # ``m`` is what the module imports itself
])
def test_sibling_imported(texts, expected):
    imports = {"a/b/s.py": ["a.b.m"]} if "from a.b import m" in texts.get("a/b/s.py", "") else {}
    assert sibling_imported("a/b/m.py", "a.b.m", texts, imports) is expected
