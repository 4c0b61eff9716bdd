"""Whether one notebook cell parses: the view masks a cell that does not (``notebook._view``)."""
from __future__ import annotations

import ast
from functools import lru_cache
from typing import Optional


def cell_error(text: str) -> Optional[str]:
    """Why ``text`` (a cell's masked lines) does not parse, or None: CPython's parser, then
    libcst's, which reads syntax newer than the running interpreter's."""
    try:
        ast.parse(text)
        return None
    except (RecursionError, MemoryError):
        return None  # nesting: the whole view's parse reports it
    except SyntaxError as err:
        message = f"syntax error at line {err.lineno or 1}, column {err.offset or 1}: {err.msg}"
        if "nested" in err.msg:
            return message  # too deep for libcst's native parser too
    except ValueError as err:  # null bytes
        return f"cannot parse: {err}"
    return None if _libcst_reads(text) else message


@lru_cache(maxsize=256)
def _libcst_reads(text: str) -> bool:
    import libcst as cst  # only for a cell CPython rejected

    try:
        cst.parse_module(text)
    except Exception:  # noqa: BLE001 - any failure means no
        return False
    return True
