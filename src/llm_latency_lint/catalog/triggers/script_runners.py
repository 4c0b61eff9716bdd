"""A Python script that runs another Python entry point: ``runpy``, ``subprocess``, ``os.system``,
Django's ``call_command``.

``python main.py`` in a workflow may only be a launcher: ``runpy.run_path("src/main.py",
run_name="__main__")``, ``subprocess.run([sys.executable, "scripts/digest.py"])`` or
``os.system("python -m app.digest")``. The launcher file is then an entry point (its
``script:<path>`` key) that runs the other one, so whatever runs the launcher runs the target
too (``entry`` triggers chain, see ``project/classify``). Paths are read from literals and the
literal parts of ``os.path.join(...)`` / ``Path(...) / "x.py"``; the command line is read by
``catalog.command_lines`` like a crontab line. An f-string part whose one placeholder is the
variable of an enclosing ``for`` loop over a literal list (``for module, _ in STEPS:
subprocess.run([sys.executable, "-m", f"pkg.{module}"])``: a pipeline of steps) stands for each
value the loop gives it; so does a loop variable handed whole (``for cmd in COMMANDS:
subprocess.run(cmd)`` over a list of argument lists). A launcher inside a function or in module code is also the entry ``launch:<function>``:
whatever calls that function (a ``schedule`` job, a route) or runs that module code (a Streamlit
script's rerun, a button's subprocess: ``subprocess-from-ui``) runs the target too.
The command list may come from a method of the class (``args = self._build_args(cfg)`` returning
``[sys.executable, str(self._script_path), ...]``), a ``self`` attribute ``__init__`` set
(``Path(__file__).parent / script_name``) and a parameter's default (``script_name="chat.py"``).
A ``subprocess.Popen`` the function does not wait for (no ``wait``/``communicate``, no read of its
output, not a ``with`` item or a returned handle) starts the target and returns: a detached launch
(``DETACHED``, ``queues.HANDOFF_LAUNCHES``), near-real-time from a real-time caller (label policy 4).
``call_command("send_digest")`` runs the management command in the same process (a Celery task
beat schedules, a route), so it is the entry ``command:send_digest`` as ``manage.py send_digest`` is.
A helper whose command is its own parameter (``def run_command(cmd, what): subprocess.run(cmd, ...)``)
launches what each caller in the file passes (``run_command([sys.executable, "daily.py"], "...")``):
the caller's function and file run that entry point, as if it called ``subprocess.run`` itself.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import libcst as cst

from llm_latency_lint.catalog.command_lines import LAUNCH, entry_keys
from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import arg, literal
from llm_latency_lint.syntax.walk import children, nodes_of

RUN_PATH = frozenset({"runpy.run_path"})
RUN_MODULE = frozenset({"runpy.run_module"})
PROCESS_CALLS = frozenset({
    "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output", "subprocess.Popen",
    "os.system", "asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell",
})
PYTHON_NAMES = frozenset({"sys.executable"})
PATH_TEXTS = frozenset({"builtins.str", "os.fspath"})  # a path's text, the path itself (and the builtin ``str``)
# Django runs a management command by name, in-process: its first argument is the command's name.
COMMAND_CALLS = frozenset({"django.core.management.call_command"})
SOURCE, DETACHED = "script-runner", "script-runner-detached"
DETACHING = frozenset({"subprocess.Popen"})  # returns at once; the others wait (or are awaited)
_WAITS = frozenset({"wait", "communicate"})
_OUTPUTS = frozenset({"stdout", "stderr"})
Env = Dict[str, str]  # a parameter's default or a ``self.<attr>`` -> its path text


def _path_text(ctx: "Context", node: Optional[cst.BaseExpression], env: Optional[Env] = None,
               depth: int = 0) -> Optional[str]:
    """``"src/main.py"``, ``os.path.join(root, "src", "main.py")``, ``Path(root) / "src" / "main.py"``;
    ``env`` gives what a parameter's default or a ``self`` attribute holds, a module-level name
    what it was bound to (``MAIN_PY = SCRIPT_DIR / "main.py"``; ``depth`` bounds the chain)."""
    if node is None:
        return None
    value = ctx.literal(node)
    if isinstance(value, str):
        return value
    held = _held_name(node)
    if held and env and held in env:
        return env[held]
    if isinstance(node, cst.Name) and depth < 4:  # ``MAIN_PY = SCRIPT_DIR / "main.py"`` at module level
        bound = ctx.module_value(node.value)
        return _path_text(ctx, bound, env, depth + 1) if bound is not None else None
    if isinstance(node, cst.Call) and len(node.args) == 1 and (
            ctx.qualified(node.func) in PATH_TEXTS or isinstance(node.func, cst.Name) and node.func.value == "str"
            and ctx.qualified(node.func) is None):  # the builtin, not an imported ``str``
        return _path_text(ctx, node.args[0].value, env, depth)  # ``str(root / "verify_run.py")``
    if isinstance(node, cst.Call) and ctx.qualified(node.func) in ("os.path.join", "posixpath.join"):
        parts = [ctx.literal(a.value) for a in node.args]
        literal = [p for p in parts if isinstance(p, str)]
        return "/".join(literal) if literal and isinstance(parts[-1], str) else None
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide):
        left, right = _path_text(ctx, node.left, env, depth), _path_text(ctx, node.right, env, depth)
        if isinstance(right, str):
            return f"{left}/{right}" if left else right
    return None


def _held_name(node: cst.BaseExpression) -> str:
    """``name`` -> ``"name"``, ``self.attr`` -> ``"self.attr"`` (the keys of an ``Env``)."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self":
        return f"self.{node.attr.value}"
    return ""


