"""Autofixes: libcst rewrites keyed by (strategy, provider, operation).

- ``base``: the site a fixer sees, the ``Plan`` it returns, ``Refuse``;
- ``registry``: fixers collected from ``fixes/providers/*.py`` (``FIXERS = [...]``);
- ``loops``, ``names``: the shared loop analysis and its refusals;
- ``batch``, ``flex``, ``stream``: the shared rewrites, parameterised by provider data;
- ``callers``, ``caller_loop``: the call graph seen from a site (per-item loops in callers,
  time-critical sinks) and the batch at a caller's loop;
- ``helper_module``: the one generated ``_llm_batch.py`` per package the fixed modules import;
- ``emit``, ``imports``: node replacement, helper imports, imports in Ruff's isort order,
  imports the rewrite left unused removed;
- ``plan``: the strategy per finding, the plan or refusal, attaching ``edits.Fix`` to findings;
- ``run``: applying them (``--fix``, passes, atomic writes), diffs and outcomes.
"""
from llm_latency_lint.fixes.plan import FixOptions, attach
from llm_latency_lint.fixes.run import FixReport, fix_paths, render_outcomes

__all__ = ["FixOptions", "FixReport", "attach", "fix_paths", "render_outcomes"]
