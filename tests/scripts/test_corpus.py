"""The labelled corpus loads, each label is well formed, and ``--round`` picks a labelling round."""
from __future__ import annotations

import re
import sys

import pytest
from support.paths import REPO

sys.path.insert(0, str(REPO / "scripts"))
from corpus import LABELS, load, main  # noqa: E402

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
