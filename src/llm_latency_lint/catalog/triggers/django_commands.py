"""Django management commands: ``class Command(BaseCommand)`` in ``management/commands/<name>.py``.

A command is an entry point: its class comes from whatever runs ``manage.py <name>`` (a
crontab line, a CronJob, a person). One that prompts with ``input()`` has someone waiting
at the terminal, so it is also a real-time trigger.
"""
from __future__ import annotations

import posixpath
from typing import List, Optional

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.model import Trigger

SOURCE = "django-command"
PROMPTS = frozenset({"getpass.getpass", "click.prompt", "click.confirm"})


def command_name(path: str) -> Optional[str]:
    """``app/management/commands/send_digest.py`` -> ``send_digest``; None elsewhere."""
    folder, file = posixpath.split(path.replace("\\", "/"))
    if not folder.endswith("management/commands") or not file.endswith(".py") or file.startswith("_"):
        return None
    return file[:-3]


class DjangoCommands(Recognizer):
    id = "django-commands"
    words = ("BaseCommand", "class Command")

    def on_class(self, ctx: "Context", node: cst.ClassDef, qualname: str, bases: List[Optional[str]]) -> None:
        name = command_name(ctx.path)
        if name is None or qualname != f"{ctx.module}.Command" or not node.bases:
            return
        target = ["name", f"{qualname}.handle"]
        ctx.state(self)["command"] = (name, target)
        ctx.add_trigger(Trigger(kind="entry", source=SOURCE, target=target, line=ctx.line(node),
                                note=f"management command '{name}'", entry_key=f"command:{name}"))

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        state = ctx.state(self)
        if "path_name" not in state:
            state["path_name"] = command_name(ctx.path)
        if state["path_name"] is None or ctx.function.endswith(".<module>"):
            return
        builtin_input = isinstance(node.func, cst.Name) and node.func.value == "input" and callee is None
        if builtin_input or callee in PROMPTS:
            ctx.state(self).setdefault("prompts", []).append((ctx.line(node), ctx.code(node.func)))

    def on_module_end(self, ctx: "Context") -> None:
        state = ctx.state(self)
        if "command" not in state or not state.get("prompts"):
            return
        name, target = state["command"]
        line, what = state["prompts"][0]
        ctx.add_trigger(Trigger(kind="real-time", source=SOURCE, target=target, line=line,
                                note=f"management command '{name}' waits for {what}() at the terminal"))


RECOGNIZERS = [DjangoCommands()]