def _waits(function: Optional[cst.FunctionDef], call: cst.Call) -> bool:
    """Does ``function`` wait for the process ``call`` starts (or hand its handle back to its caller)?"""
    if function is None:
        return True
    if any(item.item is call for w in nodes_of(function.body, cst.With) for item in w.items):
        return True  # ``with Popen(...) as p``: leaving the block waits
    if any(r.value is call for r in nodes_of(function.body, cst.Return)):
        return True
    for node in nodes_of(function.body, cst.Call):
        func = node.func
        if isinstance(func, cst.Attribute) and (func.attr.value in _WAITS or isinstance(func.value, cst.Attribute)
                                                and func.value.attr.value in _OUTPUTS):
            return True  # ``p.wait()``, ``p.communicate()``, ``p.stdout.readline()``
    return any(isinstance(loop.iter, cst.Attribute) and loop.iter.attr.value in _OUTPUTS
               for loop in nodes_of(function.body, cst.For))  # ``for line in p.stdout``


def _commands(ctx: "Context", node: Optional[cst.BaseExpression], call: cst.Call, env: Optional[Env] = None) -> List[str]:
    """Command lines from a string or a list of arguments (``sys.executable`` reads as python);
    one per value of a loop variable an f-string part names."""
    if node is None:
        return []
    value = ctx.literal(node)
    if isinstance(value, str):
        return [value]
    if isinstance(node, cst.FormattedString):
        return _expansions(ctx, node, call, env)
    if isinstance(node, cst.Name):  # ``for cmd in COMMANDS: subprocess.run(cmd)``: each command of the list
        return [c for item in _loop_items(ctx, node.value, call) for c in _commands(ctx, item, call, env)]
    if not isinstance(node, (cst.List, cst.Tuple)):
        return []
    commands: List[str] = [""]
    for element in node.elements:
        if ctx.qualified(element.value) in PYTHON_NAMES:
            texts: List[str] = ["python"]
        elif isinstance(element.value, cst.FormattedString):
            texts = _expansions(ctx, element.value, call, env)
        else:
            text = _path_text(ctx, element.value, env)
            texts = [text] if text is not None else []
        if not texts:
            break
        commands = [f"{c} {t}".strip() for c in commands for t in texts]
    return [c for c in commands if c]


def _expansions(ctx: "Context", node: cst.FormattedString, call: cst.Call, env: Optional[Env] = None) -> List[str]:
    """``f"pkg.{module}"`` inside ``for module, _ in STEPS:`` (``STEPS`` a literal list here);
    ``f"scripts/{script}"`` where ``env`` holds what a caller passed for the parameter ``script``."""
    holes = [p for p in node.parts if isinstance(p, cst.FormattedStringExpression)]
    if len(holes) != 1 or not isinstance(holes[0].expression, cst.Name):
        return []
    name = holes[0].expression.value
    values = [env[name]] if env and name in env else _loop_values(ctx, name, call)
    out: List[str] = []
    for value in values:
        text = "".join(p.value if isinstance(p, cst.FormattedStringText) else value for p in node.parts)
        out.append(text)
    return out


