"""flake8 over a tree of nested projects: every file parsed once, every project's findings those
of ``check`` run on that project alone."""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from support.cache_runs import count_parses
from support.paths import DEMO, FIXTURES

from llm_latency_lint import engine, flake8_plugin
from llm_latency_lint.commands import tree
from llm_latency_lint.commands.scope import project_root
from llm_latency_lint.facts import pool as workers
from llm_latency_lint.files.discover import relative

NESTED = "vendor/demo2"


def build(folder: Path) -> Path:
    """The demo as a workspace, with a second copy of it as a package inside (its own
    pyproject.toml): the workspace's analysis sees both copies, the package's only its own."""
    ignore = shutil.ignore_patterns(".llm_latency_lint_cache")
    shutil.copytree(DEMO, folder, ignore=ignore)
    shutil.copytree(DEMO, folder / NESTED, ignore=ignore)
    return folder


def python_files(top: Path) -> List[Path]:
    return sorted(p for p in top.rglob("*.py") if ".llm_latency_lint_cache" not in p.parts)


def expected(tmp_path: Path) -> Dict[Tuple[str, str], List[Tuple[int, int, str]]]:
    """(root relative to the top, file relative to its root) -> findings, from ``check`` on each
    project of a separate copy (its own caches), for the files whose nearest project it is."""
    top = build(tmp_path / "expected")
    found = {}
    for root in (top, top / NESTED):
        for path, reports in flake8_plugin._by_file(engine.run([root], tree.config_of(root), root=root)).items():
            if project_root(root / path) == root:
                found[(relative(root, top) if root != top else "", path)] = reports
    return found


def test_nested_projects_share_one_facts_pass_and_report_as_check_does(tmp_path, monkeypatch):
    want = expected(tmp_path)
    assert sum(len(v) for k, v in want.items() if k[0] == NESTED) >= 10  # the package has findings of its own
    top = build(tmp_path / "top")
    monkeypatch.setattr(workers, "MIN_FILES", 10**6)  # parse in this process, where parses are counted
    monkeypatch.setattr(flake8_plugin, "_RESULTS", {})
    monkeypatch.setattr(tree, "_PREPARED", {})
    monkeypatch.setattr(flake8_plugin.LatencyPlugin, "region", top)
    parsed = count_parses(monkeypatch)
    assert lint(top) == want
    assert len(parsed) == len(set(parsed))  # the package's files were not parsed again
    kept = engine.run([top], tree.config_of(top), root=top).files
    assert len(parsed) == len(kept) > 0
    # A new process (flake8 run again): every project has its cache, the tree is not walked.
    monkeypatch.setattr(flake8_plugin, "_RESULTS", {})
    monkeypatch.setattr(tree, "_PREPARED", {})
    assert lint(top) == want
    assert tree._PREPARED == {} and len(parsed) == len(kept)


def lint(top: Path) -> Dict[Tuple[str, str], List[Tuple[int, int, str]]]:
    """The plugin on every file of ``top``, in this process, the package's files first (it
    needs the workspace's facts)."""
    got = {}
    for path in reversed(python_files(top)):
        root = project_root(path)
        text = path.read_text()
        reports = [r[:3] for r in flake8_plugin.LatencyPlugin(ast.parse(text), str(path), text.splitlines(True)).run()]
        if reports:
            got[(relative(root, top) if root != top else "", relative(path, root))] = reports
    return got


