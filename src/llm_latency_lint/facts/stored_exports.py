"""The prefilter's exports as the cache keeps them, and the edit to a module's exports that no
answer of a stored selection can see.

An edit that appends a function to a module changes its exports (one more top-level name), and
the selection was made again for it (0.2–0.4 s on crewAI); so did an edit inside a function body
(its statement's words changed: 0.8 s on crewAI). ``unseen_names`` proves instead that
every question ``select`` asks of the module's exports (``prefilter.select``, ``exports.Leads``)
gets the answer it got when the selection was stored: then the stored selection stands.
"""
from __future__ import annotations

import hashlib
import marshal
from typing import Any, Dict, FrozenSet, Iterable, Optional, Set

from llm_latency_lint.facts.cache import Store
from llm_latency_lint.facts.exports import Exports, decode_exports, encode_exports


def fingerprint(found: Exports) -> str:
    """A hash of ``found`` in a canonical form (sets sorted: their order differs between processes)."""
    canonical = (found.whole, sorted((k, sorted(v)) for k, v in found.mentions.items()), sorted(found.anchored),
                 sorted(found.imported.items()), sorted(found.classes), sorted(found.objects),
                 sorted(found.factories), sorted(found.stars), found.inner)
    return hashlib.sha256(repr(canonical).encode("utf-8", "surrogatepass")).hexdigest()[:32]


class StoredExports:
    """The prefilter's ``ExportsMemo`` over the store's ``exports`` file (read on first need):
    entries are keyed by content hash, so a stale one is never found; a corrupt one is read again."""

    def __init__(self, store: Store, keys: Dict[str, str]) -> None:
        self.store, self.keys = store, keys  # relpath -> ``Store.exports_key`` of the file as it is now
        self.new: Dict[str, bytes] = {}
        self._stored: Optional[Dict[str, Any]] = None
        self.asked: Set[str] = set()  # relpaths whose exports were asked for: the selection read them
        self.seen: Dict[str, Exports] = {}  # relpath -> the exports the selection got

    def fingerprint(self, relpath: str) -> str:
        """``fingerprint`` of the exports read for ``relpath``; "?" (matching nothing) if none were read."""
        found = self.seen.get(relpath)
        return "?" if found is None else fingerprint(found)

    def stored(self) -> Dict[str, Any]:
        if self._stored is None:
            self._stored = self.store.stored_exports()
        return self._stored

    def blob(self, key: str) -> Optional[bytes]:
        """The marshalled exports stored (or read this run) under ``key``."""
        found = self.new.get(key) or self.stored().get(key)
        return found if isinstance(found, bytes) else None

    def decoded(self, key: str) -> Optional[Exports]:
        """The exports stored under ``key``, without noting them as read."""
        blob = self.blob(key)
        try:
            return decode_exports(marshal.loads(blob)) if blob is not None else None
        except Exception:  # noqa: BLE001 - a malformed entry is a miss
            return None

    def get(self, relpath: str) -> Optional[Exports]:
        self.asked.add(relpath)
        found = self.decoded(self.keys.get(relpath, ""))
        if found is not None:
            self.seen[relpath] = found
        return found

    def put(self, relpath: str, found: Exports) -> None:
        self.seen[relpath] = found
        if relpath in self.keys:
            try:
                self.new[self.keys[relpath]] = marshal.dumps(encode_exports(found))
            except (TypeError, ValueError):
                pass

    def save(self) -> None:
        self.store.save_exports(self.stored() if self.new else {}, self.new, set(self.keys.values()))


def unseen_names(old: Exports, new: Exports, names: Iterable[str], imported: FrozenSet[str],
                 asked: Iterable[Optional[bytes]]) -> bool:
    """Does ``new`` (a module's exports now) answer every question ``select`` asks as ``old``
    (when the selection was stored) did? True only when ``new`` is ``old`` plus top-level names
    that lead nowhere and that nothing imports by name, and old names' statements changed only in
    words that cannot lead (a function body's locals, builtins, attributes: none is a name the
    module binds or imports, and only those enter ``Leads``' fixpoint):

    - every other part is equal (no star import, not ``whole``; an old name's words gained or lost
      none the module binds or imports; no added name is anchored, a class, an object or a factory);
    - an added name mentions no name of the module that may lead (its own aside: the least
      fixpoint never adds it then), so ``Leads`` grows the module's leading names as before;
    - no importer asks for it: ``<module>.<name>`` is in no file's imports (``imported``: every
      summary's, by regex) and in the stored exports of no file the selection read (``asked``,
      the marshalled bytes: a string they hold appears in them), where an absent name answered
      "leads" (it cannot be vouched for) and a defined one may not.
    """
    if old.whole or new.whole or old.stars or new.stars:
        return False
    if (old.anchored, old.imported, old.classes, old.objects, old.factories, old.inner) != \
            (new.anchored, new.imported, new.classes, new.objects, new.factories, new.inner):
        return False
    leadable = set(new.mentions) | set(new.imported) | {alias for alias, _ in new.inner}
    if not set(old.mentions) <= set(new.mentions) or any(
            not (new.mentions[name] ^ words).isdisjoint(leadable) for name, words in old.mentions.items()):
        return False
    added = set(new.mentions) - set(old.mentions)
    if any(not (new.mentions[name] - {name}).isdisjoint(leadable) for name in added):
        return False
    targets = {f"{module}.{name}" for module in names for name in added}
    if not targets.isdisjoint(imported):
        return False
    wanted = [target.encode("utf-8", "surrogatepass") for target in targets]
    for blob in asked:
        if blob is None or any(target in blob for target in wanted):
            return False
    return True


__all__ = ["StoredExports", "fingerprint", "unseen_names"]
