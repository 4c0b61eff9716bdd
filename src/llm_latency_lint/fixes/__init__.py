"""Autofixes: libcst rewrites keyed by (strategy, provider, operation).

- ``base``: the site a fixer sees, the ``Plan`` it returns, ``Refuse``;
- ``catalog``: fixers collected from ``fixes/providers/*.py`` (``FIXERS = [...]``);
- ``loops``, ``names``: the shared loop analysis and its refusals;
- ``batch``, ``flex``, ``stream``: the shared rewrites, parameterised by provider data;
- ``emit``: node replacement, helpers once per module, imports through ``AddImportsVisitor``;
- ``run``: attaching ``edits.Fix`` to findings, applying them (``--fix``), diffs and outcomes.
"""
from llm_latency_lint.fixes.run import (
    FixOptions,
    FixReport,
    attach,
    fix_paths,
    render_outcomes,
)

__all__ = ["FixOptions", "FixReport", "attach", "fix_paths", "render_outcomes"]
