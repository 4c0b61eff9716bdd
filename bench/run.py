"""Benchmark: llm-latency-lint against flake8 and Ruff on synthetic and real repositories.

Every measurement is a whole process, run side by side with the others in alternating order
(the order rotates and reverses each round, so machine noise spreads over all of them); the
table shows medians of wall seconds and of CPU seconds (user + system of the process tree, from
``wait4``: on a shared machine the comparable figure) and each tree's peak RSS (the largest
process of the tree). Goals are ratios of CPU seconds, with the wall-time ratio beside them.

"check edited" appends a comment to a file with an LLM call (new bytes and mtime, equal facts:
the stored result is reused after that one file is parsed again); "check edited facts" appends
a function to it (its facts change: the graph is built again from the stored facts). Run from a venv with the package and the ``bench`` extra installed:

    pip install -e ".[bench]"
    python bench/run.py                       # synthetic 100k and 1M lines
    python bench/run.py --sizes 100k /path/to/repo --rounds 5
    python bench/run.py --sizes '' --real /tmp/bench  # the pinned public repositories below

``--real DIR`` measures every repository of ``REAL_REPOSITORIES`` found as ``DIR/<name>`` (a
checkout of the pinned commit; their code is never committed here). Missing ones are listed.

``flake8 --select F`` runs from a separate venv holding only flake8 (created on first use in
``--flake8-venv``), since flake8 runs every installed plugin whatever ``--select`` says.

Every process runs with its bytecode, as an installed wheel has it: flake8's venv holds its
``.pyc`` files, while an editable install run with ``PYTHONDONTWRITEBYTECODE`` compiles each of
this package's 200-odd modules from source in every process (0.2 s of CPU: a third of a cold
run on a five-file project). So the runs write bytecode under ``--work``/pycache
(``PYTHONPYCACHEPREFIX``, the source tree stays clean), compiled once before the first round;
``--no-bytecode`` measures the source compile as well.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402

BIN = Path(sys.executable).parent
# (label, numerator, denominator, limit); issue 14's cold limit is for saleor and the LLM-heavy
# application (every other repository: at most 2x)
GOALS = [
    ("cold check / flake8 --select F -j2", "check cold", "flake8 F", 0.5),
    ("warm check / ruff --select F --no-cache", "check warm", "ruff F", 3.0),
    ("one file edited (comment) / ruff", "check edited", "ruff F", 5.0),
    ("one file edited (facts) / ruff", "check edited facts", "ruff F", 5.0),
    ("flake8 + plugin (cold) / flake8 --select F", "flake8 F+LLM", "flake8 F", 1.3),
]
Run = Tuple[float, float, float]  # wall seconds, peak MB, CPU seconds
# Public repositories at pinned commits (issue 14): folder name -> (owner/name, commit, what it is).
REAL_REPOSITORIES: Dict[str, Tuple[str, str, str]] = {
    "crewai": ("crewAIInc/crewAI", "f4731f5025f861c78e3af0487cc80bf5e7c64782",
               "agent framework, 1,306 files, 312k lines: the LLM-heavy application and >=1,000-file framework"),
    "autogen": ("microsoft/autogen", "027ecf0a379bcc1d09956d46d12d44a3ad9cee14", "agent framework, 546 files, 112k lines"),
    "saleor": ("saleor/saleor", "723cd4eba87dfc72822ade45dc08a3caa548428d",
               "e-commerce, 4,338 files, 849k lines, almost no LLM code"),
    "gpt-researcher": ("assafelovic/gpt-researcher", "5d84d2f5553e70a2765a8ff3a0d2672d60437ce8",
                       "research agent, 274 files, 27k lines"),
    "arxivdigest": ("AutoLLM/ArxivDigest", "0eadab73b5f89e211dbcdb7daa0d4eed824aa7e6",
                    "small scheduled bot (daily GitHub Actions digest), 5 files"),
}
AST_SCRIPT = "import ast,sys\nfor p in sys.argv[1:]:\n    ast.parse(open(p,'rb').read())\n"
CST_SCRIPT = ("import libcst,sys\nfor p in sys.argv[1:]:\n    try: libcst.parse_module(open(p,'rb').read())\n"
              "    except Exception: pass\n")


def with_bytecode(work: Path) -> None:
    """Let every measured process (they inherit this environment) read and write bytecode under
    ``work``, and compile this package there once now (installed packages have theirs)."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    import llm_latency_lint

    package = Path(llm_latency_lint.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=False, stdout=subprocess.DEVNULL)


