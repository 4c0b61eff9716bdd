"""Entry points the classifier adds or checks beyond what the sources declare.

- a file with code at its top level and no ``__main__`` block is a script: whatever runs it
  (``python scripts/embed_seed.py`` in a workflow) runs its module code (``script:<path>``);
- a console script naming an app object (``erp = "erp.cli:app"``, a Typer app) runs what the
  object's entry point ``object:<module>.<app>`` runs (its commands, ``catalog/triggers/cli_apps``);
  with subcommand words (``erp phase1 run``) only the command they name (``object:.../phase1/run``),
  for a Typer app or a Click group; an app mounting another module's app (``app.add_typer(daily.app)``)
  runs that app's commands too;
- name and docstring evidence (``generate_digest``, "runs nightly") applies only to a function
  something could start: a module-level function, or a method some code calls or names; a
  command-line tool a person runs (argparse, Typer, a console script) outranks it where both reach;
- a Terraform function whose code another file of its module packs (``data "archive_file"`` in
  ``data.tf``) runs its handler below that archive's source folder; one packaged from a zip a
  script builds (``filename = "aggregator.zip"``) runs the handler of the one folder its package
  names (``lambdas/aggregator/index.py`` among several ``index.py``).
"""
from __future__ import annotations

import posixpath
from dataclasses import replace
from typing import (
    Callable,
    Dict,
    Iterable,
    Iterator,
    List,
    Optional,
    Sequence,
    Set,
    Tuple,
    TypeVar,
)

from llm_latency_lint.catalog import apify_actors, image_tags, lambda_images
from llm_latency_lint.catalog.command_lines import HERE, handler_module
from llm_latency_lint.catalog.compose_commands import COMPOSE_FILE
from llm_latency_lint.catalog.dispatch import CLI_LIBRARIES
from llm_latency_lint.catalog.loaded_modules import ANY_EXTENSION as ANY
from llm_latency_lint.catalog.loaded_modules import (
    AUTOLOADED,
    COG_SOURCES,
    EXTENSION,
    SIGNAL_SOURCE,
)
from llm_latency_lint.catalog.positional import split_run
from llm_latency_lint.catalog.sources._packages import FOLDER_KEY, PACKAGE_KEY, ZIP_KEY
from llm_latency_lint.catalog.sources.dockerfile import built_variant
from llm_latency_lint.catalog.sources.terraform import ARCHIVE_KEY, PACKED_KEY
from llm_latency_lint.files.testpaths import is_test_path
from llm_latency_lint.model import Expr, FileFacts, LatencyClass, Trigger
from llm_latency_lint.project.graph import Project
from llm_latency_lint.project.hops import Walked

Entries = Dict[str, List[Tuple[Trigger, str]]]
NAMING = "naming"  # the source of name and docstring evidence (``catalog/triggers/naming.py``)
MAX_ENTRY_RUNS = 32  # distinct (script, words) runs one follow takes: a wrapper running itself branches
OBJECT = "object:"
S = TypeVar("S")  # the classifier's seed (a dataclass with ``trigger`` and ``targets``)
ARGV = ["name", "sys.argv"]  # the command line's list, as the facts name it


def add_derived_entries(project: Project, entries: Entries, triggers: Iterable[Tuple[Trigger, str]]) -> None:
    """The entry points read off others: scripts' module code and archived handlers."""
    triggers = list(triggers)
    add_module_scripts(project, entries)
    add_archived_handlers(entries, triggers)
    add_packaged_handlers(project, entries, triggers)


def add_archived_handlers(entries: Entries, triggers: Iterable[Tuple[Trigger, str]]) -> None:
    """``terraform-archive:<module>/data.archive_file.code|lambda_function.handler`` -> the handler
    below the folder that archive packs (``catalog/sources/terraform``): two functions of one module
    each with a ``lambda_function.py`` run their own folder's, not both."""
    for trigger, source in triggers:
        key = str(trigger.target[1]) if trigger.target and trigger.target[0] == "entry" else ""
        if not key.startswith(ARCHIVE_KEY) or key in entries:
            continue
        archive, _, handler = key[len(ARCHIVE_KEY):].partition("|")
        for packed, path in entries.get("terraform:" + archive, ()):
            folder = str(packed.target[1])[len(PACKED_KEY):] if packed.target else ""
            runs = handler_module(folder, handler)
            entries.setdefault(key, []).append((replace(packed, target=["str", runs], entry_key=key,
                                                        note=f"{packed.note}: {runs}"), path))
        if key not in entries:  # an archive no file declares: the handler from the module's folder, as before
            runs = handler_module(posixpath.dirname(archive), handler)
            entries[key] = [(replace(trigger, kind="entry", target=["str", runs], entry_key=key), source)]


