"""Notebooks through the ways in: check, --fix, --diff, --show-fixes, pre-commit, flake8, the cache."""
from __future__ import annotations

import ast
import json
import shutil

import pytest
from support.notebooks import NOTEBOOK_PROJECT, STREAM, write_notebook
from support.sample_project import cli

from llm_latency_lint.files.notebook import mask_cell
from llm_latency_lint.flake8_plugin import LatencyPlugin

NOTEBOOKS = ("enrich_openai", "summarise_anthropic", "report")


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(NOTEBOOK_PROJECT, root)
    return root


def _cells_compile(notebook):
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            source = "\n".join(mask_cell("".join(cell["source"]))) + "\n"
            compile(source, "cell", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)


def test_check_reports_llm001_at_the_cells_the_schedules_run(project):
    proc = cli("check", ".", cwd=project)
    assert proc.returncode == 1, proc.stderr
    heads = [l.split(": LLM001")[0] for l in proc.stdout.splitlines() if ": LLM001 " in l]
    assert heads == ["notebooks/enrich_openai.ipynb:cell 4:5:13", "notebooks/report.ipynb:cell 1:5:10",
                     "notebooks/summarise_anthropic.ipynb:cell 3:2:15"]
    assert "explore.ipynb" not in proc.stdout  # nothing schedules it: run by hand (real-time), no finding
    assert "legacy_r" not in proc.stdout and "error" not in proc.stdout


