"""Accuracy on the fixtures whose expectations are written beside the code.

    python scripts/accuracy.py [ROOT ...]     # default: tests/fixtures/projects/* and fixtures/demo_app

Prints, per project and in total: call-site precision and recall, scheduled-class precision and
recall, and class accuracy over correctly found sites.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "tests"))

from support.expectations import Score, score  # noqa: E402


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "   n/a"


def main(argv) -> None:
    roots = [Path(a).resolve() for a in argv] or [
        *sorted(p for p in (HERE / "tests" / "fixtures" / "projects").iterdir() if p.is_dir()),
        HERE / "fixtures" / "demo_app",
    ]
    total = Score()
    print(f"{'project':<24} {'sites':>6} {'site P':>7} {'site R':>7} {'sched P':>8} {'sched R':>8} {'class acc':>9}")
    for root in roots:
        s = score(root)
        total.add(s)
        print(_row(root.name, s))
    print(_row("TOTAL", total))


def _row(name: str, s: Score) -> str:
    return (
        f"{name:<24} {s.sites_expected:>6} {ratio(s.sites_correct, s.sites_found):>7} "
        f"{ratio(s.sites_correct, s.sites_expected):>7} {ratio(s.sched_correct, s.sched_found):>8} "
        f"{ratio(s.sched_correct, s.sched_expected):>8} {ratio(s.class_correct, s.sites_correct):>9}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
