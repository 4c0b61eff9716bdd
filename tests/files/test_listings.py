"""Discovery with stored folder listings finds exactly what a fresh walk finds."""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Dict, Optional, Tuple

import pytest

from llm_latency_lint.config import Config
from llm_latency_lint.files import discover as disc
from llm_latency_lint.files.discover import Listing, Stamp, discover


class Memory:
    """``Listings`` in a dict, counting the folders stored."""

    def __init__(self) -> None:
        self.rows: Dict[str, Tuple[Stamp, Listing]] = {}
        self.puts = 0

    def get(self, folder: str) -> Optional[Tuple[Stamp, Listing]]:
        return self.rows.get(folder)

    def put(self, folder: str, stamp: Stamp, listing: Listing) -> None:
        self.rows[folder] = (stamp, listing)
        self.puts += 1


def _tree(root: Path) -> None:
    (root / "pkg" / "sub").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "a.py").write_text("import openai\n")
    (root / "pkg" / "sub" / "b.py").write_text("x = 1\n")
    (root / "crontab").write_text("0 * * * * python pkg/a.py\n")
    (root / "README.md").write_text("docs\n")


def _same(root: Path, listings: Memory) -> None:
    fresh = discover([root], Config(), root)
    stored = discover([root], Config(), root, listings)
    assert (stored.files, stored.errors) == (fresh.files, fresh.errors)


def test_a_folder_changed_within_the_racy_window_is_listed_again(tmp_path):
    _tree(tmp_path)
    listings = Memory()
    _same(tmp_path, listings)
    assert listings.puts == 3
    (tmp_path / "pkg" / "sub" / "c.py").write_text("y = 2\n")  # maybe within the same clock tick
    _same(tmp_path, listings)
    assert "pkg/sub/c.py" in {c.relpath for c in discover([tmp_path], Config(), tmp_path, listings).files}


def test_trusted_listings_follow_every_change_of_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(disc, "RACY_NS", 0)
    _tree(tmp_path)
    listings = Memory()
    _same(tmp_path, listings)
    edits = [
        lambda: (tmp_path / "pkg" / "sub" / "__init__.py").write_text(""),  # b.py's module name changes
        lambda: (tmp_path / "pkg" / "a.py").rename(tmp_path / "pkg" / "renamed.py"),
        lambda: (tmp_path / "pkg" / "__init__.py").unlink(),
        lambda: (tmp_path / "pkg" / "sub" / "deeper").mkdir(),
        lambda: (tmp_path / "pkg" / "sub" / "deeper" / "d.py").write_text(""),
        lambda: os.chmod(tmp_path / "pkg" / "sub" / "deeper", 0o000),
    ]
    for edit in edits:
        time.sleep(0.02)  # past the clock tick of the last listing
        edit()
        listings.puts = 0
        _same(tmp_path, listings)
        assert listings.puts >= 1  # the changed folder was listed again
    os.chmod(tmp_path / "pkg" / "sub" / "deeper", 0o755)
    time.sleep(0.02)
    listings.puts = 0
    _same(tmp_path, listings)
    listings.puts = 0
    _same(tmp_path, listings)
    assert listings.puts == 0  # nothing changed since: every stored listing is trusted


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symlinks")
def test_a_folder_holding_a_symlink_is_never_stored(tmp_path, monkeypatch):
    monkeypatch.setattr(disc, "RACY_NS", 0)
    _tree(tmp_path)
    target = tmp_path / "pkg" / "sub" / "b.py"
    os.symlink(target, tmp_path / "pkg" / "link.py")
    listings = Memory()
    _same(tmp_path, listings)
    assert str(tmp_path / "pkg") not in listings.rows
    target.unlink()  # the link breaks without its folder changing
    _same(tmp_path, listings)
    assert any("symlink" in message for _, message in discover([tmp_path], Config(), tmp_path, listings).errors)
