"""Which files are test code: their LLM calls run against mocks or fakes, never in production.

Calls in test files are not call sites (a ``mock.patch`` of the client, a recorded cassette, a
smoke test a developer runs by hand): reporting them would inflate the inventory and the
savings. The patterns follow pytest's default discovery and the usual test folders.
"""
from __future__ import annotations

import fnmatch
from functools import lru_cache
from pathlib import PurePosixPath

TEST_FILE_NAMES = ("test_*.py", "*_test.py", "tests.py", "conftest.py")
TEST_FOLDERS = ("tests", "test", "testing")


@lru_cache(maxsize=65536)
def is_test_path(relpath: str) -> bool:
    """True for a path (POSIX, relative to the scanned root) that pytest or unittest would collect.
    Remembered: the graph asks it per class and per edge (17,000 times on crewAI)."""
    path = PurePosixPath(relpath)
    if any(fnmatch.fnmatch(path.name, pattern) for pattern in TEST_FILE_NAMES):
        return True
    return any(part in TEST_FOLDERS for part in path.parts[:-1])
