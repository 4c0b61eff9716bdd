"""A call's arguments in the facts pass: what each hands over (a callable by reference, a value a
parameter binds, a URL, a task stored by its dotted name), and what an object built with an agent's
tools or a team's members holds (``catalog.dispatch.HELD_ARGUMENTS``).

``researcher = Agent(tools=[search])`` and ``team = Team(members=[researcher])`` at module level
build objects that run ``search`` whenever they run: the module global is a container of its tools
and members (a team's members' tools flattened in by the graph), so ``await team.arun(msg)`` in a
handler runs ``search`` (``project/member_runs``), while the module that builds them only registers
them. Only module globals (and ``global`` names) built by a catalogued framework hold them: a local
or ``self`` attribute read as a container would lose the SDK client it also is, a project class's
instance its own value; a function that builds an agent keeps reaching its
tools as before (``project/edges``: whoever builds the agent runs them).
"""
from __future__ import annotations

import re
from typing import List, Optional, Sequence, Set, Tuple

import libcst as cst

from llm_latency_lint.catalog import providers
from llm_latency_lint.catalog.dispatch import (
    DI_PROVIDERS,
    HELD_ARGUMENTS,
    MEMBERS_FIRST,
)
from llm_latency_lint.catalog.queues import (
    ADD_METHODS,
    CALLABLE_WRAPPERS,
    RUNNABLE_WRAPPERS,
)
from llm_latency_lint.facts.expr_shapes import container_key
from llm_latency_lint.facts.injected import sibling
from llm_latency_lint.facts.pass_state import PassState
from llm_latency_lint.facts.passes import job_passes
from llm_latency_lint.model import REGISTERED, CallRef, Expr, FunctionFacts
from llm_latency_lint.syntax.literals import joined_containers, literal