def add_packaged_handlers(project: Project, entries: Entries, triggers: Iterable[Tuple[Trigger, str]]) -> None:
    """``terraform-package:<folder>|<names>|<handler>`` -> the handler module in ``folder`` when it
    is there, else in the folder a build script packs into the zip of one of ``names`` (the zip's
    stem), else in the one folder of the project holding it whose name is one of ``names``
    (``catalog/sources/_packages``), else the handler as named from ``folder`` (resolved by
    name, as before; a handler module only one folder holds is that one either way)."""
    located = [(t, p) for found in list(entries.values()) for t, p in found] + list(triggers)  # declarations first
    packed = {key[len(ZIP_KEY):]: [str(t.target[1])[len(FOLDER_KEY):] for t, _ in found if t.target]
              for key, found in entries.items() if key.startswith(ZIP_KEY)}  # what build scripts zip
    for trigger, source in located:
        key = str(trigger.target[1]) if trigger.target and trigger.target[0] == "entry" else ""
        if not key.startswith(PACKAGE_KEY) or key in entries:
            continue
        base, names, handler = key[len(PACKAGE_KEY):].split("|", 2)
        folder = _package_folder(project, base, names.split(","), handler, packed)
        runs = handler_module(base if folder is None else folder, handler)
        note = f"{trigger.note}: {runs}" + (f" (the folder its package names, {folder}/)" if folder not in (None, base) else "")
        entries[key] = [(replace(trigger, kind="entry", target=["str", runs], entry_key=key, note=note), source)]


def _package_folder(project: Project, base: str, names: List[str], handler: str,
                    packed: Dict[str, List[str]]) -> Optional[str]:
    module = handler.rpartition(".")[0]
    tails = (module.replace(".", "/") + ".py", module.replace(".", "/") + "/__init__.py")
    holding = {f.path[: -len(tail)].rstrip("/") for f in project.files for tail in tails
               if f.path == tail or f.path.endswith("/" + tail)}
    if base.strip(".") in holding or (base in (".", "") and "" in holding):
        return base
    zipped = [f for n in names for f in packed.get(n, ()) if f.strip(".") in holding]  # a build script's zip
    if zipped:
        return zipped[0]
    wanted = {n.lower().replace("_", "-") for n in names}
    named = sorted(h for h in holding if posixpath.basename(h).lower().replace("_", "-") in wanted)
    return named[0] if len(named) == 1 else None


def add_module_scripts(project: Project, entries: Entries) -> None:
    """``script:<path>`` (and ``module:<name>``) for files whose module code is the script."""
    for facts in project.files:
        key, qual = f"script:{facts.path}", f"{facts.module}.<module>"
        fn = project.functions.get(qual)
        if (fn is None or not fn[0].calls or facts.path.endswith("__init__.py") or is_test_path(facts.path)
                or any(t.source in ("main-script", "notebook") for t, _ in entries.get(key, ()))):
            continue
        entry = Trigger(kind="entry", source="module-script", target=["name", qual], line=1,
                        note=f"{facts.path} runs top to bottom as a script", entry_key=key)
        entries.setdefault(key, []).append((entry, facts.path))
        entries.setdefault(f"module:{facts.module}", []).append((entry, facts.path))
        if facts.module.endswith(".__main__"):  # ``python -m pkg`` runs pkg/__main__.py top to bottom
            entries.setdefault(f"module:{facts.module[:-len('.__main__')]}", []).append((entry, facts.path))


def object_key(target: Expr) -> str:
    """``["str", "erp.cli:app"]`` -> ``object:erp.cli.app``: the entry an app object is."""
    return OBJECT + str(target[1]).replace(":", ".").strip() if target and target[0] == "str" else ""


def object_commands(entries_for: Callable[[str], List[Tuple[Trigger, str]]], resolve: Callable[[Expr], List[str]],
                    key: str, seen: Tuple[str, ...] = ()) -> List[str]:
    """The functions an app object's entry ``key`` runs: its commands, and those of the apps it
    mounts from other modules (an entry naming another ``object:`` entry)."""
    if key in seen or len(seen) > 8:
        return []
    found: List[str] = []
    for entry, _ in entries_for(key):
        if entry.target and entry.target[0] == "entry":
            found.extend(object_commands(entries_for, resolve, str(entry.target[1]), seen + (key,)))
        else:
            found.extend(resolve(entry.target))
    return found


