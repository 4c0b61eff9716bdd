"""Reading a file's bytes into text, with one clear reason when that is not possible."""
from __future__ import annotations

import codecs
import hashlib
import io
import os
import stat
import tokenize
from dataclasses import dataclass
from typing import Optional

MAX_BYTES = 8 * 1024 * 1024  # a larger .py file is generated data, not code to lint


@dataclass
class Source:
    data: bytes
    text: Optional[str]
    encoding: str
    error: Optional[str] = None

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


class SourceError(Exception):
    """A file that cannot be read or decoded; the message is one line, for the report."""


def read_bytes(path: str) -> bytes:
    """The file's bytes; a FIFO or device named ``*.py`` is refused without blocking on it."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as handle:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError(path)
            if not stat.S_ISREG(mode):
                raise SourceError("not a regular file (FIFO, socket or device)")
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise SourceError("is a directory") from None
    except PermissionError:
        raise SourceError("permission denied") from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise SourceError(f"file larger than {MAX_BYTES // (1024 * 1024)} MB skipped")
    return data


def decode(data: bytes) -> Source:
    """Decode like the interpreter does: BOM, then a PEP 263 coding cookie, then UTF-8."""
    if b"\x00" in data:
        return Source(data, None, "", "binary file (contains NUL bytes)")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        return Source(data, None, "", f"bad encoding declaration: {exc}")
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        reason = exc.reason if isinstance(exc, UnicodeDecodeError) else str(exc)
        where = f" at byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else ""
        return Source(data, None, encoding, f"cannot decode as {encoding}{where}: {reason}")
    if text.startswith("\ufeff"):
        text = text[1:]
    return Source(data, text, encoding)


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # UTF-32 LE's BOM starts like UTF-16 LE's


def decode_text(data: bytes) -> Source:
    """Decode a file that is not Python (a workflow, crontab, compose file, README): UTF-8, or the
    encoding its BOM names, bad bytes replaced. Python's coding-line rule is not applied: a README
    starting ``# Video transcoding: ffmpeg pipeline`` names no encoding."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in data:
        return Source(data, None, "", "binary file (contains NUL bytes)")
    text = data.decode(encoding, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return Source(data, text, encoding)