# Arguments kept for the parameters they bind (``summarise(ChatOpenAI(), text)``): values that may
# be an SDK client, or the instance itself handed to a helper (``worker(self, state)``: the helper
# reads ``sidekick.llm``). Names of functions and modules are kept as "ref" calls already.
ARGUMENT_TAGS = frozenset({"call", "pipe", "type", "local", "item", "var", "any", "self"})
# A container argument (``run_all([A(), B()])``, ``tools=tools``) holding names or built objects, not only literals.
CONTAINER_NODES = (cst.List, cst.Tuple, cst.Set, cst.Dict, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
MEMBER_TAGS = frozenset({"name", "attr", "call", "param", "var", "item", "type"})


def _holds_objects(value: Expr) -> bool:
    return value[0] == "many" and any(member and member[0] in MEMBER_TAGS for member in value[1])
# A keyword argument naming a function by its dotted path: work a worker may load by name.
TASK_PATH = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")
# A URL string argument (``"https://host/v1/chat"``, ``f"{BASE}/chat"``): for ``project/deferred_urls.py``.
STRING_NODES = (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)
URL_TEXT = re.compile(r"[a-z][a-z0-9+.-]*://|\{[^{}]*\}/", re.I)


class ArgumentsMixin(PassState):
    """Argument handling for ``FactsVisitor``'s calls (``facts/calls``)."""

    def record_arguments(self, node: cst.Call, fn: FunctionFacts, func: cst.BaseExpression, method: str,
                         handoff: Optional[Tuple[str, cst.BaseExpression, str, bool]], queue_where: Optional[str],
                         where: Tuple[int, int], started: Optional[cst.BaseExpression] = None) -> None:
        """``started``: the argument naming what a workflow start queues (``catalog/workflow_methods``)."""
        queued_arg = node.args[0] if queue_where == "first-arg" and node.args else None
        queued_arg = next((a for a in node.args if a.value is started), queued_arg) if started is not None else queued_arg
        line, col = where
        # ``graph.add_node("ask", ask)``: ``ask`` joins a container whose runner runs it, not this code
        registers = method in ADD_METHODS and isinstance(func, cst.Attribute) \
            and container_key(self.expr(func.value)) is not None or self.ctx.qualified(func) in RUNNABLE_WRAPPERS
        provider = self.ctx.qualified(func) in DI_PROVIDERS  # ``providers.Factory(Service, client=client)``
        first = MEMBERS_FIRST.get(self.ctx.qualified(func) or "")  # ``RoundRobinGroupChat([a, b])``
        held = id(node) in self._held_calls()  # ``researcher = Agent(tools=[search])`` at module level
        for index, arg in enumerate(node.args):
            if arg is queued_arg or self.handed_callable(arg.value):
                continue  # already a queue edge, not a direct one
            position = arg.keyword.value if arg.keyword is not None else first if index == 0 and first else str(index)
            holds = held and position in HELD_ARGUMENTS  # held by the object: registered, run where it runs
            if provider and position != "0" and isinstance(arg.value, (cst.Name, cst.Attribute)):
                # a provider handed to a provider (a sibling in the container's body) builds what it is given
                given = sibling(self.expr(arg.value), (self.scopes[-1].cls or "") if self.scopes[-1].kind == "class" else "")
                fn.calls.append(CallRef(["call", given, None], line, col, kind="arg", arg=position))
                continue
            named = literal(arg.value) if arg.keyword is not None and isinstance(arg.value, cst.SimpleString) else None
            if isinstance(named, str) and TASK_PATH.fullmatch(named):  # ``Task.objects.create(def_name="app.tasks.x")``
                note = f"a stored task naming '{named}' (a worker loads it by name)"
                fn.calls.append(CallRef(["str", named], line, col, kind="queue", note=note, arg=position))
                continue
            joined = isinstance(arg.value, cst.BinaryOperation) and isinstance(arg.value.operator, cst.Add)
            if not arg.star and (isinstance(arg.value, STRING_NODES) or (
                    isinstance(arg.value, cst.BinaryOperation) and joined and not joined_containers(arg.value))):
                text = self.url_text(arg.value)
                if URL_TEXT.match(text):  # ``post_chat("https://api.openai.com/v1/chat/completions", body)``
                    fn.calls.append(CallRef(["str", text], line, col, kind="arg", arg=position))
                continue
            if isinstance(arg.value, cst.Name) and not arg.star and self._string_local(arg.value.value):
                text = self.url_text(arg.value)  # ``url = "https://..."; send(url=url)``: the string it holds
                if URL_TEXT.match(text):
                    fn.calls.append(CallRef(["str", text], line, col, kind="arg", arg=position))
                    continue
            if isinstance(arg.value, (cst.Name, cst.Attribute)) or (
                isinstance(arg.value, cst.Call) and self.ctx.qualified(arg.value.func) in CALLABLE_WRAPPERS
            ):
                ref = self.expr(arg.value)
                if ref[0] in ("name", "attr", "param", "var", "any"):
                    if handoff is not None and arg.value is handoff[1]:
                        queued = CallRef(ref, line, col, kind="queue", waited=handoff[3], note=handoff[2], arg=position,
                                         passes=job_passes(node, self.ctx.qualified(func) or "", method, arg.value))
                        fn.calls.append(queued)
                        self.register_handoff(queued, id(node))
                        continue
                    fn.calls.append(CallRef(ref, line, col, kind="ref", arg=position,
                                            note=REGISTERED if registers or holds else ""))
                    continue
            if not arg.star and (isinstance(arg.value, (cst.Name, cst.Attribute, cst.Call, cst.Subscript))
                                 or (position != "args" and (isinstance(arg.value, CONTAINER_NODES) or joined))):
                value = self.expr(arg.value)  # ``tools=[search]``, ``tools=TOOLS + extra``
                if value[0] in ARGUMENT_TAGS or _holds_objects(value):
                    fn.calls.append(CallRef(value, line, col, kind="arg", arg=position, note=REGISTERED if holds else ""))
            elif position == "args" and isinstance(arg.value, (cst.Tuple, cst.List)):
                # ``Thread(target=fn, args=(llm, x))``: the tuple is what ``fn`` is called with; a
                # function in it (``Timer(60, fire, args=[refresh])``) is bound to ``fn``'s parameter
                # only ("arg", not "ref": this code does not call it, ``fire`` does, where it runs).
                for at, element in enumerate(arg.value.elements):
                    if isinstance(element.value, (cst.Name, cst.Attribute, cst.Call)) and not isinstance(element, cst.StarredElement):
                        value = self.expr(element.value)
                        if value[0] in ARGUMENT_TAGS or value[0] == "param" or (
                                value[0] in ("name", "attr") and not isinstance(element.value, cst.Call)):
                            fn.calls.append(CallRef(value, line, col, kind="arg", arg=f"args[{at}]"))


    def _string_local(self, name: str) -> bool:
        """``name`` is a local of the enclosing function bound only to strings (literals, f-strings,
        ``+`` of them): an argument naming it hands over the string, which a URL parameter reads."""
        scope = self._function_scope()
        values = scope.locals.get(name, []) if scope.kind == "function" else []
        return bool(values) and all(isinstance(v, STRING_NODES) or isinstance(v, cst.BinaryOperation) and isinstance(
            v.operator, cst.Add) and not joined_containers(v) for v in values)

    def _held_calls(self) -> Set[int]:
        """Ids of the calls whose held arguments (``HELD_ARGUMENTS``) a module global keeps."""
        return self.__dict__.setdefault("_held", set())

    def hold_members(self, targets: Sequence[cst.BaseExpression], value: cst.BaseExpression) -> None:
        """``researcher = Agent(tools=[search])``, ``team = Team(members=[researcher, Agent(tools=[f])])``
        at module level (or of a ``global`` name): the global holds the tools and members, nested
        agents' tools included."""
        scope = self.scopes[-1]
        if len(targets) != 1 or not isinstance(targets[0], cst.Name) or not (
                scope.kind == "module" or scope.kind == "function" and targets[0].value in scope.declared_global):
            return
        calls = _holding(value.expression if isinstance(value, cst.Await) else value, self.ctx.qualified)
        if not calls:
            return
        members = self.facts.containers.setdefault(f"{self.facts.module}.{targets[0].value}", [])
        for call, held in calls:
            self._held_calls().add(id(call))
            for arg in held:
                expr = self._member(arg)
                members.extend(expr[1] if expr[0] == "many" else [expr])


def _holding(node: cst.BaseExpression, qualified, depth: int = 0) -> List[Tuple[cst.Call, List[cst.BaseExpression]]]:
    """``node`` if it is a call with held arguments, and the calls with held arguments inside those
    (``Team(members=[Agent(tools=[f])])``), with the argument values each holds."""
    if not isinstance(node, cst.Call) or depth > 3 or not _framework_object(qualified(node.func) or ""):
        return []
    first = MEMBERS_FIRST.get(qualified(node.func) or "")
    held = [a.value for index, a in enumerate(node.args) if not a.star and (
        a.keyword.value in HELD_ARGUMENTS if a.keyword is not None else index == 0 and first)]
    if not held:
        return []
    found = [(node, held)]
    for value in held:
        for element in value.elements if isinstance(value, (cst.List, cst.Tuple)) else ():
            found.extend(_holding(element.value, qualified, depth + 1))
    return found


def _framework_object(name: str) -> bool:
    """A catalogued client or factory builds it (``agno.agent.Agent``, ``crewai.Crew``): the global
    stays that client besides a container (``project/modules``). A project class holding tools keeps
    its own value: a container's would replace it."""
    if providers.is_client(name):
        return True
    match = providers.match_function(name)
    return match is not None and match.op.kind == providers.FACTORY