def test_fix_with_unsafe_fixes_rewrites_cells_and_keeps_everything_else(project):
    before = {n: json.loads((project / "notebooks" / f"{n}.ipynb").read_text()) for n in NOTEBOOKS}
    untouched = (project / "notebooks" / "explore.ipynb").read_bytes()
    # report.ipynb runs only from a GitHub Actions schedule (6 h job limit): ``auto`` refuses its
    # batch, so the strategy is forced here (tests/fixes/test_fix_ci_schedule.py covers ``auto``).
    proc = cli("check", "--fix", "--unsafe-fixes", "--fix-strategy", "batch", "--show-fixes", ".", cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Fixed 3 finding(s) in 3 file(s); created notebooks/_llm_batch.py." in proc.stderr
    assert "  notebooks/report.ipynb:cell 1:5:10: LLM001 applied: submit the request" in proc.stdout
    for name in NOTEBOOKS:
        after = json.loads((project / "notebooks" / f"{name}.ipynb").read_text())
        assert after["metadata"] == before[name]["metadata"] and len(after["cells"]) == len(before[name]["cells"])
        for old, new in zip(before[name]["cells"], after["cells"]):
            assert new.get("outputs") == old.get("outputs") and new["metadata"] == old["metadata"]
            if old["cell_type"] != "code":
                assert new == old
        _cells_compile(after)
    enrich = json.loads((project / "notebooks" / "enrich_openai.ipynb").read_text())
    assert enrich["cells"][1]["source"][0] == "%pip install openai pandas\n"  # still before the imports
    assert enrich["cells"][3]["source"][0] == "%%time\n"
    assert any("!echo {text}" in line for line in enrich["cells"][3]["source"])
    assert (project / "notebooks" / "explore.ipynb").read_bytes() == untouched
    assert ": LLM001 " not in cli("check", ".", cwd=project).stdout


def test_diff_shows_cell_hunks_and_writes_nothing(project):
    path = project / "notebooks" / "report.ipynb"
    data = path.read_bytes()
    proc = cli("check", "--diff", "--unsafe-fixes", "--fix-strategy", "batch", ".", cwd=project)
    assert proc.returncode == 1
    assert "--- a/notebooks/report.ipynb:cell 1\n+++ b/notebooks/report.ipynb:cell 1\n" in proc.stdout
    assert "llm-latency-lint cell" not in proc.stdout and "llm-latency-lint magic" not in proc.stdout
    assert path.read_bytes() == data


def test_a_corrupt_notebook_is_one_error_and_the_rest_is_checked(project):
    (project / "notebooks" / "broken.ipynb").write_text('{"cells": [{"cell_type": "code", "source": ["x = 1\\n"]')
    proc = cli("check", ".", cwd=project)
    errors = [l for l in proc.stdout.splitlines() if ": error: " in l]
    assert errors == ["notebooks/broken.ipynb: error: not a valid notebook: invalid JSON at line 1 column 55: "
                      "Expecting ',' delimiter"]
    assert proc.stdout.count(": LLM001 ") == 3


def test_a_syntax_error_in_a_cell_is_one_error(tmp_path):
    write_notebook(tmp_path / "nb.ipynb", [("code", "import openai\n"), ("code", "def f(:\n    pass\n")])
    proc = cli("check", ".", cwd=tmp_path)
    (error,) = [l for l in proc.stdout.splitlines() if ": error: " in l]
    assert error == ("nb.ipynb: error: cell 2 not parsed (syntax error at line 1, column 7: invalid syntax): "
                     "its other cells are analysed")


def test_add_noqa_writes_into_the_cell(tmp_path):
    write_notebook(tmp_path / "nb.ipynb", [("code", "from openai import OpenAI\nc = OpenAI()\n"),
                                          ("code", "c.chat.completions.create(model='m', messages=[])\n", STREAM)])
    (tmp_path / "crontab").write_text("0 1 * * * papermill nb.ipynb out.ipynb\n")
    proc = cli("check", "--add-noqa", ".", cwd=tmp_path)
    assert "added noqa comments for 1 finding in 1 file" in proc.stderr + proc.stdout
    cells = json.loads((tmp_path / "nb.ipynb").read_text())["cells"]
    assert cells[1]["source"] == ["c.chat.completions.create(model='m', messages=[])  # noqa: LLM001\n"]
    assert cells[1]["outputs"] == STREAM
    assert ": LLM001 " not in cli("check", ".", cwd=tmp_path).stdout


def test_noqa_and_pragmas_inside_cells(tmp_path):
    write_notebook(tmp_path / "nb.ipynb", [
        ("code", "from openai import OpenAI\nclient = OpenAI()\n"),
        ("code", "client.chat.completions.create(model='m', messages=[])  # noqa: LLM001\n"),
        ("code", "x = 1  # noqa: LLM001\n"),
        ("code", "def handler():  # llm-latency: scheduled\n    return client.chat.completions.create(model='m', messages=[])\n", STREAM),
    ])
    (tmp_path / "crontab").write_text("0 1 * * * papermill nb.ipynb out.ipynb\n")
    proc = cli("check", "--select", "LLM001,LLM100", ".", cwd=tmp_path)
    lines = [l.split(": ", 1)[0].split() + [l.split(": ", 2)[1].split()[0]] for l in proc.stdout.splitlines()
             if ": LLM" in l and not l.startswith(" ")]
    assert lines == [["nb.ipynb:cell", "3:1:8", "LLM100"], ["nb.ipynb:cell", "4:2:12", "LLM001"]], proc.stdout
    assert "pragma '# llm-latency: scheduled' on handler" in proc.stdout
    fixed = cli("check", "--select", "LLM001,LLM100", "--fix", ".", cwd=tmp_path)  # LLM100's fix, in the cell
    assert "Fixed 1 finding(s) in 1 file(s)." in fixed.stderr
    cells = json.loads((tmp_path / "nb.ipynb").read_text())["cells"]
    assert cells[2]["source"] == ["x = 1\n"] and cells[3]["outputs"] == STREAM


def test_precommit_style_run_reports_only_the_notebook_passed(project):
    proc = cli("check", "--project-root", ".", "notebooks/report.ipynb", cwd=project)
    found = [l for l in proc.stdout.splitlines() if ": LLM001 " in l]
    assert len(found) == 1 and found[0].startswith("notebooks/report.ipynb:cell 1:5:10")


def test_warm_cache_reads_notebooks_again(project):
    first = cli("check", ".", cwd=project).stdout
    assert cli("check", ".", cwd=project).stdout == first
    assert ":cell 4:5:13" in first


def test_flake8_plugin_ignores_notebooks(project):
    path = project / "notebooks" / "report.ipynb"
    plugin = LatencyPlugin(None, str(path), path.read_text().splitlines(keepends=True))
    assert list(plugin.run()) == []


def test_a_notebook_beside_a_module_of_the_same_name_keeps_both(tmp_path):
    call = "from openai import OpenAI\nc = OpenAI()\nc.chat.completions.create(model='m', messages=[])\n"
    write_notebook(tmp_path / "enrich.ipynb", [("code", call)])
    (tmp_path / "enrich.py").write_text(call.replace("c.chat", "if __name__ == '__main__':\n    c.chat"))
    (tmp_path / "crontab").write_text("0 1 * * * papermill enrich.ipynb out.ipynb\n0 2 * * * python enrich.py\n")
    out = cli("check", ".", cwd=tmp_path).stdout
    assert "enrich.ipynb:cell 1:3:1: LLM001" in out and "enrich.py:4:5: LLM001" in out


def test_a_main_guard_in_a_notebook_runs_too_and_top_level_cells_still_count(tmp_path):
    write_notebook(tmp_path / "nb.ipynb", [
        ("code", "from openai import OpenAI\nc = OpenAI()\nc.embeddings.create(model='m', input='a')\n"),
        ("code", "if __name__ == '__main__':\n    c.chat.completions.create(model='m', messages=[])\n"),
    ])
    (tmp_path / "crontab").write_text("0 1 * * * papermill nb.ipynb out.ipynb\n")
    out = cli("check", ".", cwd=tmp_path).stdout
    assert "nb.ipynb:cell 1:3:1: LLM001" in out and "nb.ipynb:cell 2:2:5: LLM001" in out


def test_a_cell_that_does_not_parse_is_dropped_alone_and_reported(tmp_path):
    write_notebook(tmp_path / "nb.ipynb", [
        ("code", "from openai import OpenAI\nc = OpenAI()\n"),
        ("code", "def broken(:\n    pass\n"),  # a syntax error: this cell alone is not read
        ("markdown", "# Later\n"),
        ("code", "x = 1\nc.chat.completions.create(model='m', messages=[])\n"),
    ])
    (tmp_path / "crontab").write_text("0 1 * * * papermill nb.ipynb out.ipynb\n")
    proc = cli("check", ".", cwd=tmp_path)
    assert "nb.ipynb:cell 4:2:1: LLM001" in proc.stdout  # the line inside its cell is unchanged
    assert "cell 2 not parsed (syntax error at line 1" in proc.stdout + proc.stderr


def test_precommit_fix_hook_fixes_only_the_notebook_passed(tmp_path):
    write_notebook(tmp_path / "a.ipynb", [("code", "x = 1  # noqa: LLM001\n", STREAM)])
    write_notebook(tmp_path / "b.ipynb", [("code", "y = 1  # noqa: LLM001\n", STREAM)])
    untouched = (tmp_path / "b.ipynb").read_bytes()
    proc = cli("check", "--project-root", ".", "--fix", "a.ipynb", cwd=tmp_path)
    assert "Fixed 1 finding(s) in 1 file(s)." in proc.stderr
    cell = json.loads((tmp_path / "a.ipynb").read_text())["cells"][0]
    assert cell["source"] == ["x = 1\n"] and cell["outputs"] == STREAM
    assert (tmp_path / "b.ipynb").read_bytes() == untouched



def test_a_warm_run_reads_no_unchanged_notebook_until_a_report_asks(project, monkeypatch):
    """The stat index vouches for a notebook as for any file; its Python view is made only when
    its text is asked for (noqa comments, a report's cell positions), and the report equals a run
    without the cache."""
    from llm_latency_lint import engine
    from llm_latency_lint.config import Config
    from llm_latency_lint.files import notebook
    from llm_latency_lint.reporters import check_text as text

    engine.run([project], Config(), root=project)
    views = []
    real = notebook.source
    monkeypatch.setattr(notebook, "source", lambda data: views.append(1) or real(data))
    warm = engine.run([project], Config(), root=project)
    # read: only the notebooks whose noqa comments the file-level rule checks (a .py file's likewise)
    assert len(views) == len([p for p in warm.texts.noqa_paths if notebook.is_notebook(p)]) == 1
    uncached = engine.run([project], Config(cache=False), root=project)
    assert text.render(warm) == text.render(uncached)
    assert ":cell 4:5:13" in text.render(warm)  # the views the report asked for