def _loop_of(ctx: "Context", name: str, call: cst.Call) -> Optional[Tuple[int, cst.BaseExpression]]:
    """The nearest enclosing ``for`` loop binding ``name``: where in its target (``_bound_at``) and
    what it iterates (a module constant's value for its name)."""
    for loop in _enclosing_loops(ctx.tree(), call):
        index = _bound_at(loop.target, name)
        if index is None:
            continue
        items = loop.iter
        if isinstance(items, cst.Name):
            items = ctx.module_value(items.value) or items
        return index, items
    return None


def _loop_values(ctx: "Context", name: str, call: cst.Call) -> List[str]:
    index, items = _loop_of(ctx, name, call) or (-1, None)
    if not isinstance(items, (cst.List, cst.Tuple, cst.Set)):
        return []
    values: List[str] = []
    for element in items.elements:
        item = element.value
        if index >= 0:
            if not isinstance(item, (cst.Tuple, cst.List)) or len(item.elements) <= index:
                return []
            item = item.elements[index].value
        value = ctx.literal(item)
        if not isinstance(value, str):
            return []
        values.append(value)
    return values


def _loop_items(ctx: "Context", name: str, call: cst.Call) -> List[cst.BaseExpression]:
    """The elements of the literal list (inline, or a module constant) an enclosing ``for`` loop
    binds ``name`` to itself: ``COMMANDS = [[sys.executable, "manage.py", "digest"], ...]``."""
    found = _loop_of(ctx, name, call)
    items = found[1] if found is not None and found[0] == -1 else None
    if not isinstance(items, (cst.List, cst.Tuple)):
        return []
    return [element.value for element in items.elements if not isinstance(element, cst.StarredElement)]


def _bound_at(target: cst.BaseExpression, name: str) -> Optional[int]:
    """-1 when the loop binds ``name`` itself, the index when it unpacks it from a tuple."""
    if isinstance(target, cst.Name):
        return -1 if target.value == name else None
    if isinstance(target, (cst.Tuple, cst.List)):
        for i, element in enumerate(target.elements):
            if isinstance(element.value, cst.Name) and element.value.value == name:
                return i
    return None


def _enclosing_loops(tree: cst.Module, node: cst.CSTNode) -> List[cst.For]:
    """The ``for`` loops that hold ``node``, innermost first (searched over ``children``: libcst's
    own visit rebuilds every node of the module it passes)."""
    stack: List[Tuple[cst.CSTNode, Tuple[cst.For, ...]]] = [(tree, ())]
    while stack:
        current, loops = stack.pop()
        if current is node:
            return list(reversed(loops))
        if isinstance(current, cst.For):
            loops = (*loops, current)
        stack.extend((child, loops) for child in children(current))
    return []


def _parameters_read(command: Optional[cst.BaseExpression], params: Dict[str, int]) -> List[str]:
    """The function's parameters an argument list reads whole or as an f-string's hole
    (``["python3", f"scripts/{script}"]`` in ``def run(script, timeout)``), and a shell command
    string's holes (``os.system(f"python3 scripts/{script}")``)."""
    if isinstance(command, cst.FormattedString):
        values: List[cst.BaseExpression] = [command]
    elif isinstance(command, (cst.List, cst.Tuple)):
        values = [element.value for element in command.elements]
    else:
        return []
    read: List[str] = []
    for value in values:
        holes = [p.expression for p in value.parts if isinstance(p, cst.FormattedStringExpression)] \
            if isinstance(value, cst.FormattedString) else [value]
        read.extend(h.value for h in holes if isinstance(h, cst.Name) and params.get(h.value, -1) >= 0)
    return read


def _params(node: cst.FunctionDef) -> Dict[str, int]:
    """Positions of a function's parameters as its callers count them (``self``/``cls`` dropped)."""
    names = [p.name.value for p in (*node.params.posonly_params, *node.params.params, *node.params.kwonly_params)]
    offset = 1 if names[:1] in (["self"], ["cls"]) else 0
    return {name: index - offset for index, name in enumerate(names)}


