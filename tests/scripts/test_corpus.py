"""The labelled corpus loads, each label is well formed, and ``--round`` picks a labelling round."""
from __future__ import annotations

import json
import re
import sys

import pytest
from support.paths import REPO

sys.path.insert(0, str(REPO / "scripts"))
from corpus import LABELS, Label, Repo, load, main, score, tool_source  # noqa: E402

CLASSES = {"real-time", "near-real-time", "scheduled", "mixed", "unknown"}


@pytest.mark.parametrize("path", sorted(LABELS.glob("*.toml")), ids=lambda p: p.stem)
def test_every_label_file_is_well_formed(path):
    repo = load(path)
    assert path.stem == repo.name.replace("/", "__")
    assert re.fullmatch(r"[0-9a-f]{40}", repo.commit)
    assert repo.sites, "a labelled repository has at least one site"
    for site in repo.sites:
        assert site.latency_class in CLASSES, (site.path, site.line)
        assert site.line > 0 and not site.path.startswith("/") and "\\" not in site.path
        assert (site.cell > 0) == site.path.endswith(".ipynb"), "a notebook site names its cell"


def test_round_selects_the_repositories_a_round_added(tmp_path, capsys):
    site = '[[site]]\npath = "a.py"\nline = 1\nclass = "scheduled"\n'
    (tmp_path / "o__first.toml").write_text(f'repo = "o/first"\ncommit = "{"a" * 40}"\nholdout = true\n{site}')
    (tmp_path / "o__second.toml").write_text(
        f'repo = "o/second"\ncommit = "{"b" * 40}"\nholdout = true\nround = 2\n{site}')
    assert [load(p).round for p in sorted(tmp_path.glob("*.toml"))] == [1, 2]
    # No mirrors: each selected repository is listed with its checkout error, the others not at all.
    main([str(tmp_path / "no-mirrors"), "--labels", str(tmp_path), "--split", "holdout", "--round", "2",
          "--work", str(tmp_path / "work")])
    out = capsys.readouterr().out
    assert "o/second" in out and "o/first" not in out
    assert "TOTAL (1 repositories, holdout, round 2)" in out


def test_a_notebook_label_names_its_cell_and_matches_the_reported_view_line(tmp_path):
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Enrich\n"]},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": ["from openai import OpenAI\n", "client = OpenAI()\n"]},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": ["rows = []\n", "client.chat.completions.create(model='m', messages=[])\n"]},
    ]
    (tmp_path / "nb.ipynb").write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    # The view: marker, 2 lines, marker, 2 lines; the call is view line 6, cell 3 line 2.
    site = {"path": "nb.ipynb", "line": 6, "latency_class": "real-time", "evidence": [], "provider": "openai",
            "operation": "chat.completions.create"}
    repo = Repo("o/nb", "a" * 40, True, [Label("nb.ipynb", 2, "openai", "create", "real-time", [], cell=3)])
    s = score(repo, {"call_sites": [site]}, tmp_path)
    assert (s.matched, s.class_ok, s.misses) == (1, 1, [])
    wrong_cell = Repo("o/nb", "a" * 40, True, [Label("nb.ipynb", 2, "openai", "create", "real-time", [], cell=2)])
    s = score(wrong_cell, {"call_sites": [site]}, tmp_path)
    assert s.matched == 0
    assert s.misses[0].startswith("missed      o/nb nb.ipynb:cell 2:2")
    assert s.misses[1].startswith("unlabelled  o/nb nb.ipynb:cell 3:2")


def test_pythonpath_must_hold_the_tool_and_is_made_absolute(tmp_path, monkeypatch, capsys):
    # a wrong or relative path would silently score whichever package is installed
    with pytest.raises(SystemExit):
        main([str(tmp_path), "--labels", str(tmp_path), "--pythonpath", str(tmp_path / "nowhere")])
    assert "no llm_latency_lint package" in capsys.readouterr().err
    (tmp_path / "src" / "llm_latency_lint").mkdir(parents=True)
    (tmp_path / "src" / "llm_latency_lint" / "__init__.py").write_text("")
    monkeypatch.chdir(tmp_path)
    assert tool_source("src") == str(tmp_path.resolve() / "src")
