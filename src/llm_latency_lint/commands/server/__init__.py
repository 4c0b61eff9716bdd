"""``llm-latency-lint server``: a Language Server (LSP over stdio) on pygls, the ``server`` extra.

- ``convert``: findings, evidence, hovers and edits as LSP types (pure);
- ``projects``: the project a file belongs to, its config, and one analysis of it;
- ``actions``: quick fixes (the finding's fix, ``# noqa``, the class pragma) and fix-all;
- ``app``: the pygls server: documents, debounced analysis, publishing, the requests.
"""
from __future__ import annotations

MISSING = (
    "llm-latency-lint server needs the 'server' extra (pygls, lsprotocol): "
    "pip install 'llm-latency-lint[server]'"
)


def serve(log_level: str = "warning") -> int:
    """Run the server on stdin/stdout until the client says exit; 2 when pygls is missing."""
    import sys

    try:
        from llm_latency_lint.commands.server.app import serve as start
    except ImportError as exc:
        if exc.name not in ("pygls", "lsprotocol") and not str(exc.name or "").startswith(("pygls.", "lsprotocol.")):
            raise
        print(f"{MISSING} ({exc})", file=sys.stderr)
        return 2
    return start(log_level)