def drop_name_evidence(reach: Dict[str, List[Walked]], functions: Iterable[str]) -> None:
    """A command line a person runs reaches these functions: what their names suggest no longer
    counts (the labels never read a name as a schedule, policy 2)."""
    for fn in functions:
        reach[fn] = [r for r in reach[fn] if r.trigger.source != NAMING]


def split_console(key: str) -> Tuple[str, List[str]]:
    """``console:erp phase1 run`` -> (``console:erp``, [phase1, run]); other keys as they are."""
    if not key.startswith("console:") or " " not in key:
        return key, []
    head, *words = key.split(" ")
    return head, words


def command_key(has: Callable[[str], bool], target: Expr, words: List[str]) -> str:
    """The entry of the command ``words`` name in the app object or group ``target`` names: the
    longest run of words that names one (``object:erp.cli.app/phase1/run``), else the whole app."""
    base = object_key(target) if target and target[0] == "str" else ""
    for count in range(len(words), 0, -1) if base else ():
        key = f"{base}/{'/'.join(words[:count])}"
        if has(key):
            return key
    return base


def named_methods(project: Project, triggers: Iterable[Tuple[Trigger, str]]) -> Set[str]:
    """Method names project code calls or names on any receiver, and the functions a trigger other
    than name evidence runs (a framework's registration)."""
    found = {str(ref.expr[2]) for f in project.files if not is_test_path(f.path)
             for code in f.functions.values() for ref in code.calls if ref.expr and ref.expr[0] == "attr"}
    found.update(q for t, _ in triggers if t.source != NAMING and t.target and t.target[0] != "entry"
                 for q in project.resolve_function(t.target))
    return found


def entry_like(project: Project, qualname: str, called: Set[str], named: Set[str],
               imported: Optional[Set[str]] = None) -> bool:
    """Could something outside the code start it? A module-level function (a crontab's ``python
    -c``, a scheduler configured elsewhere), unless it is a leftover twin (``leftover_twin``); a
    method only when code calls it (``called``) or names a method of that name (``named``): a method
    nothing calls (``generate_themed_digest``) is dead, whatever its name says."""
    fn = project.functions.get(qualname)
    if fn is None or qualname in called:
        return True
    if not fn[0].cls:
        return imported is None or not leftover_twin(project, qualname, called, imported)
    return qualname.rsplit(".", 1)[-1] in named or qualname in named


def leftover_twin(project: Project, qualname: str, called: Set[str], imported: Set[str]) -> bool:
    """A module-level function in a module no module imports, whose name a module-level function
    of another module has that the code does call (``views/hero.py`` importing and calling
    ``intelligence_report.generate_daily_report`` beside an unimported ``daily_reporter.py``
    defining one too): the live one is the other; this one is what the code moved away from, and
    its name says nothing (round 18's AMAN-LADWA/atlas-guardian)."""
    module, _, name = qualname.rpartition(".")
    if module in imported:
        return False
    return any(other.rpartition(".")[2] == name and other.rpartition(".")[0] != module
               and other in project.functions and not project.functions[other][0].cls for other in called)


def split_commands(seeds: List[S], entries: Entries, resolve: Callable[[Expr], List[str]]) -> List[S]:
    """A console script naming a command-line app (a Click group, a Typer app) offers several
    command lines a person runs: one seed per command (``object:<app>/<command>`` entries), so
    a command that repeats a scheduled job (``run-once``) does not hide another one (``embed``)
    that reaches the same code (policy 1: mixed). Each seed gets its own copy of the trigger (its
    walk is recorded by the trigger's identity)."""
    out: List[S] = []
    for seed in seeds:
        key = object_key(seed.trigger.target) + "/"  # type: ignore[attr-defined]
        commands = dict.fromkeys(t for k, found in entries.items() if key != "/" and k.startswith(key)
                                 for entry, _ in found if entry.target and entry.target[0] != "entry"
                                 for t in resolve(entry.target))
        out.extend([replace(seed, trigger=replace(seed.trigger), targets=[c]) for c in commands] or [seed])  # type: ignore
    return out


# Entry keys whose value is a path (or dotted module) that may be written longer or shorter.
PATH_KEYS = ("script", "module", "shell", "docker", "action", "workflow", "dagster-job", "dagster-group", "object",
             "dagster-module",
             image_tags.KIND,  # ``image:team/app:v1`` pulled as ``image:app:v1`` (or the reverse)
             lambda_images.KIND, apify_actors.KIND,  # an actor's id ``user/name`` ends with its name
             COMPOSE_FILE[:-1])
