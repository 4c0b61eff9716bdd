"""On-disk cache, so an unchanged file is never read, scanned or parsed again.

Layout under the cache folder (``.llm_latency_lint_cache/`` in the project root by default)::

    CACHEDIR.TAG, .gitignore
    <namespace>/index.json             absolute path -> [size, mtime_ns, sha256, prefilter summary]
    <namespace>/selection.json         the prefilter's last selection and the hash of its inputs
    <namespace>/facts/<k[:2]>/<k>.json one file's facts (or why it could not be parsed)

The namespace is a hash of the tool version, the package's own source (so any change to the
facts schema, the extraction, the catalogs or the recognisers invalidates every entry, with no
version bump to forget) and the settings that change facts (wrapper names). A facts key is a
hash of the file's bytes, path and module name.

Entries are JSON, never pickle: a corrupt or hostile entry fails validation and is rebuilt,
never executed. Every write goes to a temporary file in the same folder and is renamed into
place, so concurrent runs never read half an entry. The index is a hint validated by
``(size, mtime_ns)``; an entry whose mtime is too close to when it was recorded is not trusted
(the file may change again within the clock's granularity) and the file is hashed again.
Failing to write (read-only tree, full disk) only makes the next run slower.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import MutableMapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Set, Tuple, Union

from llm_latency_lint import __version__
from llm_latency_lint.facts.prefilter import Summary
from llm_latency_lint.files.read import SourceError, decode, read_bytes
from llm_latency_lint.model import FileFacts

DEFAULT_DIR = ".llm_latency_lint_cache"
FORMAT = 1
RACY_NS = 2_000_000_000  # an mtime this close to the recording time is not trusted
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# llm-latency-lint cache; see https://bford.info/cachedir/\n"

Entry = Union[FileFacts, str]  # facts, or the one-line reason the file could not be parsed


@lru_cache(maxsize=1)
def source_fingerprint() -> str:
    """Hash of every module of this package: any change to how facts are made changes it."""
    package = Path(__file__).parent
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


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (atomic on POSIX and NT)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


class Store:
    """One namespace of the cache: the stat index and the facts entries."""

    def __init__(self, folder: Path, wrappers: Any = ()) -> None:
        self.root = folder
        self.folder = folder / namespace(wrappers)
        self._index: Dict[str, list] = self._read_index()
        self._dirty: Dict[str, list] = {}
        self._ready = False

    # ---- stat index --------------------------------------------------------------------
    def _read_index(self) -> Dict[str, list]:
        try:
            data = json.loads((self.folder / "index.json").read_bytes())
        except (OSError, ValueError):
            return {}
        files = data.get("files") if isinstance(data, dict) else None
        return files if isinstance(files, dict) else {}

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

    def save_index(self) -> None:
        """Merge this run's entries into the index on disk (another run may have added some)."""
        if not self._dirty:
            return
        merged = {**self._read_index(), **self._dirty}
        try:
            self._prepare()
            write_atomic(self.folder / "index.json", json.dumps({"files": merged}, separators=(",", ":")).encode())
        except OSError:
            return
        self._index, self._dirty = merged, {}

    # ---- prefilter selection -----------------------------------------------------------
    def selection(self, key: str) -> Optional[List[str]]:
        """The files the prefilter kept for ``key`` (``prefilter.selection_key``), if recorded."""
        try:
            data = json.loads((self.folder / "selection.json").read_bytes())
        except (OSError, ValueError):
            return None
        keep = data.get("keep") if isinstance(data, dict) and data.get("key") == key else None
        if isinstance(keep, list) and all(isinstance(k, str) for k in keep):
            return keep
        return None

    def save_selection(self, key: str, keep: List[str]) -> None:
        try:
            self._prepare()
            write_atomic(self.folder / "selection.json", json.dumps({"key": key, "keep": keep}).encode("utf-8", "surrogatepass"))
        except OSError:
            pass

    # ---- facts -------------------------------------------------------------------------
    @staticmethod
    def facts_key(relpath: str, module: str, is_package: bool, digest: str) -> str:
        return hashlib.sha256(json.dumps([relpath, module, is_package, digest]).encode()).hexdigest()

    def _entry_path(self, key: str) -> Path:
        return self.folder / "facts" / key[:2] / f"{key}.json"

    def load(self, key: str) -> Optional[Entry]:
        """The cached facts or parse error for ``key``; None when absent, corrupt or foreign."""
        try:
            data = json.loads(self._entry_path(key).read_bytes())
            if not isinstance(data, dict) or data.get("key") != key:
                return None
            if isinstance(data.get("error"), str):
                return data["error"]
            return FileFacts.from_dict(data["facts"])
        except Exception:  # noqa: BLE001 - any malformed entry is a miss, rebuilt by the caller
            return None

    def save(self, key: str, entry: Entry) -> None:
        payload: Dict[str, Any] = {"key": key}
        if isinstance(entry, str):
            payload["error"] = entry
        else:
            payload["facts"] = entry.to_dict()
        try:
            self._prepare()
            write_atomic(self._entry_path(key), json.dumps(payload, separators=(",", ":")).encode())
        except (OSError, TypeError, ValueError):
            pass

    # ---- folder ------------------------------------------------------------------------
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
        facts instead of all computing them (the flake8 workers). No-op where flock is absent."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            yield
            return
        try:
            self._prepare()
            handle = open(self.folder / "lock", "a+b")
        except OSError:
            yield
            return
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            yield
        finally:
            handle.close()


class Texts(MutableMapping):
    """relpath -> text of every Python file of the run. Files the stat index vouched for are
    read only when someone asks (a reporter, a fixer), so a warm run reads almost nothing."""

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
                text = decode(read_bytes(str(self._paths[relpath]))).text or ""
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
