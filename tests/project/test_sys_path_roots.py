"""A script that adds a folder to ``sys.path`` before it imports (issue 15, round 10): its bare
imports resolve against that folder, for that script only, and only when the folder exists."""
from __future__ import annotations

import libcst as cst
import pytest
from test_graph import project
from test_reach import classes_of

from llm_latency_lint.facts.path_roots import path_roots

SUMMARIZER = ("from anthropic import Anthropic\n\n\nclass Summarizer:\n    def __init__(self):\n"
              "        self.client = Anthropic()\n\n    def run(self, text):\n"
              "        return self.client.messages.create(model='m', max_tokens=9, messages=[])\n")
SITE = ("src/summarizer.py", 9)
SCRIPT = ("import os\nimport sys\nimport argparse\n\n{insert}\n\nfrom summarizer import Summarizer\n\n\n"
          "def main():\n    argparse.ArgumentParser().parse_args()\n    Summarizer().run('x')\n\n\n"
          "if __name__ == '__main__':\n    main()\n")
INSERT = "sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'src'))"


@pytest.mark.parametrize("text, expected", [
    (INSERT, ["__file__/../src"]),
    ("sys.path.append(str(Path(__file__).resolve().parent / 'lib'))", ["__file__/../lib"]),
    ("sys.path.insert(0, str(Path(__file__).parent.parent))", ["__file__/../.."]),
    ("sys.path.insert(0, os.path.dirname(os.path.dirname(__file__)))", ["__file__/../.."]),
    ("sys.path.insert(0, str(Path(__file__).parents[1] / 'src'))", ["__file__/../../src"]),
    ("ROOT = Path(__file__).resolve().parent\nsys.path.insert(0, str(ROOT / 'src'))", ["__file__/../src"]),
    ("sys.path.extend(['lib', os.getcwd()])", ["lib", "."]),
    ("if True:\n    sys.path.append('vendor')", ["vendor"]),
    ("try:\n    import a\nexcept ImportError:\n    sys.path.append('g')", ["g"]),
    ("site.addsitedir('vendor')", ["vendor"]),
    ("sys.path.insert(0, str(Path(__file__).parents[-1]))", []),
    ("def setup():\n    sys.path.insert(0, os.path.join(os.path.dirname(__file__), 'x'))", ["__file__/../x"]),
    ("sys.path.insert(0, some_function())", []),
    ("ROOT = 'a'\nROOT = 'b'\nsys.path.append(ROOT)", []),  # bound twice: not one folder
])
def test_the_folders_a_module_adds_to_sys_path(text, expected):
    assert path_roots(cst.parse_module("import os\nimport sys\nfrom pathlib import Path\n" + text + "\n")) == expected


def test_a_script_imports_from_the_folder_it_inserts(tmp_path):
    files = {"main.py": SCRIPT.format(insert=INSERT), "src/__init__.py": "", "src/summarizer.py": SUMMARIZER}
    result = project(tmp_path, files)
    assert classes_of(result) == {SITE: "real-time"}
    chain = " | ".join(e.note for e in result.sites[0].evidence)
    assert "main calls Summarizer.run" in chain


def test_a_folder_from_the_script_s_parent(tmp_path):
    insert = "from pathlib import Path\nsys.path.insert(0, str(Path(__file__).resolve().parent.parent / 'src'))"
    files = {"tools/run.py": SCRIPT.format(insert=insert), "src/summarizer.py": SUMMARIZER}
    assert classes_of(project(tmp_path, files)) == {SITE: "real-time"}


def test_a_folder_that_does_not_exist_resolves_nothing(tmp_path):
    # ``scripts/src`` is not there: the import fails when the script runs, so nothing reaches the site
    files = {"scripts/run.py": SCRIPT.format(insert=INSERT), "src/__init__.py": "", "src/summarizer.py": SUMMARIZER}
    assert classes_of(project(tmp_path, files)) == {SITE: "unknown"}


def test_only_the_inserting_script_resolves_through_the_folder(tmp_path):
    other = SCRIPT.format(insert="")
    files = {"other.py": other, "src/__init__.py": "", "src/summarizer.py": SUMMARIZER}
    assert classes_of(project(tmp_path, files)) == {SITE: "unknown"}


def test_a_sibling_of_the_script_comes_first(tmp_path):
    files = {"main.py": SCRIPT.format(insert=INSERT.replace("insert(0, ", "append(")),
             "summarizer.py": SUMMARIZER, "src/__init__.py": "", "src/summarizer.py": SUMMARIZER}
    assert classes_of(project(tmp_path, files)) == {SITE: "unknown", ("summarizer.py", 9): "real-time"}
