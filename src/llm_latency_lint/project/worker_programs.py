"""Which project modules a deployed Celery worker imports, and so whose tasks it registers.

``celery -A proj.celery_app worker`` imports the app's module (with its packages and what it
imports) and the modules the app declares (``include``, ``imports``, ``autodiscover_tasks([...])``:
``catalog/triggers/celery_apps.py``). A task defined in a module that program never imports is not
registered: that worker does not run it (an old copy left beside the live task, no include naming
it). Only where every worker's program is knowable: an app named by a project module, every app
defined in its program declaring its modules in a form the scan reads; otherwise every task counts
as run, as before.
"""
from __future__ import annotations

from typing import Callable, Dict, Iterable, List, Optional, Sequence, Set

from llm_latency_lint.catalog.worker_commands import ANY_MODULE, APP_LOADS
from llm_latency_lint.project.symbols import Symbols

Loaded = Callable[[str], bool]  # module -> does some deployed worker import it


def worker_modules(symbols: Symbols, apps: Sequence[str], included: Iterable[str] = ()) -> Optional[Loaded]:
    """For the workers started with the ``-A`` values ``apps`` (and the modules their ``-I``
    options add, ``included``): which modules some worker imports; None when any worker's program
    is not knowable."""
    declared: Dict[str, List[str]] = {}  # a module configuring an app -> the modules it declares
    for facts in symbols.files:
        for trigger in facts.triggers:
            if trigger.source == APP_LOADS and len(trigger.target) > 1:
                declared.setdefault(facts.module, []).append(str(trigger.target[1]).split(":", 1)[1])
    if not declared or not apps:
        return None
    modules = set(symbols.modules)
    roots: Set[str] = set()
    declared_names: Set[str] = set(included)
    for app in apps:
        found = app_modules(app, modules, symbols.module_aliases)
        if not found:
            return None
        configured = [m for m in declared if symbols.programs.holds(found, m)]
        names = [name for m in configured for name in declared[m] if name != m]  # not its own module
        if not configured or ANY_MODULE in names:
            return None
        roots.update(found)
        declared_names.update(names)
    # An app module is imported as itself; a listed module (``include``, ``-I``) as a package with
    # every module under it (Celery imports a listed package's ``__init__`` alone: read generously).
    apps_held, listed, known = sorted(roots), sorted(declared_names), symbols.programs
    return lambda module: known.holds(apps_held, module) or known.holds(listed, module, subtree=True)


def app_modules(app: str, modules: Set[str], aliases: Dict[str, str]) -> List[str]:
    """The project modules ``-A app`` names (Celery's ``find_app``): ``pkg.mod:attr`` or
    ``pkg.mod.attr`` is the longest dotted prefix that is a module; a package is searched for its
    ``celery`` submodule too. Empty when no project module matches."""
    name = app.split(":", 1)[0]
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        prefix = ".".join(parts[:i])
        module = aliases.get(prefix, prefix)
        found = [m for m in (module, f"{module}.celery") if m in modules]
        if found:
            return found
    return []
