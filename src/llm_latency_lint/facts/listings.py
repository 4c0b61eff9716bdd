"""Discovery's folder listings, kept in the cache namespace (``files.discover.Listings``).

A warm run of crewAI walked 27,000 directory entries (mostly docs) and classified each one
against the schedule-file matchers: 0.3 s, half of the run. The listings are stored under a key
naming the scan root and the configuration (the namespace names the tool's version and source);
a folder is listed again only when its stamp changed or was racy, so a stored listing can be out
of date only if a folder changed without its mtime or ctime changing. Racy is judged on the file
system's own clock: the mtime of a probe file written in the cache folder as the walk starts.
Each run merges what it listed into the stored rows and drops only the folders under the paths
it walked that it did not find again, so runs on different paths under one root (``check src/a``,
then ``check src/b``) keep each other's listings. A file that does not read back whole is an
empty table: the walk lists everything again.
"""
from __future__ import annotations

import hashlib
import os
from typing import Any, Dict, List, Optional, Set, Tuple

from llm_latency_lint.facts import store as files_store
from llm_latency_lint.facts.cache import Store
from llm_latency_lint.files.discover import Listing, Stamp, trusted

NAME = "listing"
CLOCK = "clock"  # the probe file whose mtime is the walk's start on the file system's clock
Row = Tuple[Tuple[int, ...], List[Tuple[str, ...]], List[str]]  # a folder's stamp, files and subfolders


class StoredListings:
    """``writes``: False for an editor's run, which writes nothing but facts it lacks: no probe
    (the clock only stamps rows to store) and no ``save``."""

    def __init__(self, cache: Store, key: str, writes: bool = True) -> None:
        self.cache, self.writes = cache, writes
        self.key = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
        self._stored: Dict[str, Any] = {}
        found = files_store.load(cache.folder / NAME, cache.namespace)
        if isinstance(found, (list, tuple)) and len(found) == 2 and found[0] == self.key and isinstance(found[1], dict):
            self._stored = found[1]
        self._new: Dict[str, Row] = {}  # folders listed this run
        self._seen: Set[str] = set()  # folders listed, or whose stored listing was trusted, this run
        self._tops: List[str] = []  # folders walked from
        self._clock: Optional[Tuple[int, int]] = None  # (device, ns) of the probe

    def walked(self, top: str) -> None:
        self._tops.append(top.rstrip(os.sep) + os.sep)
        if self._clock is None:
            self._clock = self._probe()

    def now(self, device: int) -> int:
        """The probe's mtime for a folder on the cache folder's device; 0 (never trusted) on
        another device, whose clock the probe does not read."""
        if self._clock is None:
            self._clock = self._probe()
        return self._clock[1] if self._clock[0] == device else 0

    def _probe(self) -> Tuple[int, int]:
        if not self.writes:
            return -1, 0
        try:
            self.cache.prepare()
            path = self.cache.folder / CLOCK
            with open(path, "wb") as probe:
                probe.write(b"llm-latency-lint: the mtime of this file is when the last walk started\n")
            info = os.stat(path)
        except OSError:
            return -1, 0  # no clock (a read-only cache): no listing is trusted
        return info.st_dev, info.st_mtime_ns

    def get(self, folder: str, stamp: Stamp) -> Optional[Listing]:
        row = self._stored.get(folder)
        if not (isinstance(row, (list, tuple)) and len(row) == 3):
            return None
        stored, files, subfolders = row
        try:
            ok = (len(stored) == 5 and all(type(n) is int for n in stored)
                  and all(len(f) == 3 and all(type(p) is str for p in f) for f in files)
                  and all(type(n) is str for n in subfolders))
        except (TypeError, ValueError):
            return None
        if not ok or not trusted(stamp, (stored[0], stored[1], stored[2], stored[3], stored[4])):
            return None
        self._seen.add(folder)  # only now: a folder listed again may not be stored (a symlink)
        return [(f[0], f[1], f[2]) for f in files], list(subfolders)

    def put(self, folder: str, stamp: Stamp, listing: Listing) -> None:
        files: List[Tuple[str, str, str]] = listing[0]
        self._new[folder] = (tuple(stamp), [tuple(f) for f in files], list(listing[1]))
        self._seen.add(folder)

    def _gone(self, folder: str) -> bool:
        """Under a walked path, yet neither listed nor trusted this run: removed, or no longer
        storable."""
        if folder in self._seen:
            return False
        inside = folder + os.sep
        return any(inside.startswith(top) for top in self._tops)

    def save(self) -> None:
        """Write the stored rows merged with this walk's, if any folder was listed again or is gone."""
        rows = {folder: row for folder, row in self._stored.items() if not self._gone(folder)}
        if not self.writes or (not self._new and len(rows) == len(self._stored)):
            return
        rows.update(self._new)
        try:
            self.cache.prepare()
            files_store.dump(self.cache.folder / NAME, self.cache.namespace, (self.key, rows))
        except (OSError, ValueError, TypeError):
            pass