# Keys whose value is dotted (a module may be named from a folder above its package root).
DOTTED_KEYS = ("module", "dagster-job", "dagster-group", "dagster-module", "object")


def nearest_root(hits: Sequence[str], value: str, sep: str) -> Optional[str]:
    """Of the entries a relative command path names by their tail, none of which its path holds
    (``main.py`` run from a working directory: ``src/main.py``, ``src/cronjobs/main.py``), the one
    nearest the root the command runs from, when one alone is and the others sit under its folder
    (an image copies ``src/`` there); copies in sibling folders (``app/``, ``jobs/digest/``) say
    nothing of which folder the command runs in."""
    if any(value.endswith(sep + k.partition(":")[2]) for k in hits):
        return None  # ``/srv/app/scripts/x.py`` names ``scripts/x.py`` by the longest tail instead
    depths = sorted((k.count(sep), k) for k in hits)
    if not depths or len(depths) > 1 and depths[0][0] == depths[1][0]:
        return None
    nearest = depths[0][1]
    folder = nearest[:len(nearest) - len(value)]  # ``script:src/`` of ``script:src/main.py``
    return nearest if all(k.startswith(folder) for k in hits) else None


def unique_tail(kind: str, value: str, keys: Iterable[str]) -> Optional[str]:
    """A script path written from another machine (``/full/path/to/main.py`` in a README's crontab,
    ``/home/me/bot/run.py``) that no scanned path ends or starts: the one scanned script sharing its
    longest tail (the file name at least); two sharing it, none (label policy 2, round 9). A default
    ``Dockerfile`` the folder lacks is the variant built for production (``Dockerfile.prod``); an
    Apify actor id is the repository's one actor when the repository names none (an actor it names
    matches by the id's last segment; an id under ``apify/`` is Apify's own: ``catalog/apify_actors``)."""
    if kind == "docker":
        found = built_variant(value, [k[len(kind) + 1:] for k in keys if k.startswith(kind + ":")])
        return f"{kind}:{found}" if found else None
    if kind == lambda_images.KIND:  # a function named otherwise than its image's folder: the one Lambda image
        images = [k for k in keys if k.startswith(kind + ":")]
        return images[0] if len(images) == 1 else None
    if kind == image_tags.KIND:  # ``team/app:v9`` no build tags: the builds of ``team/app``
        return image_tags.any_tag(value, keys)
    if kind == apify_actors.KIND:  # a repository naming no actor: its one actor, deployed under any name
        actors = [k for k in keys if k.startswith(kind + ":")]
        unnamed = actors == [apify_actors.actor_key()] and not apify_actors.store_actor(value)
        return actors[0] if unnamed else None
    if kind not in ("script", "shell"):
        return None
    parts = value.split("/")
    best: List[str] = []
    length = 0
    for key in keys:
        if not key.startswith(kind + ":"):
            continue
        other = key[len(kind) + 1:].split("/")
        n = next((i for i in range(min(len(parts), len(other))) if parts[-1 - i] != other[-1 - i]),
                 min(len(parts), len(other)))
        if n and n >= length:
            best, length = (best + [key] if n == length else [key]), n
    return best[0] if len(best) == 1 else None


def beside_source(kind: str, value: str, source: str, keys: Iterable[str]) -> Optional[str]:
    """An absolute path from another machine (``cd /path/to/summarizer && python3 main.py`` in
    ``tools/summarizer/README.md``) names the script beside the file that gives it, when one there
    shares its tail: a document in a folder describes that folder's project, not the root's
    ``main.py`` (round 10's bbcon/TheGreatInformationGatherer). A relative path, or one under the
    working directory (``$(pwd)/main.py``, ``HERE``), is the script beside the launcher that names it
    (``python3 assemble.py`` in ``mod2/app.py`` of a repository of sub-projects), and a nested
    copy's workflow (``copy/.github/workflows/x.yml``) runs its paths from ``copy/``."""
    folder = posixpath.dirname(source)
    here = next((value[len(v):] for v in HERE if value.startswith(v)), None)
    nested, github, _ = source.partition("/.github/")  # ``copy/.github/workflows/x.yml`` runs from ``copy/``
    if github and kind in ("script", "shell") and here is None and not value.startswith("/"):
        here, folder = value, nested
    if kind not in ("script", "shell", COMPOSE_FILE[:-1]) or not folder:
        return None
    here = value if here is None and not value.startswith("/") else here
    present = set(keys)
    if here is not None:  # ``cd $(pwd) && python3 main.py`` printed by a setup script: its own folder
        key = f"{kind}:{posixpath.normpath(posixpath.join(folder, here))}"
        return key if key in present else None
    parts = value.strip("/").split("/")
    for i in range(len(parts), 0, -1):  # the longest tail first
        key = f"{kind}:{folder}/{'/'.join(parts[-i:])}"
        if key in present:
            return key
    return None


