"""How source text names a project module: the names importers may use for a file, and the
dotted runs (and script paths) a file's code mentions. The prefilter matches the two with set
lookups instead of a regex alternation of every relevant module per round."""
from __future__ import annotations

import re
from typing import Set

ANY_SUBMODULE = "*"  # ``pkg.*``: a module under ``pkg`` a computed import loads


def module_names(path: str, module: str) -> Set[str]:
    """The names importers may use for a file: its module name, its last segment (a script beside
    it), and, under a folder without
    ``__init__.py``, the dotted paths from any folder above (``app.modules.llm.client`` for
    ``backend/app/modules/llm/client.py`` whose module is ``llm.client``)."""
    names = {module, module.rsplit(".", 1)[-1]}  # the bare name a sibling script imports it by
    stem = path[: -len(".py")] if path.endswith(".py") else ""
    if not stem or stem.endswith("/__init__"):
        stem = stem[: -len("/__init__")] if stem.endswith("/__init__") else stem
    dotted = stem.replace("/", ".")
    if dotted and module.endswith("." + dotted):
        names.add(dotted)  # the scan root holds an __init__.py: importers name the path below it
    if dotted and dotted != module and dotted.endswith("." + module):
        parts = dotted.split(".")
        depth = len(module.split("."))
        names.update(".".join(parts[i:]) for i in range(len(parts) - depth))
    parts = module.split(".")
    if len(parts) > 2 and not path.endswith("__init__.py"):
        # imported from inside its top package (a Django ``manage.py`` folder), or from a package
        # folder deeper down the application runs from (``cd app; uvicorn main:app``)
        names.update(".".join(parts[cut:]) for cut in range(1, len(parts) - 1))
    # ``pkg.*``: a computed import under its package (``loads``) may load it
    return names | {f"{name.rpartition('.')[0]}.{ANY_SUBMODULE}" for name in names if "." in name}


_DOTTED = re.compile(r"[^\W\d]\w*(?:\.[^\W\d]\w*)*")
# A script named by its path (``"flows/summary-rewriter.py:summarizer_flow"``, a Prefect or Dagster
# entrypoint): its module may not be an identifier, so the dotted runs miss it.
# Anchored at the start of a run of path characters, so each run is scanned once (linear).
_SCRIPT_PATH = re.compile(r"(?<![\w\-./])[\w\-./]*[\w\-]\.py\b")

_QUOTED = re.compile(r"""["']([^"'\s]+)["']""")


def named_modules(code: str) -> Set[str]:
    """What may name a module in ``code`` (its imports left out: ``select`` reads those): runs of
    dotted names (``app.tasks.nightly``), and single words only inside string literals
    (``include=["tasks"]``); a bare word such as ``client`` or ``base`` is no module reference."""
    runs = {run for run in dotted_runs(code) if "." in run}
    for quoted in _QUOTED.findall(code):
        runs |= dotted_runs(quoted)
    return runs


def dotted_runs(text: str) -> Set[str]:
    """Every run of consecutive segments of every dotted name in ``text``: a module name is
    mentioned when it is one of these (``"app.tasks.nightly"`` mentions ``app.tasks``). A set
    lookup per module instead of a regex alternation of all relevant modules per round."""
    runs: Set[str] = set()
    tokens = set(_DOTTED.findall(text))
    if ".py" in text:
        tokens.update(path[:-3].strip("./").replace("/", ".") for path in _SCRIPT_PATH.findall(text))
    for token in tokens:
        parts = token.split(".")
        if len(parts) == 1:
            runs.add(token)
            continue
        for i in range(len(parts)):
            for j in range(i + 1, len(parts) + 1):
                runs.add(".".join(parts[i:j]))
    return runs


_LITERAL_IMPORT = re.compile(r"""\b(?:import_module|__import__)\(\s*["']([A-Za-z_][\w.]*)["']""")


# ``import_module(f"pkg.sub.{name}")`` / ``import_module("pkg.sub." + name)``: a module under
# ``pkg.sub`` chosen at run time, kept as ``pkg.sub.*`` (``prefilter.select`` reads any module there).
_COMPUTED_IMPORT = re.compile(r"""\bimport_module\(\s*f?["']([A-Za-z_][\w.]*\.)(?:\{|["']\s*\+)""")


def loads(text: str) -> Set[str]:
    """Modules a file loads by a literal name at run time (``importlib.import_module("a.b")``,
    ``__import__("a.b", fromlist=[""])``): imported whole, as far as the import closure goes; a
    package's module chosen by a computed name, ``pkg.*``."""
    if "import_module" not in text and "__import__" not in text:
        return set()
    return set(_LITERAL_IMPORT.findall(text)) | {f"{p}{ANY_SUBMODULE}" for p in _COMPUTED_IMPORT.findall(text)}