class ScriptRunners(Recognizer):
    id = "script-runners"
    words = ("runpy", "subprocess", "os.system", "create_subprocess", "call_command")

    def on_function(self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: object) -> None:
        state = ctx.state(self)
        state.setdefault("params", {})[qualname] = _params(node)
        state.setdefault("nodes", {})[qualname] = node
        params = [*node.params.posonly_params, *node.params.params, *node.params.kwonly_params]
        state.setdefault("defaults", {})[qualname] = {
            p.name.value: value for p in params if isinstance(value := literal(p.default), str)}
        returned = [r.value for r in nodes_of(node.body, cst.Return) if isinstance(r.value, (cst.List, cst.Tuple))]
        if len(returned) == 1:  # ``def _build_args(self, cfg): return [sys.executable, ...]``
            state.setdefault("returns", {})[qualname] = returned[0]

    def _env(self, ctx: "Context", function: str) -> Env:
        """What ``function``'s parameters default to and what its class's ``self`` attributes hold."""
        state = ctx.state(self)
        owner = function.rsplit(".", 1)[0]
        env: Env = {f"self.{attr}": text for (cls, attr), text in state.get("attrs", {}).items() if cls == owner}
        env.update(state.get("defaults", {}).get(function, {}))
        return env

    def _helper(self, ctx: "Context", given: Optional[cst.BaseExpression], what: str) -> bool:
        """``subprocess.run(cmd)`` where ``cmd`` is the function's parameter: a launch helper."""
        if not isinstance(given, cst.Name):
            return False
        index = ctx.state(self).get("params", {}).get(ctx.function, {}).get(given.value)
        if index is None or index < 0:
            return False
        ctx.state(self).setdefault("helpers", {})[ctx.function] = (index, given.value, what)
        return True

    def _defer(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        """A call of a function of this file, read at the module's end against its launch helpers."""
        if callee and callee.startswith(f"{ctx.module}."):
            pending: List[Tuple[str, str, cst.Call]] = ctx.state(self).setdefault("pending", [])
            pending.append((ctx.function, callee, node))

    def on_module_end(self, ctx: "Context") -> None:
        helpers: Dict[str, Tuple[int, str, str]] = ctx.state(self).get("helpers", {})
        lists = ctx.state(self).get("lists", {})
        for function, callee, node in ctx.state(self).get("pending", []):
            if callee not in helpers:
                continue
            index, name, what = helpers[callee]
            given = arg(node, name, index)
            if isinstance(given, cst.Name):
                given = lists.get((function, given.value), given)
            keys = [k for command in _commands(ctx, given, node) for k in entry_keys(command)]
            self._emit(ctx, node, keys, function, f"{callee.rsplit('.', 1)[-1]} ({what})")
        templates: Dict[str, List[Tuple[cst.BaseExpression, cst.Call, List[str], str, str]]] = \
            ctx.state(self).get("templates", {})
        for function, callee, node in ctx.state(self).get("pending", []):
            for command, launch, names, what, source in templates.get(callee, ()):  # each launch it makes
                positions = ctx.state(self).get("params", {}).get(callee, {})
                env = self._env(ctx, callee)
                for name in names:
                    value = ctx.literal(arg(node, name, positions[name]))
                    if isinstance(value, str):
                        env[name] = value
                keys = [k for text in _commands(ctx, command, launch, env) for k in entry_keys(text)]
                self._emit(ctx, node, keys, function, f"{callee.rsplit('.', 1)[-1]} ({what})", source)
        returns = ctx.state(self).get("returns", {})
        for function, built, node, what, source, given in ctx.state(self).get("built_pending", []):
            made, env = (returns[built], self._env(ctx, built)) if built in returns else (given, self._env(ctx, function))
            keys = [k for command in _commands(ctx, made, node, env) for k in entry_keys(command)]
            self._emit(ctx, node, keys, function, what, source)

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        """``cmd = [sys.executable, "digest.py", "--all"]`` then ``subprocess.run(cmd)``: the list a
        function's local (or the module's name) holds, read where the process starts."""
        state = ctx.state(self)
        if isinstance(value, (cst.List, cst.Tuple)):
            held = state.setdefault("lists", {})
            held.update({(ctx.function, name): value for name in targets})
        if isinstance(value, cst.Call) and (callee := _held_name(value.func)):  # ``args = self._build_args(cfg)``
            own = f"{ctx.function.rsplit('.', 1)[0]}.{callee[5:]}" if callee.startswith("self.") else f"{ctx.module}.{callee}"
            state.setdefault("built", {}).update({(ctx.function, name): own for name in targets})
        for target in node.targets if isinstance(node, cst.Assign) else ():  # ``self._script = Path(...) / name``
            attr = _held_name(target.target)
            text = _path_text(ctx, value, self._env(ctx, ctx.function)) if attr.startswith("self.") else None
            if text:
                state.setdefault("attrs", {})[(ctx.function.rsplit(".", 1)[0], attr[5:])] = text

    def _held(self, ctx: "Context", given: Optional[cst.BaseExpression]) -> Optional[cst.BaseExpression]:
        if isinstance(given, cst.Name):
            return ctx.state(self).get("lists", {}).get((ctx.function, given.value), given)
        return given

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        if callee in RUN_PATH:
            path = _path_text(ctx, arg(node, "path_name", 0))
            keys = [f"script:{path.lstrip('./')}"] if path and path.endswith(".py") else []
            what = "runpy.run_path"
        elif callee in RUN_MODULE:
            module = ctx.literal(arg(node, "mod_name", 0))
            keys = [f"module:{module}"] if isinstance(module, str) else []
            what = "runpy.run_module"
        elif callee in COMMAND_CALLS:
            name = ctx.literal(arg(node, "command_name", 0))
            keys = [f"command:{name}"] if isinstance(name, str) and name else []
            what = "call_command"
        elif callee in PROCESS_CALLS:
            given = self._held(ctx, arg(node, "args", 0) if not callee.startswith("os.") else arg(node, "command", 0))
            if self._helper(ctx, given, callee):
                return
            state = ctx.state(self)
            source = DETACHED if callee in DETACHING and not _waits(state.get("nodes", {}).get(ctx.function), node) \
                else SOURCE
            built = state.get("built", {}).get((ctx.function, given.value)) if isinstance(given, cst.Name) else None
            if built:  # read at the module's end, where the method that builds the list is known
                state.setdefault("built_pending", []).append((ctx.function, built, node, callee, source, given))
                return
            keys = [k for command in _commands(ctx, given, node, self._env(ctx, ctx.function)) for k in entry_keys(command)]
            read = _parameters_read(given, state.get("params", {}).get(ctx.function, {}))
            if read and not keys:  # ``def run(script): subprocess.run(["python3", f"scripts/{script}"])``
                state.setdefault("templates", {}).setdefault(ctx.function, []).append((given, node, read, callee, source))
                return
            self._emit(ctx, node, keys, ctx.function, callee, source)
            return
        else:
            self._defer(ctx, node, callee)
            return
        self._emit(ctx, node, keys, ctx.function, what)

    def _emit(self, ctx: "Context", node: cst.Call, keys: List[str], function: str, what: str,
              source: str = SOURCE) -> None:
        # Whatever runs the function runs the target: a scheduled job's subprocess, and a UI
        # script's module code (a Streamlit button running ``sync.py`` while the person waits).
        in_function = not function.endswith(".__main__")
        for key in keys:
            if key == f"script:{ctx.path}":
                continue
            ctx.add_trigger(Trigger(kind="entry", source=source, target=["entry", key], line=ctx.line(node),
                                    note=f"{ctx.path} runs {key.split(':', 1)[1]} with {what}",
                                    entry_key=f"script:{ctx.path}"))
            if in_function:  # whatever calls the function runs the target (a scheduled job's subprocess)
                ctx.add_trigger(Trigger(kind="entry", source=source, target=["entry", key],
                                        line=ctx.line(node), entry_key=f"{LAUNCH}{function}",
                                        note=f"{function.rsplit('.', 1)[-1]} runs {key.split(':', 1)[1]} with {what}"))


RECOGNIZERS = [ScriptRunners()]
