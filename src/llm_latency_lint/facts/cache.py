"""On-disk cache, so an unchanged file is never read, scanned or parsed again, and an unchanged
project is never analysed again.

Layout under the cache folder (``.llm_latency_lint_cache/`` in the project root by default)::

    CACHEDIR.TAG, .gitignore
    <namespace>/index      stat index (absolute path -> size, mtime_ns, sha256, prefilter summary),
                           the prefilter's last selection, and per facts key: path, facts hash, error
    <namespace>/facts      facts key -> the file's encoded facts (or why it could not be parsed)
    <namespace>/exports    the prefilter's exports by content hash, read when the selection is made again
    <namespace>/result-<k> the classified sites of the last runs (``RESULTS``), keyed by what they depend on
    <namespace>/graph-<k>  the solved project graph of the last runs (``graphs``), which an edit may start from
    <namespace>/listing    discovery's folder listings (``listings``); ``clock``: its probe of the file system's clock
    <namespace>/lock

Each is one ``store`` file (a checked header, then ``marshal``), written atomically: one file
per namespace instead of one JSON file per source file, because a warm run's cost was opening
and decoding a thousand files (1.4 s of CPU on crewAI). A warm run reads ``index`` and
one ``result-<k>`` only; ``facts`` is read when the graph must be built again (an edit that changes
facts) or a fix needs every file's facts.

The namespace is a hash of the tool version, the package's own source (so any change to the
facts schema, the codec, the extraction, the catalogs or the recognisers invalidates every
entry, with no version bump to forget) and the settings that change facts (wrapper names). A
facts key is a hash of the file's bytes, path and module name; a facts hash is a hash of the
facts themselves, so an edit that leaves them equal (a comment) keys the same result.

Expressions are checked when an entry is written, not on every load: a file that fails its
header or checksum (tampered, truncated, another version's) is ignored and rebuilt. The stat
index is a hint validated by ``(size, mtime_ns)``; an entry whose mtime is too close to when it
was recorded is not trusted (the file may change again within the clock's granularity) and the
file is hashed again. Failing to write (read-only tree, full disk) only makes the next run slower.
"""
from __future__ import annotations

import hashlib
import json
import marshal
import os
import shutil
import time
from collections.abc import MutableMapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterator, List, Optional, Set, Tuple, Union

from llm_latency_lint import __version__
from llm_latency_lint.facts import store
from llm_latency_lint.facts.codec import (
    Plain,
    checked,
    decode_facts,
    encode_facts,
    encode_trigger,
)
from llm_latency_lint.facts.prefilter import Summary
from llm_latency_lint.facts.textviews import StoredSelection
from llm_latency_lint.files import notebook
from llm_latency_lint.files.lock import exclusive as file_lock
from llm_latency_lint.files.read import SourceError, decode, read_bytes
from llm_latency_lint.model import FileFacts, Trigger

DEFAULT_DIR = ".llm_latency_lint_cache"
FORMAT = 2
RESULTS = 4  # stored results kept per namespace
RACY_NS = 2_000_000_000  # an mtime this close to the recording time is not trusted
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# llm-latency-lint cache; see https://bford.info/cachedir/\n"

Entry = Union[FileFacts, str]  # facts, or the one-line reason the file could not be parsed
write_atomic = store.write_atomic


