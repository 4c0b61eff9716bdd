"""``Symbols.resolve_dotted``'s last resort, a dotted name matched by suffix (a ``src/`` layout, a
package prefix the scan root lacks): past a few names it reads an index of the functions' dotted
tails instead of scanning every function; both give the first match in table order."""
from __future__ import annotations

from llm_latency_lint.project import symbols as S

FUNCTIONS = ["src.app.tasks.nightly", "app.tasks.nightly", "other.tasks.nightly", "pkg.mod.run", "mod.run",
             "deep.a.b.c.d", "b.c.d", "x..y", "tasks.weekly", "w.tasks.weekly"]
PROBES = ["tasks.nightly", "nightly", "app.tasks.nightly", "src.app.tasks.nightly", "root.src.app.tasks.nightly",
          "run", "mod.run", "elsewhere.pkg.mod.run", "c.d", "a.b.c.d", "z.b.c.d", ".y", "y", "x..y", "",
          "weekly", "tasks.weekly", "q.w.tasks.weekly", "missing", "missing.run.too", "d", "deep"]


def _scan(functions, name):
    return next((q for q in functions if q.endswith("." + name) or name.endswith("." + q)), None)


def test_the_index_answers_as_the_scan_does(monkeypatch):
    for order in (FUNCTIONS, list(reversed(FUNCTIONS))):
        table = S.Symbols(files=[], functions={q: (None, None) for q in order})  # type: ignore[misc]
        monkeypatch.setattr(S, "SUFFIX_SCANS", 0)  # the index from the first name on
        assert [table._by_suffix(p) for p in PROBES] == [_scan(order, p) for p in PROBES]
        assert table._tails is not None
        scanning = S.Symbols(files=[], functions={q: (None, None) for q in order})  # type: ignore[misc]
        monkeypatch.setattr(S, "SUFFIX_SCANS", 1000)
        assert [scanning._by_suffix(p) for p in PROBES] == [_scan(order, p) for p in PROBES]
        assert scanning._tails is None
