"""Applying ``edits.Edit`` lists to files: all or nothing, never a half-written file.

Used by ``check --fix`` and by anything else that rewrites user files (``--add-noqa``). A file is
rewritten only when

- it still holds exactly the bytes the edits were computed from (else: skipped with an error);
- the edits do not overlap and fall inside the file;
- the new text parses (CPython's parser and libcst) and encodes in the file's own encoding.

The new bytes go to a temporary file in the same folder, are flushed and fsynced, get the
original permission bits, and replace the original with ``os.replace`` (atomic on POSIX and
Windows), so a crash at any moment leaves either the old or the new file. The file's BOM,
encoding and newline style (``\\r\\n``, ``\\r`` or ``\\n``) are kept: replacement text written
with ``\\n`` is converted to the file's newline.
"""
from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, List, Optional, Sequence, Tuple

from llm_latency_lint.files.edits import Edit
from llm_latency_lint.files.read import SourceError, decode, read_bytes
from llm_latency_lint.syntax.parse import ParseFailure, parse_module

_BOM = "\ufeff"


class EditError(Exception):
    """Why a file was not rewritten; one line, for the report."""


@dataclass(frozen=True)
class Snapshot:
    """A file as read: the bytes to compare against later and how to write it back."""

    path: str
    data: bytes
    text: str  # decoded, without the BOM
    encoding: str
    bom: bool
    newline: str
    mode: int

    @classmethod
    def read(cls, path: str) -> "Snapshot":
        try:
            data = read_bytes(path)
        except SourceError as exc:
            raise EditError(str(exc)) from None
        source = decode(data)
        if source.text is None:
            raise EditError(source.error or "cannot decode")
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError as exc:
            raise EditError(f"cannot stat: {exc.strerror or exc}") from None
        bom = data.startswith(b"\xef\xbb\xbf")
        return cls(path, data, source.text, source.encoding, bom, newline_of(source.text), mode)

    def encode(self, text: str) -> bytes:
        encoding = "utf-8" if self.encoding == "utf-8-sig" else self.encoding
        try:
            body = text.encode(encoding)
        except UnicodeEncodeError as exc:
            raise EditError(f"new text cannot be encoded as {encoding}: {exc.reason} at {exc.start}") from None
        return (b"\xef\xbb\xbf" if self.bom else b"") + body


