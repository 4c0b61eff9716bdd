"""flake8 with the plugin against plain flake8, cold and warm, on repositories of several projects.

The plugin analyses each file's nearest project (a folder with a ``pyproject.toml`` or another
marker); a monorepo has a dozen of them. Every measurement is one whole ``flake8 -j2`` process
tree, CPU seconds (user + system, children included) and the peak RSS of its largest process:

    python bench/plugin.py /tmp/plugin-bench/autogen /tmp/plugin-bench/crewai --rounds 1

"plugin cold" removes every ``.llm_latency_lint_cache`` under the tree first; "plugin warm" runs
again with the caches that left. ``flake8 F`` runs from a venv holding only flake8 (flake8 runs
every installed plugin whatever ``--select`` says); ``flake8 F+LLM`` runs this interpreter's
flake8, so the plugin is the one importable here (check ``llm_latency_lint.__file__``).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path
from typing import Dict, List

sys.path.insert(0, str(Path(__file__).parent))
from run import BIN, Run, flake8_only, run_once  # noqa: E402


def drop_caches(root: Path) -> None:
    for folder in sorted(root.rglob(".llm_latency_lint_cache")):
        shutil.rmtree(folder, ignore_errors=True)


def measure(root: Path, plain: Path, rounds: int) -> Dict[str, List[Run]]:
    with_plugin = [str(BIN / "flake8"), "--select", "F,LLM", "-j2", "."]
    results: Dict[str, List[Run]] = {"flake8 F": [], "plugin cold": [], "plugin warm": []}
    for _ in range(rounds):
        results["flake8 F"].append(run_once([str(plain), "--select", "F", "-j2", "."], root))
        drop_caches(root)
        results["plugin cold"].append(run_once(with_plugin, root))
        results["plugin warm"].append(run_once(with_plugin, root))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--flake8-venv", type=Path, default=Path("/tmp/flake8venv"))
    args = parser.parse_args()
    plain = flake8_only(args.flake8_venv)
    for root in args.paths:
        results = measure(root.resolve(), plain, args.rounds)
        print(f"\n## {root}")
        print(f"{'command':<14}{'CPU s':>9}{'wall s':>9}{'peak MB':>9}{'ratio':>8}")
        base = statistics.median(c for _, _, c in results["flake8 F"])
        for name, runs in results.items():
            cpu = statistics.median(c for _, _, c in runs)
            wall = statistics.median(w for w, _, _ in runs)
            peak = max(m for _, m, _ in runs)
            print(f"{name:<14}{cpu:>9.2f}{wall:>9.2f}{peak:>9.1f}{cpu / max(base, 0.005):>8.2f}", flush=True)


if __name__ == "__main__":
    main()