@lru_cache(maxsize=1)
def source_fingerprint() -> str:
    """Hash of every module of this package: any change to how facts are made changes it."""
    package = Path(__file__).parent.parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def namespace(wrappers: Any = ()) -> str:
    settings = json.dumps({"format": FORMAT, "wrappers": sorted(wrappers)})
    return hashlib.sha256((source_fingerprint() + settings).encode()).hexdigest()[:20]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entry_hash(encoded: Plain) -> str:
    """What a result depends on from one file: its facts (or error), not its bytes."""
    return hashlib.sha256(repr(encoded).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def encode_entry(entry: Entry) -> Plain:
    return entry if isinstance(entry, str) else encode_facts(entry)


class Store:
    """One namespace of the cache: the stat index, the facts entries and the last result."""

    def __init__(self, folder: Path, wrappers: Any = ()) -> None:
        self.root = folder
        self.namespace = namespace(wrappers)
        self.folder = folder / self.namespace
        index = self._read("index")
        self._index: Dict[str, Any] = _dict(index.get("files")) if isinstance(index, dict) else {}
        self._keys: Dict[str, Any] = _dict(index.get("facts")) if isinstance(index, dict) else {}
        self._selection: object = index.get("selection") if isinstance(index, dict) else None
        self._entries: Optional[Dict[str, Any]] = None  # the facts file, read on first need
        self._dirty: Dict[str, list] = {}
        self._new: Dict[str, Tuple[str, bytes]] = {}  # facts key -> (relpath, marshalled entry)
        self._used: Dict[str, str] = {}  # relpath -> facts key, this run
        self._selection_dirty = False
        self._ready = False

    def _read(self, name: str) -> Any:
        return store.load(self.folder / name, self.namespace)

    # ---- stat index --------------------------------------------------------------------
    def known(self, path: Path, stat: os.stat_result) -> Optional[Tuple[str, Summary]]:
        """(content hash, prefilter summary) when the index vouches for the file as it is now."""
        entry = self._index.get(str(path))
        try:
            size, mtime_ns, recorded_ns, digest, summary = entry  # type: ignore[misc]
            if size != stat.st_size or mtime_ns != stat.st_mtime_ns or recorded_ns - mtime_ns < RACY_NS:
                return None
            if not isinstance(digest, str):
                return None
            return digest, Summary.from_json(summary)
        except (TypeError, ValueError):
            return None

    def remember(self, path: Path, stat: os.stat_result, digest: str, summary: Summary) -> None:
        entry = [stat.st_size, stat.st_mtime_ns, time.time_ns(), digest, summary.to_json()]
        if self._index.get(str(path)) != entry:
            self._dirty[str(path)] = entry

    def adopt(self, other: "Store", paths: List[str]) -> None:
        """Take ``other``'s stat-index rows (digest, summary) of ``paths``: the same files,
        summarised for the same module names. A nested project seeded from its tree's cache then
        neither reads nor summarises them again (``commands.tree.seed``)."""
        for path in paths:
            row = other._index.get(path)
            if row is not None and path not in self._index:
                self._index[path] = self._dirty[path] = row

    def adopt_exports(self, other: "Store") -> None:
        """Take ``other``'s stored exports: entries are keyed by content, module and the
        project's own roots, so only those of files seen alike in both projects are ever found."""
        found = other.stored_exports()
        if found and not self.stored_exports():
            self.save_exports({}, found, set())

    def known_schedule(self, path: Path, stat: os.stat_result) -> Optional[Union[List[Trigger], str]]:
        """A schedule file's triggers (or why it cannot be read) when the index vouches for it:
        a warm run neither reads nor parses YAML."""
        entry = self._index.get(f"schedule:{path}")
        try:
            size, mtime_ns, recorded_ns, found = entry  # type: ignore[misc]
            if size != stat.st_size or mtime_ns != stat.st_mtime_ns or recorded_ns - mtime_ns < RACY_NS:
                return None
            return found if isinstance(found, str) else [Trigger(*t) for t in found]
        except (TypeError, ValueError):
            return None

    def remember_schedule(self, path: Path, stat: os.stat_result, found: Union[List[Trigger], str]) -> None:
        value = found if isinstance(found, str) else [encode_trigger(t) for t in found]
        self._dirty[f"schedule:{path}"] = [stat.st_size, stat.st_mtime_ns, time.time_ns(), value]

    # ---- prefilter selection -----------------------------------------------------------
    def selection(self, key: str) -> Optional[StoredSelection]:
        """The selection recorded for ``key`` (``prefilter.selection_key``), if any reads back whole."""
        recorded = self._selection
        if isinstance(recorded, (list, tuple)) and len(recorded) == 2 and recorded[0] == key:
            return StoredSelection.decode(recorded[1])
        return None

    def last_selection(self) -> Optional[StoredSelection]:
        """The selection recorded last, whatever its key: its answers per file digest stay true
        of those texts (``textviews.Reads``' ``known``)."""
        recorded = self._selection
        if isinstance(recorded, (list, tuple)) and len(recorded) == 2:
            return StoredSelection.decode(recorded[1])
        return None

    def save_selection(self, key: str, selection: StoredSelection) -> None:
        self._selection, self._selection_dirty = [key, selection.encode()], True

    # ---- the prefilter's exports (read only when the selection must be made again) --------
    @staticmethod
    def exports_key(digest: str, module: str, is_package: bool, anchor: bool, own: FrozenSet[str]) -> str:
        return hashlib.sha256(json.dumps([digest, module, is_package, anchor, sorted(own)]).encode()).hexdigest()[:32]

    def stored_exports(self) -> Dict[str, Any]:
        """``prefilter.exports`` per ``exports_key``, marshalled (``collect.StoredExports``)."""
        return _dict(self._read("exports"))

    def save_exports(self, stored: Dict[str, Any], new: Dict[str, bytes], current: Set[str]) -> None:
        """Write the exports read this run beside those still current (of some file as it is now)."""
        if not new:
            return
        try:
            self._prepare()
            kept = {k: v for k, v in stored.items() if k in current}
            kept.update(new)
            store.dump(self.folder / "exports", self.namespace, kept)
        except (OSError, ValueError, TypeError):
            pass

    # ---- facts -------------------------------------------------------------------------
    @staticmethod
    def facts_key(relpath: str, module: str, is_package: bool, digest: str) -> str:
        return hashlib.sha256(json.dumps([relpath, module, is_package, digest]).encode()).hexdigest()

    def entry_hash(self, key: str, relpath: str) -> Optional[str]:
        """The facts hash stored for ``key``, without reading the facts file; marks it used."""
        row = self._keys.get(key)
        if isinstance(row, (list, tuple)) and len(row) == 2 and row[0] == relpath and isinstance(row[1], str):
            self._used[relpath] = key
            return row[1]
        return None

    def load(self, key: str) -> Optional[Entry]:
        """The cached facts or parse error for ``key``; None when absent or malformed."""
        if self._entries is None:
            self._entries = _dict(self._read("facts"))
        try:
            relpath, blob = self._new.get(key) or self._entries[key]
            data = marshal.loads(blob)
            return data if isinstance(data, str) else decode_facts(data)
        except Exception:  # noqa: BLE001 - any malformed entry is a miss, rebuilt by the caller
            return None

    def save(self, key: str, relpath: str, entry: Entry, checked_before: bool = False) -> str:
        """Record ``entry`` (its expressions checked once, here, unless ``checked_before``: an
        entry another store saved, with paths rebased) and return its facts hash."""
        encoded = encode_entry(entry)
        digest = entry_hash(encoded)
        try:
            if not isinstance(entry, str) and not checked_before:
                checked(entry)
            self._new[key] = (relpath, marshal.dumps(encoded))
        except (TypeError, ValueError):
            return digest  # unstorable: the next run extracts it again
        self._keys[key] = [relpath, digest]
        self._used[relpath] = key
        return digest

    # ---- result ------------------------------------------------------------------------
    def _result_path(self, key: str) -> Path:
        return self.folder / f"result-{key[:24]}"

    def result(self, key: str) -> Optional[Plain]:
        """The result stored for ``key`` (see ``engine.result_key``), if any."""
        found = self._read(self._result_path(key).name)
        if isinstance(found, (list, tuple)) and len(found) == 2 and found[0] == key:
            return found[1]
        return None

    def save_result(self, key: str, value: Plain) -> None:
        """Store a result; the newest ``RESULTS`` are kept (an edit and its undo, two scopes)."""
        try:
            self._prepare()
            store.dump(self._result_path(key), self.namespace, [key, value])
            older = sorted(self.folder.glob("result-*"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for stale in older[RESULTS:]:
                stale.unlink()
        except (OSError, ValueError, TypeError):
            pass

    # ---- writing -----------------------------------------------------------------------
    def save_index(self) -> None:
        """Write this run's entries, merged with what another run may have written meanwhile:
        facts first, then the index that points to them. Entries of a path this run used under
        another key (an older version of the file) are dropped."""
        if not (self._dirty or self._new or self._selection_dirty):
            return
        try:
            self._prepare()
            if self._new:
                on_disk = _dict(self._read("facts"))
                kept = {k: v for k, v in on_disk.items() if _current(k, v, self._used)}
                kept.update(self._new)
                store.dump(self.folder / "facts", self.namespace, kept)
                self._entries = kept
            index = self._read("index")
            index = index if isinstance(index, dict) else {}
            files = {**_dict(index.get("files")), **self._dirty}
            keys = {k: v for k, v in _dict(index.get("facts")).items() if _current(k, v, self._used)}
            keys.update({k: v for k, v in self._keys.items() if _current(k, v, self._used)})
            selection = self._selection if self._selection_dirty else index.get("selection")
            store.dump(self.folder / "index", self.namespace, {"files": files, "facts": keys, "selection": selection})
        except (OSError, ValueError, TypeError):
            return
        self._index, self._keys, self._dirty, self._new, self._selection_dirty = files, keys, {}, {}, False

    # ---- folder ------------------------------------------------------------------------
    def prepare(self) -> None:
        self._prepare()

    def _prepare(self) -> None:
        """Create the folder (tagged, git-ignored) and drop namespaces of other tool versions."""
        if self._ready:
            return
        fresh = not self.folder.is_dir()
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "*\n")):
            if not (self.root / name).exists():
                write_atomic(self.root / name, text.encode())
        if fresh:
            for other in self.root.iterdir():
                if other.is_dir() and other != self.folder and _is_namespace(other.name):
                    shutil.rmtree(other, ignore_errors=True)
        self._ready = True

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the namespace's lock: concurrent runs on one project wait for the first one's
        facts instead of all computing them (the flake8 workers), and never write the same file
        at once. No-op where flock is absent (writes stay atomic; the last one wins)."""
        try:
            self._prepare()
        except OSError:
            yield
            return
        with file_lock(self.folder / "lock"):
            yield


def _dict(value: Any) -> Dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _current(key: str, row: Any, used: Dict[str, str]) -> bool:
    """Keep a stored row unless this run used its path under another key."""
    relpath = row[0] if isinstance(row, (list, tuple)) and row else None
    return isinstance(relpath, str) and used.get(relpath, key) == key


class Texts(MutableMapping):
    """relpath -> text of every Python file of the run (a notebook's: its Python view). Files the
    stat index vouched for are read only when someone asks (a reporter, a fixer), so a warm run
    reads almost nothing."""

    def __init__(self) -> None:
        self._texts: Dict[str, Optional[str]] = {}
        self._paths: Dict[str, Path] = {}
        self.noqa_paths: Set[str] = set()  # files that may hold an LLM noqa comment

    def with_noqa(self) -> Dict[str, str]:
        """The texts of the files that may hold an LLM noqa comment (read on demand)."""
        return {path: self[path] for path in self.noqa_paths if path in self._texts}

    def defer(self, relpath: str, path: Path) -> None:
        self._texts[relpath] = None
        self._paths[relpath] = path

    def __getitem__(self, relpath: str) -> str:
        text = self._texts[relpath]
        if text is None:
            try:
                data = read_bytes(str(self._paths[relpath]))
                text = (notebook.source(data) if notebook.is_notebook(relpath) else decode(data)).text or ""
            except SourceError:
                text = ""
            self._texts[relpath] = text
        return text

    def __setitem__(self, relpath: str, text: str) -> None:
        self._texts[relpath] = text

    def __delitem__(self, relpath: str) -> None:
        del self._texts[relpath]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


def _is_namespace(name: str) -> bool:
    return len(name) == 20 and all(c in "0123456789abcdef" for c in name)


def folder_for(root: Path, configured: Optional[str]) -> Path:
    """The cache folder: the configured one (relative to ``root``) or the default in ``root``."""
    if configured:
        path = Path(configured).expanduser()
        return path if path.is_absolute() else root / path
    return root / DEFAULT_DIR