def test_flake8_jobs_over_a_tree_reports_what_check_reports(tmp_path):
    want = expected(tmp_path)
    top = build(tmp_path / "top")
    proc = subprocess.run([sys.executable, "-m", "flake8", "--isolated", "--select", "LLM", "-j", "2", "."],
                          cwd=top, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    got: Dict[Tuple[str, str], List[Tuple[int, int, str]]] = {}
    for line in proc.stdout.splitlines():
        path, row, col, message = line.split(":", 3)
        absolute = top / path
        root = project_root(absolute)
        key = (relative(root, top) if root != top else "", relative(absolute, root))
        got.setdefault(key, []).append((int(row), int(col) - 1, message.strip()))
    assert {k: sorted(v) for k, v in got.items()} == {k: sorted(v) for k, v in want.items()}


def test_tree_root_is_the_outermost_project_inside_what_flake8_checks(tmp_path):
    top = tmp_path / "repo"
    package = top / "packages" / "one"
    package.mkdir(parents=True)
    (top / "pyproject.toml").write_text("")
    (package / "pyproject.toml").write_text("")
    assert tree.tree_root(package, top) == top
    assert tree.tree_root(package, tmp_path) == top  # a folder above every project
    assert tree.tree_root(package, top / "packages") == package  # the workspace is not checked
    assert tree.tree_root(package, package / "src") == package
    assert tree.tree_root(top, top) == top


def _fixture_files() -> List[Path]:
    return sorted([*FIXTURES.joinpath("projects").rglob("*.py"), *DEMO.rglob("*.py")])


@pytest.mark.parametrize("prefix", ["vendor/pkg/", "views/", "app/management/commands/", "scripts/"])
def test_rebased_facts_equal_facts_made_for_the_nested_path(prefix):
    """``rebase`` either gives exactly what extraction under the shorter path gives, or declines."""
    files = _fixture_files() if prefix == "vendor/pkg/" else [p for p in _fixture_files() if "django" in p.read_text()]
    assert files
    shared = 0
    for path in files:
        text, rel = path.read_text(), path.name if path.parent.name in ("", ".") else f"{path.parent.name}/{path.name}"
        module = path.stem
        outer = workers.extract_one((prefix + rel, text, module, False), frozenset())
        inner = workers.extract_one((rel, text, module, False), frozenset())
        rebased = tree.rebase(outer, prefix + rel, rel)
        if rebased is not None:
            assert rebased == inner, (prefix, path)
            shared += 1
    if prefix == "vendor/pkg/":  # a folder no recogniser looks at: every file is shared
        assert shared == len(files) - sum("subprocess" in p.read_text() or "runpy" in p.read_text() for p in files)


def test_options_give_the_region_and_whether_lines_may_differ_from_disk(tmp_path, monkeypatch):
    from argparse import Namespace

    plugin = flake8_plugin.LatencyPlugin
    monkeypatch.setattr(plugin, "region", None)
    monkeypatch.setattr(plugin, "from_stdin", True)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    plugin.parse_options(Namespace(filenames=["a", "b/"]))
    assert (plugin.region, plugin.from_stdin) == (tmp_path, False)
    plugin.parse_options(Namespace(filenames=["a"]))
    assert plugin.region == tmp_path / "a"
    plugin.parse_options(Namespace(filenames=["-"]))  # an editor's buffer on stdin
    assert (plugin.region, plugin.from_stdin) == (None, True)


def test_a_project_another_worker_seeded_is_not_scanned_again(tmp_path, monkeypatch):
    """Two flake8 workers meeting the same nested project both ask to seed it: the one that gets
    the lock second finds its cache there and returns without walking and reading it again."""
    monkeypatch.setattr(tree, "_PREPARED", {})
    top = build(tmp_path / "top")
    shared = tree.prepare(top)
    assert shared is not None
    nested = top / NESTED
    config = tree.config_of(nested)
    assert tree.seed(nested, config, top, shared) > 0
    monkeypatch.setattr(tree, "scan_files", lambda *args, **kwargs: pytest.fail("scanned again"))
    assert tree.seed(nested, config, top, shared) == 0


def test_a_seeded_project_reads_no_file_the_tree_summarised(tmp_path, monkeypatch):
    """The package's seed takes the tree's stat index and exports: none of its Python files is
    summarised or has its exports read a second time, and its findings stay those of ``check``."""
    from llm_latency_lint.facts import prefilter

    want = expected(tmp_path)
    monkeypatch.setattr(tree, "_PREPARED", {})
    top = build(tmp_path / "top")
    shared = tree.prepare(top)
    assert shared is not None
    summarised: List[str] = []
    exported: List[str] = []
    real_summarise, real_exports = prefilter.summarise, prefilter.file_exports
    monkeypatch.setattr(prefilter, "summarise", lambda text, module, *a: summarised.append(module) or real_summarise(text, module, *a))
    monkeypatch.setattr(prefilter, "file_exports", lambda text, rel, *a: exported.append(rel) or real_exports(text, rel, *a))
    nested = top / NESTED
    assert tree.seed(nested, tree.config_of(nested), top, shared) > 0
    assert summarised == [] and exported == []
    monkeypatch.setattr(flake8_plugin, "_RESULTS", {})
    monkeypatch.setattr(flake8_plugin.LatencyPlugin, "region", top)
    assert {k: v for k, v in lint(top).items() if k[0] == NESTED} == {k: v for k, v in want.items() if k[0] == NESTED}


def test_a_worker_that_waited_for_the_tree_lock_parses_nothing_again(tmp_path, monkeypatch):
    """The tree's store is opened again once its lock is held: the index the other worker wrote
    meanwhile vouches for every file, so no file is parsed twice."""
    from llm_latency_lint.facts.cache import Store

    top = build(tmp_path / "top")
    monkeypatch.setattr(workers, "MIN_FILES", 10**6)  # parse in this process, where parses are counted
    monkeypatch.setattr(tree, "_PREPARED", {})
    parsed = count_parses(monkeypatch)
    real = Store.exclusive
    waited: List[bool] = []

    def other_worker_first(self: Store):  # type: ignore[no-untyped-def]
        if not waited:  # this worker opened the store; the other one's check runs before it gets the lock
            waited.append(True)
            engine.run([top], tree.config_of(top), root=top)
        return real(self)

    monkeypatch.setattr(Store, "exclusive", other_worker_first)
    assert tree.prepare(top) is not None
    assert waited and parsed and len(parsed) == len(set(parsed))