def connected(project: Project) -> Callable[[Trigger, FileFacts], bool]:
    """Does a trigger count as registered: a Django signal's receiver only in a module Django loads
    itself or one some other module imports (``newsletter/signals.py`` that nothing imports, its
    ``apps.py`` having no ``ready()``, connects nothing: round 9's Oseni03/ArxivDigest-Newsletter); a
    discord.py extension's commands, where every load names its extension, only in one loaded or imported."""
    imported: List[Set[str]] = []
    loaded = {str(t.target[1]).split(":", 1)[1] for f in project.files for t in f.triggers if t.source == EXTENSION}

    def counts(trigger: Trigger, facts: FileFacts) -> bool:
        if trigger.source in COG_SOURCES and f"{facts.module}.setup" in facts.functions and loaded and ANY not in loaded:
            if any(name == facts.module or name.endswith("." + facts.module) or facts.module.endswith("." + name)
                   for name in loaded):
                return True  # a discord.py extension: its cog answers only once the bot loads it
        elif trigger.source != SIGNAL_SOURCE or posixpath.basename(facts.path)[:-3] in AUTOLOADED:
            return True
        if not imported:
            imported.append(imported_modules(project))
        return facts.module in imported[0]
    return counts


def parses_arguments(project: Project, path: str) -> bool:
    """The script reads its command line: a tool people run. A CLI library (argparse, click...), or
    ``sys.argv`` read by hand (``if len(sys.argv) > 1 and sys.argv[1] == "--all"``: the list itself
    handed to a call; ``sys.argv[0]`` alone, the program's path, is no argument)."""
    facts = next((f for f in project.files if f.path == path), None)
    return facts is not None and (any(value.split(".")[0] in CLI_LIBRARIES for value in facts.imports.values())
                                  or any(ref.kind == "ref" and ref.expr == ARGV for fn in facts.functions.values()
                                         for ref in fn.calls))


def imported_modules(project: Project) -> Set[str]:
    """Project modules some other file imports (by any name the graph maps to them): a script
    importing its own name (``interpreter/interpreter.py``: ``from interpreter import
    interpreter``, meaning the SDK) is not imported by that."""
    aliases = getattr(project, "module_aliases", {})
    found: Set[str] = set()
    for facts in project.files:
        names: Set[str] = set()
        for value in facts.imports.values():
            parts = value.split(".")
            names.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
        found.update(module for module in (aliases.get(name, name) for name in names) if module != facts.module)
    return found


def unimported_scripts(project: Project) -> Iterator[Tuple[Trigger, str]]:
    """Module code no module imports and nothing in the repository runs (``classify``'s run-by-hand
    seeds): a person runs the file as a script; weak evidence, only where nothing else reaches."""
    imported = imported_modules(project)
    for facts in project.files:
        qual = f"{facts.module}.<module>"
        fn = project.functions.get(qual)
        if (fn is None or not fn[0].calls or facts.path.endswith("__init__.py") or is_test_path(facts.path)
                or facts.module in imported):
            continue
        note = (f"{facts.path} runs top to bottom as a script: no module imports it and nothing in the "
                "repository runs it, so a person does (run by hand)")
        yield Trigger(kind=LatencyClass.REAL_TIME.value, source="run-by-hand", target=["name", qual], line=1, note=note, weak=True), facts.path


def first_run(runs: Set[Tuple[str, str]], key: str, source: str) -> bool:
    """May a follow of entry keys take ``key``: no words, or words it has not yet run the script
    with (``run.sh all`` runs ``./run.sh digest "$2"``, which runs itself so again), within
    ``MAX_ENTRY_RUNS``? Adds it to ``runs``: the keyed runs with their words, and where they were read."""
    if not split_run(key)[1]:
        return True
    if (key, source) in runs or len(runs) >= MAX_ENTRY_RUNS:
        return False
    runs.add((key, source))
    return True
