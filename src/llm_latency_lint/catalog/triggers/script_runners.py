"""A Python script that runs another Python entry point: ``runpy``, ``subprocess``, ``os.system``.

``python main.py`` in a workflow may only be a launcher: ``runpy.run_path("src/main.py",
run_name="__main__")``, ``subprocess.run([sys.executable, "scripts/digest.py"])`` or
``os.system("python -m app.digest")``. The launcher file is then an entry point (its
``script:<path>`` key) that runs the other one, so whatever runs the launcher runs the target
too (``entry`` triggers chain, see ``project/classify``). Paths are read from literals and the
literal parts of ``os.path.join(...)`` / ``Path(...) / "x.py"``; the command line is read by
``catalog.command_lines`` like a crontab line.
"""
from __future__ import annotations

from typing import List, Optional

import libcst as cst

from llm_latency_lint.catalog.command_lines import entry_keys
from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import arg

RUN_PATH = frozenset({"runpy.run_path"})
RUN_MODULE = frozenset({"runpy.run_module"})
PROCESS_CALLS = frozenset({
    "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output", "subprocess.Popen",
    "os.system", "asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell",
})
PYTHON_NAMES = frozenset({"sys.executable"})


def _path_text(ctx: "Context", node: Optional[cst.BaseExpression]) -> Optional[str]:
    """``"src/main.py"``, ``os.path.join(root, "src", "main.py")``, ``Path(root) / "src" / "main.py"``."""
    if node is None:
        return None
    value = ctx.literal(node)
    if isinstance(value, str):
        return value
    if isinstance(node, cst.Call) and ctx.qualified(node.func) in ("os.path.join", "posixpath.join"):
        parts = [ctx.literal(a.value) for a in node.args]
        literal = [p for p in parts if isinstance(p, str)]
        return "/".join(literal) if literal and isinstance(parts[-1], str) else None
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide):
        left, right = _path_text(ctx, node.left), ctx.literal(node.right)
        if isinstance(right, str):
            return f"{left}/{right}" if left else right
    return None


def _command(ctx: "Context", node: Optional[cst.BaseExpression]) -> Optional[str]:
    """A command line from a string or a list of arguments (``sys.executable`` reads as python)."""
    if node is None:
        return None
    value = ctx.literal(node)
    if isinstance(value, str):
        return value
    if isinstance(node, (cst.List, cst.Tuple)):
        words: List[str] = []
        for element in node.elements:
            if ctx.qualified(element.value) in PYTHON_NAMES:
                words.append("python")
                continue
            text = _path_text(ctx, element.value)
            if text is None:
                return None if not words else " ".join(words)
            words.append(text)
        return " ".join(words)
    return None


class ScriptRunners(Recognizer):
    id = "script-runners"
    words = ("runpy", "subprocess", "os.system", "create_subprocess")

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        if callee in RUN_PATH:
            path = _path_text(ctx, arg(node, "path_name", 0))
            keys = [f"script:{path.lstrip('./')}"] if path and path.endswith(".py") else []
            what = "runpy.run_path"
        elif callee in RUN_MODULE:
            module = ctx.literal(arg(node, "mod_name", 0))
            keys = [f"module:{module}"] if isinstance(module, str) else []
            what = "runpy.run_module"
        elif callee in PROCESS_CALLS:
            command = _command(ctx, arg(node, "args", 0) if not callee.startswith("os.") else arg(node, "command", 0))
            keys = [k for k in entry_keys(command)] if command else []
            what = callee
        else:
            return
        for key in keys:
            if key == f"script:{ctx.path}":
                continue
            ctx.add_trigger(Trigger(kind="entry", source="script-runner", target=["entry", key], line=ctx.line(node),
                                    note=f"{ctx.path} runs {key.split(':', 1)[1]} with {what}",
                                    entry_key=f"script:{ctx.path}"))


RECOGNIZERS = [ScriptRunners()]
