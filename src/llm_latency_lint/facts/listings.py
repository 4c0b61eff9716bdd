"""Discovery's folder listings, kept in the cache namespace (``files.discover.Listings``).

A warm run of crewAI walked 27,000 directory entries (mostly docs) and classified each one
against the schedule-file matchers: 0.3 s, half of the run. The listings of the last walk are
stored under a key naming the scan root and the configuration (the namespace names the tool's
version and source); a folder is listed again only when its stamp changed or was racy, so a
stored listing can be out of date only if a folder changed without its mtime or ctime changing.
A file that does not read back whole is an empty table: the walk lists everything again.
"""
from __future__ import annotations

import hashlib
from typing import Any, Dict, List, Optional, Tuple

from llm_latency_lint.facts import store as files_store
from llm_latency_lint.facts.cache import Store
from llm_latency_lint.files.discover import Listing, Stamp

NAME = "listing"


class StoredListings:
    def __init__(self, cache: Store, key: str) -> None:
        self.cache = cache
        self.key = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
        self._stored: Dict[str, Any] = {}
        found = files_store.load(cache.folder / NAME, cache.namespace)
        if isinstance(found, (list, tuple)) and len(found) == 2 and found[0] == self.key and isinstance(found[1], dict):
            self._stored = found[1]
        self._used: Dict[str, Any] = {}
        self._changed = False

    def get(self, folder: str) -> Optional[Tuple[Stamp, Listing]]:
        row = self._stored.get(folder)
        try:
            stamp, files, subfolders = row  # type: ignore[misc]
            ok = (len(stamp) == 5 and all(type(n) is int for n in stamp)
                  and all(len(f) == 3 and all(type(p) is str for p in f) for f in files)
                  and all(type(n) is str for n in subfolders))
        except (TypeError, ValueError):
            return None
        if not ok:
            return None
        self._used[folder] = row
        listing: Listing = ([(f[0], f[1], f[2]) for f in files], list(subfolders))
        return (stamp[0], stamp[1], stamp[2], stamp[3], stamp[4]), listing

    def put(self, folder: str, stamp: Stamp, listing: Listing) -> None:
        files: List[Tuple[str, str, str]] = listing[0]
        self._used[folder] = (tuple(stamp), [tuple(f) for f in files], list(listing[1]))
        self._changed = True

    def save(self) -> None:
        """Write the folders this walk saw, if any was listed again or one is gone."""
        if not self._changed and set(self._used) == set(self._stored):
            return
        try:
            self.cache.prepare()
            files_store.dump(self.cache.folder / NAME, self.cache.namespace, (self.key, self._used))
        except (OSError, ValueError, TypeError):
            pass