def run_once(argv: List[str], cwd: Path, env: Optional[Dict[str, str]] = None) -> Run:
    """Wall seconds, peak RSS (MB) and CPU seconds (user + system, children included) of one
    process tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=str(cwd), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err[-2000:]}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def flake8_only(venv: Path) -> Path:
    exe = venv / "bin" / "flake8"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "flake8"], check=True)
    return exe


def python_files(root: Path) -> List[str]:
    skip = {".git", ".venv", "venv", "node_modules", "build", "dist", "__pycache__", ".llm_latency_lint_cache"}
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in skip and not d.startswith(".")]
        found.extend(os.path.join(folder, f) for f in files if f.endswith(".py"))
    return sorted(found)


class Target:
    def __init__(self, name: str, root: Path, cache: Path, edit: Optional[Path]) -> None:
        self.name, self.root, self.cache, self.edit = name, root, cache, edit
        self.files = python_files(root)
        self.lines = sum(open(p, "rb").read().count(b"\n") for p in self.files)
        self._edits = 0
        self._original = edit.read_bytes() if edit else b""

    def commands(self, flake8: Path, parse_every_file: bool) -> Dict[str, Tuple[Callable[[], None], List[str]]]:
        lint = [str(BIN / "llm-latency-lint"), "check", "-q", "--exit-zero", "--cache-dir", str(self.cache), "."]
        commands = {
            "check cold": (lambda: shutil.rmtree(self.cache, ignore_errors=True), lint),
            "check warm": (self.warm_up, lint),
            "check edited": (self.edit_one, lint),
            "check edited facts": (lambda: self.edit_one(facts=True), lint),
            "flake8 F": (lambda: None, [str(flake8), "--select", "F", "-j2", "."]),
            "flake8 F+LLM": (self.drop_plugin_caches, [str(BIN / "flake8"), "--select", "F,LLM", "-j2", "."]),
            # --isolated: a repository's own ruff settings (or a templated pyproject.toml that
            # newer ruff refuses to parse, as in autogen's templates/) must not change the yardstick.
            "ruff F": (lambda: None, [str(BIN / "ruff"), "check", "--isolated", "--select", "F", "--no-cache", "-q", "--exit-zero", "."]),
            "ast.parse": (lambda: None, [sys.executable, "-c", AST_SCRIPT, *self.files]),
        }
        if parse_every_file:
            commands["libcst.parse_module"] = (lambda: None, [sys.executable, "-c", CST_SCRIPT, *self.files])
        if self.edit is None:
            del commands["check edited"], commands["check edited facts"]
        return commands

    def warm_up(self) -> None:
        """One unmeasured run, so the cache matches the tree exactly (an earlier edit included)."""
        subprocess.run([str(BIN / "llm-latency-lint"), "check", "-q", "--exit-zero", "--cache-dir", str(self.cache), "."],
                           cwd=str(self.root), stdout=subprocess.DEVNULL, check=False)

    def edit_one(self, facts: bool = False) -> None:
        """A real edit (new bytes, new mtime) of a file with an LLM call, cache otherwise warm:
        a comment, or (``facts``) a new function, which changes the file's facts."""
        assert self.edit is not None
        self.warm_up()
        self._edits += 1
        added = f"\n\ndef _bench_edit_{self._edits}():\n    return {self._edits}\n" if facts else f"\n# edit {self._edits}\n"
        # Appended to what the warm run saw (not to the original): a comment then really leaves
        # the facts of the cached state as they were.
        self.edit.write_bytes(self.edit.read_bytes() + added.encode())
        later = time.time_ns() + self._edits * 1_000_000_000
        os.utime(self.edit, ns=(later, later))

    def drop_plugin_caches(self) -> None:
        """The plugin analyses each file's nearest project (a monorepo's packages each have a
        pyproject.toml) and caches beside it: a cold run removes every one of those caches."""
        for folder in sorted(self.root.rglob(".llm_latency_lint_cache")):
            shutil.rmtree(folder, ignore_errors=True)

    def restore(self) -> None:
        if self.edit is not None:
            self.edit.write_bytes(self._original)
        self.drop_plugin_caches()
        shutil.rmtree(self.cache, ignore_errors=True)


def first_llm_file(root: Path) -> Optional[Path]:
    for path in python_files(root):
        text = open(path, "rb").read()
        if b"chat.completions.create" in text or b"messages.create" in text:
            return Path(path)
    return None


def measure(target: Target, flake8: Path, rounds: int, parse_every_file: bool) -> Dict[str, List[Run]]:
    commands = target.commands(flake8, parse_every_file)
    names = list(commands)
    results: Dict[str, List[Run]] = {n: [] for n in names}
    try:
        for r in range(rounds):
            order = names[r % len(names):] + names[:r % len(names)]
            if r % 2:
                order.reverse()
            for name in order:
                if name == "libcst.parse_module" and results[name]:
                    continue  # minutes per run on big trees: once is enough for a yardstick
                prepare, argv = commands[name]
                prepare()
                results[name].append(run_once(argv, target.root))
            print(f"  round {r + 1}/{rounds} done", file=sys.stderr, flush=True)
    finally:
        target.restore()
    return results