def newline_of(text: str) -> str:
    """The file's dominant newline; ``\\n`` for a file without any."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    best = max((crlf, "\r\n"), (lf, "\n"), (cr, "\r"))
    return best[1] if best[0] else "\n"


def _line_starts(text: str) -> List[int]:
    starts = [0]
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\r":
            if i + 1 < n and text[i + 1] == "\n":
                i += 1
            starts.append(i + 1)
        elif ch == "\n":
            starts.append(i + 1)
        i += 1
    return starts


def _offset(starts: List[int], text: str, line: int, col: int) -> int:
    if line < 1 or col < 1:
        raise EditError(f"edit position {line}:{col} is not 1-based")
    if line > len(starts):
        raise EditError(f"edit position {line}:{col} is past the end of the file")
    offset = starts[line - 1] + col - 1
    end = starts[line] if line < len(starts) else len(text)
    if offset > end:
        raise EditError(f"edit position {line}:{col} is past the end of line {line}")
    return offset


def apply_to_text(text: str, edits: Sequence[Edit], newline: Optional[str] = None) -> str:
    """``text`` with ``edits`` applied (positions refer to ``text``); overlaps are an error."""
    newline = newline or newline_of(text)
    starts = _line_starts(text)
    spans: List[Tuple[int, int, str]] = []
    for edit in edits:
        start = _offset(starts, text, edit.start_line, edit.start_col)
        end = _offset(starts, text, edit.end_line, edit.end_col)
        if end < start:
            raise EditError(f"edit ends before it starts at {edit.start_line}:{edit.start_col}")
        replacement = edit.replacement.replace("\r\n", "\n").replace("\r", "\n")
        if newline != "\n":
            replacement = replacement.replace("\n", newline)
        spans.append((start, end, replacement))
    spans.sort(key=lambda s: (s[0], s[1]))
    for (_, end_a, _), (start_b, _, _) in zip(spans, spans[1:]):
        if start_b < end_a:
            raise EditError("edits overlap")
    out: List[str] = []
    cursor = 0
    for start, end, replacement in spans:
        out.append(text[cursor:start])
        out.append(replacement)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


@dataclass
class Planned:
    """The outcome of applying edits in memory: old and new text, ready to write."""

    snapshot: Snapshot
    new_text: str

    @property
    def changed(self) -> bool:
        return self.new_text != self.snapshot.text


def plan(path: str, edits: Sequence[Edit], expected_text: Optional[str] = None) -> Planned:
    """Read ``path`` and apply ``edits`` in memory; raise ``EditError`` with the reason.

    ``expected_text`` is the text the edits were computed from: a file that no longer holds it
    was changed by someone else and is not touched.
    """
    snapshot = Snapshot.read(path)
    if expected_text is not None and snapshot.text != expected_text:
        raise EditError("file changed since it was read; skipped")
    new_text = apply_to_text(snapshot.text, edits, snapshot.newline)
    if new_text != snapshot.text:
        try:
            parse_module(new_text)
        except ParseFailure as exc:
            raise EditError(f"edits would leave the file unparsable ({exc}); nothing written") from None
        snapshot.encode(new_text)  # fail here, before writing, if the encoding cannot hold it
    return Planned(snapshot, new_text)


def write(planned: Planned) -> bool:
    """Atomically replace the file with the planned text; False when there was nothing to do."""
    if not planned.changed:
        return False
    snapshot = planned.snapshot
    data = snapshot.encode(planned.new_text)
    target = os.path.realpath(snapshot.path)  # keep a symlink a symlink
    try:
        current = read_bytes(target)
    except SourceError as exc:
        raise EditError(str(exc)) from None
    if current != snapshot.data:
        raise EditError("file changed since it was read; skipped")
    with _beside(target, data, snapshot.mode) as tmp:
        os.replace(tmp, target)
    _fsync_folder(os.path.dirname(target) or ".")
    return True


def apply_edits(path: str, edits: Sequence[Edit], expected_text: Optional[str] = None) -> Planned:
    """Plan and write in one step; raises ``EditError`` and leaves the file untouched on failure."""
    planned = plan(path, edits, expected_text)
    write(planned)
    return planned


def create_file(path: str, text: str) -> None:
    """Create ``path`` holding ``text`` (UTF-8) atomically; never replaces an existing file.

    The bytes go to a temporary file beside it (flushed, fsynced) that is then linked into
    place, which fails if something appeared there meanwhile; the temporary name is removed.
    """
    try:
        parse_module(text)
    except ParseFailure as exc:
        raise EditError(f"the new file would not parse ({exc}); nothing written") from None
    if os.path.lexists(path):
        raise EditError("file appeared since the fix was planned; skipped")
    umask = os.umask(0)
    os.umask(umask)
    with _beside(path, text.encode("utf-8"), 0o666 & ~umask) as tmp:
        try:
            os.link(tmp, path)  # atomic, and fails if ``path`` exists
        except FileExistsError:
            raise EditError("file appeared since the fix was planned; skipped") from None
        except OSError:  # no hard links here (some network or FAT file systems)
            if os.path.lexists(path):
                raise EditError("file appeared since the fix was planned; skipped") from None
            os.replace(tmp, path)
    _fsync_folder(os.path.dirname(path) or ".")


@contextmanager
def _beside(target: str, data: bytes, mode: int) -> Iterator[str]:
    """A temporary file beside ``target`` holding ``data`` (flushed, fsynced) with ``mode``, for the
    body to move or link into place; whatever happens, none is left behind, and an ``OSError`` is
    an ``EditError`` saying the write failed."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".llmfix",
                                   dir=os.path.dirname(target) or ".")
    except OSError as exc:
        raise EditError(f"cannot create a temporary file beside it: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        yield tmp
    except OSError as exc:
        raise EditError(f"cannot write: {exc.strerror or exc}") from None
    finally:
        _remove_quietly(tmp)


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _fsync_folder(folder: str) -> None:
    """Make the rename durable where the platform allows it (POSIX)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
