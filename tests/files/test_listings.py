"""Discovery with stored folder listings finds exactly what a fresh walk finds."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

import pytest

from llm_latency_lint.config import Config
from llm_latency_lint.facts import store as files_store
from llm_latency_lint.facts.cache import Store
from llm_latency_lint.facts.listings import NAME, StoredListings
from llm_latency_lint.files import discover as disc
from llm_latency_lint.files.discover import Listing, Stamp, discover


class Memory:
    """``Listings`` in a dict on the local clock, counting the folders stored."""

    def __init__(self) -> None:
        self.rows: Dict[str, Tuple[Stamp, Listing]] = {}
        self.puts = 0

    def walked(self, top: str) -> None:
        pass

    def now(self, device: int) -> int:
        return time.time_ns()

    def get(self, folder: str, stamp: Stamp) -> Optional[Listing]:
        row = self.rows.get(folder)
        return row[1] if row is not None and disc.trusted(stamp, row[0]) else None

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


# ---- the stored table (``facts.listings``) ---------------------------------------------------
def _listed(monkeypatch) -> List[str]:
    """Folders discovery lists from now on (not taken from stored listings), relative to the scan root."""
    listed: List[str] = []
    real = disc._list

    def counting(folder, rel_of, config):
        listed.append(rel_of(folder) or ".")
        return real(folder, rel_of, config)

    monkeypatch.setattr(disc, "_list", counting)
    return listed


def _walk(root: Path, cache: Path, *paths: Path):
    """One run's discovery with the stored table: read, walk ``paths`` (all of ``root``), save."""
    listings = StoredListings(Store(cache), "key")
    found = discover(list(paths) or [root], Config(), root, listings)
    listings.save()
    return found


def _stored_folders(cache: Path) -> Set[str]:
    store = Store(cache)
    key, rows = files_store.load(store.folder / NAME, store.namespace)
    return set(rows)


def test_a_racy_folder_is_judged_on_the_file_systems_clock_not_the_local_one(tmp_path, monkeypatch):
    """The local clock a minute ahead of the file system's (a network mount whose clock lags):
    folders just written are still racy, listed again until the file system's clock has moved
    past the window; then trusted."""
    root, cache = tmp_path / "tree", tmp_path / "cache"
    root.mkdir()
    _tree(root)
    monkeypatch.setattr(disc, "RACY_NS", 300_000_000)
    local = time.time_ns
    monkeypatch.setattr(time, "time_ns", lambda: local() + 60_000_000_000)
    fresh = discover([root], Config(), root)
    listed = _listed(monkeypatch)
    assert (_walk(root, cache).files, _walk(root, cache).files) == (fresh.files, fresh.files)
    assert listed.count("pkg/sub") == 2  # written a moment ago on the file system's clock: racy both times
    time.sleep(0.4)
    _walk(root, cache)
    listed.clear()
    assert _walk(root, cache).files == fresh.files
    assert listed == []


def test_runs_on_different_paths_under_one_root_keep_each_others_listings(tmp_path, monkeypatch):
    monkeypatch.setattr(disc, "RACY_NS", 0)
    root, cache = tmp_path / "tree", tmp_path / "cache"
    root.mkdir()
    _tree(root)
    (root / "other").mkdir()
    (root / "other" / "c.py").write_text("import anthropic\n")
    listed = _listed(monkeypatch)
    _walk(root, cache, root / "pkg")
    _walk(root, cache, root / "other")
    fresh = {path: discover([root / path], Config(), root).files for path in ("pkg", "other")}
    listed.clear()
    for path in ("pkg", "other", "pkg", "other"):
        assert _walk(root, cache, root / path).files == fresh[path]
    assert listed == []  # check src/a, check src/b, check src/a...: nothing listed again
    time.sleep(0.02)
    shutil.rmtree(root / "pkg" / "sub")
    _walk(root, cache, root / "pkg")
    assert _stored_folders(cache) == {str(root / "pkg"), str(root / "other")}  # the gone folder only


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symlinks")
def test_a_folder_listed_again_that_now_holds_a_symlink_loses_its_stored_row(tmp_path, monkeypatch):
    monkeypatch.setattr(disc, "RACY_NS", 0)
    root, cache = tmp_path / "tree", tmp_path / "cache"
    root.mkdir()
    _tree(root)
    _walk(root, cache)
    assert str(root / "pkg") in _stored_folders(cache)
    time.sleep(0.02)
    os.symlink(root / "pkg" / "sub" / "b.py", root / "pkg" / "link.py")
    assert {c.relpath for c in _walk(root, cache).files} >= {"pkg/link.py", "pkg/sub/b.py"}
    assert str(root / "pkg") not in _stored_folders(cache)
    assert str(root / "pkg" / "sub") in _stored_folders(cache)