def report(target: Target, results: Dict[str, List[Run]]) -> Dict[str, float]:
    print(f"\n## {target.name}: {len(target.files)} Python files, {target.lines} lines")
    print(f"{'command':<22}{'median s':>10}{'min s':>9}{'max s':>9}{'CPU s':>9}{'peak MB':>9}{'runs':>6}")
    medians = {}
    for name, runs in results.items():
        walls = [w for w, _, _ in runs]
        medians[name] = statistics.median(walls)
        medians[name + " CPU"] = statistics.median(c for _, _, c in runs)
        medians[name + " MB"] = max(m for _, m, _ in runs)
        print(f"{name:<22}{medians[name]:>10.3f}{min(walls):>9.3f}{max(walls):>9.3f}{medians[name + ' CPU']:>9.2f}"
              f"{medians[name + ' MB']:>9.1f}{len(runs):>6}")
    print(f"{'goal (ratio of CPU seconds; of wall seconds)':<46}{'CPU':>8}{'wall':>8}{'limit':>8}  met")
    for label, num, den, limit in GOALS:
        if num in medians and den in medians:
            cpu = medians[num + " CPU"] / max(medians[den + " CPU"], 0.005)
            wall = medians[num] / medians[den]
            print(f"{label:<46}{cpu:>8.2f}{wall:>8.2f}{limit:>8.2f}  {'yes' if cpu <= limit else 'NO'}")
    peak = max(medians[k] for k in medians if k.startswith("check") and k.endswith(" MB"))
    print(f"{'peak memory of check (MB)':<46}{peak:>8.1f}{'':>8}{400:>8}  {'yes' if peak <= 400 else 'NO'}")
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, help="local repositories to measure as well")
    parser.add_argument("--sizes", default="100k,1m", help="synthetic sizes in lines, comma-separated ('' for none)")
    parser.add_argument("--real", type=Path, help="folder holding checkouts of REAL_REPOSITORIES, one per name")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "llm-latency-lint-bench")
    parser.add_argument("--flake8-venv", type=Path, default=Path(tempfile.gettempdir()) / "llm-latency-lint-bench-flake8",
                        help="a venv holding only flake8 (created when it has none; e.g. /tmp/flake8venv)")
    parser.add_argument("--big-rounds", type=int, help="rounds for targets over 300k lines (default: --rounds)")
    parser.add_argument("--libcst-max-lines", type=int, default=300_000,
                        help="skip the bare libcst.parse_module yardstick above this many lines (minutes per run)")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="keep PYTHONDONTWRITEBYTECODE: an editable install then compiles its source in every process")
    args = parser.parse_args()
    flake8 = flake8_only(args.flake8_venv)
    args.work.mkdir(parents=True, exist_ok=True)
    if not args.no_bytecode:
        with_bytecode(args.work)
    targets = []
    for size in filter(None, args.sizes.split(",")):
        lines = int(float(size.lower().rstrip("km")) * (1_000_000 if size.lower().endswith("m") else 1000))
        root = synth.generate(args.work / f"synth-{size}", lines)
        targets.append(Target(f"synthetic {size}", root, args.work / f"cache-{size}", first_llm_file(root)))
    paths = list(args.paths)
    if args.real is not None:
        for name, (repo, commit, about) in REAL_REPOSITORIES.items():
            folder = args.real / name
            if folder.is_dir():
                print(f"{name}: {repo} at {commit[:12]} ({about})")
                paths.append(folder)
            else:
                print(f"{name}: missing; check out {repo} at {commit} into {folder}")
    for path in paths:
        targets.append(Target(str(path), path.resolve(), args.work / f"cache-{path.name}", first_llm_file(path)))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, {args.rounds} rounds, "
          f"{'sources compiled in every process' if args.no_bytecode else 'with bytecode'}")
    medians = {}
    for target in targets:
        print(f"measuring {target.name} ...", file=sys.stderr, flush=True)
        rounds = args.big_rounds or args.rounds if target.lines > 300_000 else args.rounds
        medians[target.name] = report(target, measure(target, flake8, rounds, target.lines <= args.libcst_max_lines))
    small, big = medians.get("synthetic 100k"), medians.get("synthetic 1m")
    if small and big:
        print("\n## growth, synthetic 1m vs 100k (10x the lines; 10.0 is linear)")
        for key in ("check cold", "check warm", "check edited", "check edited facts", "check cold MB", "flake8 F", "ruff F"):
            if key in small and key in big:
                print(f"{key:<22}{big[key] / small[key]:>8.2f}")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
