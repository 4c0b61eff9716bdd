"""Which files are test code: their LLM calls run against mocks or fakes, never in production
(and which are schema migrations, run once by ``migrate``: ``is_migration_path``).

Calls in test files are not call sites (a ``mock.patch`` of the client, a recorded cassette, a
smoke test a developer runs by hand): reporting them would inflate the inventory and the
savings. The patterns follow pytest's default discovery and the usual test folders.
"""
from __future__ import annotations

import fnmatch
import re
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


_DJANGO_MIGRATION = re.compile(r"^\d{4}_\w*\.py$")


def is_migration_path(relpath: str) -> bool:
    """A schema migration (Django's ``app/migrations/0034_x.py``, Alembic's ``alembic/versions/x.py``):
    its code runs once, when the database is migrated, not as the application's work; the corpus
    labels none of its calls (a data migration embedding old rows is a one-off backfill)."""
    parts = PurePosixPath(relpath).parts
    if len(parts) >= 2 and parts[-2] == "migrations" and _DJANGO_MIGRATION.match(parts[-1]):
        return True
    return len(parts) >= 3 and parts[-2] == "versions" and parts[-3] in ("alembic", "migrations")
