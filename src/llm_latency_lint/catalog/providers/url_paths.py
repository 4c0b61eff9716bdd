"""A URL text's parts as the raw-HTTP catalog (``http.py``) reads them: its authority and path, and
whether a path ends with a catalogued suffix, where ``{}`` stands for any one segment."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Tuple

__all__ = ["ends_with", "split_url"]


def split_url(url: str) -> Tuple[str, str]:
    """(authority, path) of a URL text; placeholders ``{}`` stand for unknown parts."""
    rest = url.split("://", 1)[1] if "://" in url else url
    rest = rest.split("?", 1)[0].split("#", 1)[0]
    if "/" in rest:
        host, path = rest.split("/", 1)
        return host, "/" + path
    return rest, ""


def ends_with(path: str, suffix: str) -> bool:
    """Does ``path`` end with ``suffix``, whose ``{}`` stands for any one segment (a literal id, a
    workspace's name, an f-string's ``{self.workspace}``)?"""
    path = path.rstrip("/")
    if "{}" in suffix:
        return _segments(suffix).search(path) is not None
    if suffix.endswith("/"):
        return suffix in path
    return path.endswith(suffix)


@lru_cache(maxsize=None)
def _segments(suffix: str) -> "re.Pattern[str]":
    """``/v1/workspace/{}/chat`` as a pattern anchored at the path's end."""
    return re.compile("".join("[^/]+" if part == "{}" else re.escape(part)
                              for part in re.split(r"(\{\})", suffix)) + "$")
