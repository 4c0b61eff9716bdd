"""The symbol table: every file's facts joined under qualified names.

Typed tables of what the project defines (functions, classes, module-level bindings, modules,
containers and what code adds to them, task names) and the lookups that need no evaluation.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Tuple

from llm_latency_lint.model import ClassFacts, Expr, FileFacts, FunctionFacts


@dataclass
class Symbols:
    files: List[FileFacts]
    functions: Dict[str, Tuple[FunctionFacts, FileFacts]] = field(default_factory=dict)
    classes: Dict[str, ClassFacts] = field(default_factory=dict)
    class_files: Dict[str, FileFacts] = field(default_factory=dict)
    globals: Dict[str, List[Expr]] = field(default_factory=dict)
    modules: Dict[str, FileFacts] = field(default_factory=dict)
    task_names: Dict[str, str] = field(default_factory=dict)
    containers: Dict[str, List[Expr]] = field(default_factory=dict)
    module_aliases: Dict[str, str] = field(default_factory=dict)
    locals: Dict[str, List[Expr]] = field(default_factory=dict)  # "fn#name" -> every value

    @classmethod
    def build(cls, files: List[FileFacts]) -> "Symbols":
        table = cls(list(files))
        for facts in table.files:
            table.modules[facts.module] = facts
            for qual, fn in facts.functions.items():
                table.functions[qual] = (fn, facts)
                for name, values in fn.locals.items():
                    table.locals[f"{qual}#{name}"] = values
            for qual, klass in facts.classes.items():
                table.classes[qual] = klass
                table.class_files[qual] = facts
            for name, exprs in facts.globals.items():
                table.globals.setdefault(name, []).extend(exprs)
            table.task_names.update(facts.task_names)
            for key, exprs in facts.containers.items():
                table.containers.setdefault(key, []).extend(exprs)
        table.module_aliases = path_module_aliases(table.files)
        return table

    def file_of(self, qualname: str) -> str:
        """The path of the file defining a function or class ('' when unknown)."""
        if qualname in self.functions:
            return self.functions[qualname][1].path
        if qualname in self.class_files:
            return self.class_files[qualname].path
        return ""

    def resolve_dotted(self, name: str) -> List[str]:
        """Project functions a dotted string names (``"app.tasks.nightly"``, ``"pkg.mod:fn"``)."""
        name = name.replace(":", ".").strip()
        if name in self.task_names:
            return [self.task_names[name]]
        if name in self.functions:
            return [name]
        # A dotted name relative to a src/ layout or a package prefix the scan root lacks.
        hits = [q for q in self.functions if q.endswith("." + name) or name.endswith("." + q)]
        if hits:
            return hits[:1]
        short = {v for k, v in self.task_names.items() if k.endswith("." + name) or name.endswith("." + k)}
        return sorted(short)[:1]


def path_module_aliases(files: List[FileFacts]) -> Dict[str, str]:
    """``src.agents`` -> ``agents`` for ``src/agents.py`` in a folder without ``__init__.py``:
    code run from the scan root imports it by its path (a namespace package)."""
    aliases: Dict[str, str] = {}
    modules = {f.module for f in files}
    for facts in files:
        stem = facts.path[: -len(".py")] if facts.path.endswith(".py") else ""
        if not stem or stem.endswith("/__init__"):
            continue
        dotted = stem.replace("/", ".")
        if dotted != facts.module and dotted.endswith("." + facts.module) and dotted not in modules:
            aliases[dotted] = facts.module
    return aliases
