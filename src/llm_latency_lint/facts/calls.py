"""Calls of the facts pass: call edges, queue edges and waits, container members, SDK call sites, sinks."""
from __future__ import annotations

import re
from contextlib import contextmanager
from functools import lru_cache
from typing import FrozenSet, Iterator, List, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog import providers, sinks
from llm_latency_lint.catalog.providers.chroma import INPUT_KEYWORDS
from llm_latency_lint.catalog.providers.frameworks import LI_MODEL_KEYWORDS
from llm_latency_lint.catalog.providers.spec import (
    MODEL_KEYWORDS,
)
from llm_latency_lint.catalog.queues import (
    ADD_METHODS,
    ALSO_CALLS,
    CANVAS_IN_PROCESS,
    HANDOFF_LAUNCHES,
    QUEUE_CALLS,
    WAIT_METHODS,
    WAIT_ON_JOB,
)
from llm_latency_lint.catalog.triggers.api import Decorator
from llm_latency_lint.catalog.work_queues import PUT_METHODS
from llm_latency_lint.catalog.workflow_methods import workflow_start
from llm_latency_lint.expr import last_segment
from llm_latency_lint.facts.arguments import ArgumentsMixin
from llm_latency_lint.facts.batch_files import FILE_READS, BatchFilesMixin
from llm_latency_lint.facts.branches import call_values
from llm_latency_lint.facts.canvas import canvas_tasks, is_canvas, is_signature
from llm_latency_lint.facts.conversations import passes_conversation
from llm_latency_lint.facts.expr_shapes import container_key
from llm_latency_lint.facts.handed import HandedMixin
from llm_latency_lint.facts.pass_state import NO_CALLEE
from llm_latency_lint.facts.passes import job_passes
from llm_latency_lint.facts.signatures import call_shape
from llm_latency_lint.facts.through import through_argument
from llm_latency_lint.facts.unpacked import unpacked_model_keyword
from llm_latency_lint.facts.yields import ReturnsMixin
from llm_latency_lint.model import (
    REGISTERED,
    CallRef,
    CallSite,
    Expr,
    FunctionFacts,
    Sink,
)
from llm_latency_lint.syntax.literals import arg as argument_of
from llm_latency_lint.syntax.literals import last_name, literal


class CallsMixin(ArgumentsMixin, BatchFilesMixin, HandedMixin, ReturnsMixin):
    """Call handling for ``FactsVisitor`` (which holds the scopes, facts and positions it uses)."""

    # ---- calls -----------------------------------------------------------------------
    @staticmethod
    def param_names(fn: FunctionFacts) -> List[str]:
        """The parameters a call may pass on (``branches.call_values``)."""
        return [p.rstrip("=").removeprefix("kw:") for p in (fn.params or [""])[1:] if p not in ("/", "*", "**")]

    def visit_Await(self, node: cst.Await) -> None:
        if isinstance(node.expression, cst.Call):
            self.awaited_calls.add(id(node.expression))

    @contextmanager
    def callee_encoded(self, func: cst.BaseExpression, encoded: Expr) -> Iterator[None]:
        """While a call is visited, its callee reads as ``encoded`` (its expression, made once): the
        call's handlers and every recogniser's ``ctx.qualified(node.func)`` asked it again, seven
        times a call (a twentieth of the facts pass). Nothing a call's visit records rebinds a name."""
        self._callee = (func, encoded)
        try:
            yield
        finally:
            self._callee = NO_CALLEE

    def visit_Call(self, node: cst.Call) -> None:
        callee_expr = self.expr(node.func)
        with self.callee_encoded(node.func, callee_expr):
            self._visit_call(node, callee_expr)

    def _visit_call(self, node: cst.Call, callee_expr: Expr) -> None:
        func = node.func
        method = func.attr.value if isinstance(func, cst.Attribute) else (func.value if isinstance(func, cst.Name) else "")
        fn = self.current_function()
        made = len(fn.calls)
        line, col, end_line, end_col = self.span(node)
        callee = callee_expr[1] if callee_expr[0] == "name" else None

        if method in WAIT_METHODS and isinstance(func, cst.Attribute) and isinstance(func.value, cst.Call):
            self.waited_calls.add(id(func.value))

        handoff = self.note_handoff(node, method)  # ``executor.submit(f)``: ``f`` is started, not called
        handed = self.handoff_call_ref(node, callee_expr, line, col)  # ``create_task(f())``: ``f()``
        queue_where = QUEUE_CALLS.get(method)
        started = workflow_start(method, self.ctx.imports) if queue_where is None and isinstance(func, cst.Attribute) else None
        queued = argument_of(node, started.keyword, 0) if started is not None else None  # ``execute_workflow(Wf.run)``
        canvas = self._canvas_refs(node, method, line, col)
        if handed is not None:
            fn.calls.append(handed)
        elif canvas:
            fn.calls.extend(canvas)
        elif started is not None and queued is not None:  # a workflow or activity, by reference or name
            ref = CallRef(self.expr(queued), line, col, kind="queue", note=f".{method}()",
                          waited=started.waits or id(node) in self.waited_calls, passes=job_passes(node, "", method, queued))
            fn.calls.append(ref)
            self.queue_refs[id(node)] = ref
        elif queue_where and isinstance(func, cst.Attribute):
            target = func.value if queue_where == "receiver" else (node.args[0].value if node.args else None)
            if target is not None:
                ref = CallRef(self.expr(target), line, col, kind="queue", waited=id(node) in self.waited_calls,
                              note=f".{method}()", passes=job_passes(node, "", method, None if queue_where == "receiver" else target))
                fn.calls.append(ref)
                self.queue_refs[id(node)] = ref
            if method in ALSO_CALLS:
                fn.calls.append(CallRef(callee_expr, line, col, shape=call_shape(node), values=call_values(node, self.param_names(fn), self.constant_name)))
        else:  # ``waited``: a call that queues itself (a Huey task, ``project/called_tasks``) whose result is read
            ref = CallRef(callee_expr, line, col, shape=call_shape(node), values=call_values(node, self.param_names(fn), self.constant_name),
                          waited=id(node) in self.waited_calls)
            fn.calls.append(ref)
            self.called_refs[id(node)] = ref  # ``job = summarize(x)`` then ``job.get()``: ``_note_wait``
        self._note_wait(node, func, method, fn)
        if method in ADD_METHODS and isinstance(func, cst.Attribute):
            self._add_members(self.expr(func.value), [a.value for a in node.args])
        slot = self.session_slot(callee_expr, node, 1) if len(node.args) >= 2 else None
        if slot is not None:  # ``cl.user_session.set("chain", chain)``: the slot holds the value
            self.facts.containers.setdefault(slot, []).append(self.expr(node.args[1].value))
        self.record_arguments(node, fn, func, method, handoff, queue_where, (line, col), queued)
        for ref in fn.calls[made:]:  # a hand-off passing the conversation on (policy 5)
            put = ref.kind == "call" and method in PUT_METHODS  # an item for a worker (``project/work_queues``)
            if (ref.kind == "queue" or put) and passes_conversation(node, self.scopes, self.string_values):
                ref.answers = True

        resolved_method = last_segment(callee_expr)
        if callee_expr[0] == "var":  # a local bound more than once: any of its values' methods
            owner, _, local = str(callee_expr[1]).rpartition("#")
            values = self.facts.functions[owner].locals.get(local, []) if owner in self.facts.functions else []
            resolved_method = next((m for m in map(last_segment, values) if m in self.method_names), "")
        if callee in self.facts.globals:  # a module-level alias: ``create = partial(client...create)``
            resolved_method = last_segment(self.facts.globals[callee][-1])
        through = through_argument(node, method, callee)
        if self.record_http_site(node, method, (line, col, end_line, end_col)):
            pass
        elif through is not None:  # ``FAISS.from_documents(docs, embedding=emb)``: ``emb`` embeds
            self._record_site(node, ["attr", self.expr(through[0]), through[1]], through[1], (line, col, end_line, end_col))
        elif self._bound_model_object(callee_expr):
            # ``self.respond = dspy.ChainOfThought(...)`` then ``self.respond(...)``: the object is called,
            # whatever SDK method its attribute's name spells (LM Studio's ``respond``)
            self._record_site(node, ["attr", callee_expr, "__call__"], "__call__", (line, col, end_line, end_col))
        elif (
            method in self.method_names
            or resolved_method in self.method_names
            or (callee is not None and callee in self.wrappers)
            or self.ctx.qualified(func) in decorator_functions()
        ):
            self._record_site(node, callee_expr, method, (line, col, end_line, end_col))
        elif self._calls_a_model_object(callee_expr):
            # ``chain({...})`` / ``self.model(prompt)``: the object itself is called (``__call__``)
            self._record_site(node, ["attr", callee_expr, "__call__"], "__call__", (line, col, end_line, end_col))
        elif self._may_be_bound_later(callee_expr):
            # bound further down the file (``st.session_state.chain = build()`` in ``main`` after
            # the handler that calls it): settled at the module's end (``settle_deferred_sites``)
            where = (self.current_function().qualname, self.loop_depth[-1] > 0, self.try_depth[-1] > 0)
            self.deferred_sites.append((node, callee_expr, (line, col, end_line, end_col), where))

        self.record_handed_callables(node, method, callee_expr)

        strings = tuple(v for v in (literal(a.value) for a in node.args) if isinstance(v, str))
        kind = sinks.sink_kind(callee, method, strings)
        if kind:
            self.facts.sinks.append(Sink(fn.qualname, kind, line, f"{self.ctx.code(func)}() sends to {kind}"))

        launched = len(self.facts.triggers)
        for recognizer in self.recognizers:
            recognizer.on_call(self.ctx, node, callee)
        for trigger in self.facts.triggers[launched:]:  # a queue send passing the conversation on (policy 5)
            if trigger.source in HANDOFF_LAUNCHES and passes_conversation(node, self.scopes, self.string_values):
                trigger.answers = True

    def _canvas_refs(self, node: cst.Call, method: str, line: int, col: int) -> List[CallRef]:
        """A Celery canvas or signature applied (``chain(a.s(), b.s()).delay()``, ``a.s(x).delay()``,
        a canvas called): a queue edge to each task; applied in this process (``.apply()``): a call."""
        func = node.func
        local = self.scopes[-1].locals if self.scopes and self.scopes[-1].kind == "function" else {}
        queued = QUEUE_CALLS.get(method) == "receiver"
        single = applied = False
        if (queued or method in CANVAS_IN_PROCESS) and isinstance(func, cst.Attribute):
            single = is_signature(func.value, local)
            applied = single or is_canvas(func.value, self.ctx.qualified, local)
        if applied and queued and isinstance(func, cst.Attribute):
            tasks = canvas_tasks(func.value, self.ctx.qualified, local)
            note = f".{method}() of a Celery {'signature' if single else 'canvas'}"
        elif applied and method in CANVAS_IN_PROCESS and isinstance(func, cst.Attribute):
            return [CallRef(self.expr(task), line, col) for task in canvas_tasks(func.value, self.ctx.qualified, local)]
        elif isinstance(func, cst.Call) and is_canvas(func, self.ctx.qualified, local):
            tasks, note = canvas_tasks(node, self.ctx.qualified, local), "a Celery canvas called"
        else:
            return []
        waited = id(node) in self.waited_calls
        refs = [CallRef(self.expr(task), line, col, kind="queue", waited=waited, note=note) for task in tasks]
        if single and refs:  # ``job = a.s(x).delay()`` then ``job.get()`` waits for it
            self.queue_refs[id(node)] = refs[0]
        return refs

    def _bindings(self, callee: Expr) -> List[Expr]:
        """What this file binds a module-level name, a session slot or a ``self.`` attribute to, so far."""
        if callee and callee[0] == "name":
            name = str(callee[1])
            return self.facts.containers.get(name, []) if "#" in name else self.facts.globals.get(name, [])
        if callee and callee[0] == "attr" and callee[1] and callee[1][0] == "self":
            return getattr(self.facts.classes.get(str(callee[1][1])), "attrs", {}).get(str(callee[2]), [])
        return []

    def _may_be_bound_later(self, callee: Expr) -> bool:
        """A dotted global (``st.session_state.chain``) or a ``self.`` attribute: what the whole file
        binds it to decides (a placeholder ``None`` may come first)."""
        if not callee:
            return False
        return (callee[0] == "name" and "." in str(callee[1])) or (
            callee[0] == "attr" and bool(callee[1]) and callee[1][0] == "self")

    def settle_deferred_sites(self) -> None:
        """Record a deferred object call when the whole file binds its callee to an object some
        call builds (a project factory's result is typed by the graph, which keeps the call only
        if it is a catalog model's ``__call__``); forget the rest. Sites stay in source order."""
        kept = [(node, callee, span, where) for node, callee, span, where in self.deferred_sites
                if any(b and b[0] == "call" and b[1] and b[1][0] in ("name", "attr") for b in self._bindings(callee))]
        for node, callee, span, where in kept:
            self._record_site(node, ["attr", callee, "__call__"], "__call__", span, where)
        if kept:
            self.facts.call_sites.sort(key=lambda site: (site.line, site.col))

    def _calls_a_model_object(self, callee: Expr) -> bool:
        """The callee is bound, in this file, to an SDK client or a chain a catalog factory builds;
        or it is a parameter, or a local some call builds (bound more than once, or from a project
        factory): the graph types those from callers and keeps only a catalog model's ``__call__``
        (``ask(chain, q)``: ``chain(q)`` where callers pass ``ConversationalRetrievalChain.from_llm(...)``)."""
        if callee and callee[0] in ("param", "any"):
            return True
        if callee and callee[0] == "var":
            owner, _, local = str(callee[1]).rpartition("#")
            values = self.facts.functions[owner].locals.get(local, []) if owner in self.facts.functions else []
            return any(_built(value) for value in values)
        return _built(callee) or self._bound_model_object(callee)

    def _bound_model_object(self, callee: Expr) -> bool:
        """The callee is a module global or a ``self.`` attribute this file binds to an SDK client or
        to what a catalog factory builds."""
        bound: Expr = callee
        if callee and callee[0] == "name" and callee[1] in self.facts.globals:
            bound = self.facts.globals[str(callee[1])][-1]
        elif callee and callee[0] == "attr" and callee[1] and callee[1][0] == "self":
            attrs = getattr(self.facts.classes.get(str(callee[1][1])), "attrs", {}).get(str(callee[2]), [])
            bound = attrs[-1] if attrs else []
        if not (bound and bound[0] == "call" and bound[1] and bound[1][0] == "name"):
            return False
        name = str(bound[1][1])
        if providers.is_client(name):
            return True
        match = providers.match_function(name)
        return match is not None and match.op.kind == providers.FACTORY

    def register_decorated(self, node: cst.FunctionDef, qual: str, decorators: Sequence[Decorator]) -> None:
        """``@agent.tool`` / ``@registry.register`` (a bare method of ``ADD_METHODS`` on a container):
        the function joins the receiver's members as ``agent.tool(fn)`` would, so a run of the
        container (``agent.run(...)``) runs it and the module that defines it does not."""
        # Recorded in the decorated function itself, not where decorators run: the module defining
        # the tool is run by its importers, and registering is not running.
        fn = self.current_function()
        for dec in decorators:
            target = dec.node.decorator
            if dec.call is not None or not isinstance(target, cst.Attribute) or target.attr.value not in ADD_METHODS:
                continue
            receiver = self.expr(target.value)
            if container_key(receiver) is None:
                continue
            line, col, _, _ = self.span(target)  # the refs ``agent.tool(fn)`` would make, where the decorator is
            fn.calls.append(CallRef(self.expr(target), line, col, shape=[target.attr.value, "1"]))
            fn.calls.append(CallRef(["name", qual], line, col, kind="ref", note=REGISTERED, arg="0"))
            self._add_members(receiver, [node.name])

    def _add_members(self, container: Expr, values: List[cst.BaseExpression]) -> None:
        key = container_key(container)
        if key is None:
            return
        members = self.facts.containers.setdefault(key, [])
        for value in values:
            if literal(value) is not None:
                continue  # names and keys, not members
            expr = self._member(value)
            members.extend(expr[1] if expr[0] == "many" else [expr])

    def _note_wait(self, node: cst.Call, func: cst.BaseExpression, method: str, fn: FunctionFacts) -> None:
        """``job = task.delay(x)`` (or ``job = summarize(x)``, a Huey task) then ``job.get()`` /
        ``asyncio.wait_for(job)`` / polling ``job.get_status()``: this code waits for the queued work,
        so it stays real-time."""
        waited: List[cst.BaseExpression] = []
        if method in WAIT_ON_JOB and isinstance(func, cst.Attribute):
            waited.append(func.value)
            if isinstance(func.value, cst.Call) and last_name(func.value.func) == "AsyncResult":
                for ref in fn.calls:
                    if ref.kind == "queue":
                        ref.waited = True
        if self.ctx.qualified(func) in ("asyncio.wait_for", "asyncio.wait", "asyncio.gather") and node.args:
            waited.extend(a.value for a in node.args)
        scope = self._function_scope()
        for target in waited:
            if isinstance(target, cst.Name):
                for value in scope.locals.get(target.value, []):
                    inner = value.expression if isinstance(value, cst.Await) else value
                    queued = self.queue_refs.get(id(inner)) or self.called_refs.get(id(inner))
                    if queued is not None:
                        queued.waited = True

    def _record_site(self, node: cst.Call, callee: Expr, method: str, span: Tuple[int, int, int, int],
                     where: Optional[Tuple[str, bool, bool]] = None,
                     text_of: Optional[cst.BaseExpression] = None, handed_to: Optional[Expr] = None) -> None:
        """``where``: (function, in a loop, in a try) when recorded after the walk has left the call;
        ``text_of``, ``handed_to``: an SDK callable handed over (``facts/handed.py``)."""
        stream = passes_model = False
        model_keyword = ""
        purpose = model = tier = None
        inputs: List[str] = []
        for arg in node.args:
            if arg.keyword is None:
                continue
            key = arg.keyword.value
            if key in INPUT_KEYWORDS and not (isinstance(arg.value, cst.Name) and arg.value.value == "None"):
                inputs.append(key)
            passes_model = passes_model or key in LI_MODEL_KEYWORDS
            if key in ("service_tier", "background_options", "config"):
                tier = tier or discounted_tier(key, self.module.code_for_node(arg.value))
            if key == "stream":
                stream = literal(arg.value) is True
            elif key == "purpose":
                purpose = literal(arg.value)
            elif key in MODEL_KEYWORDS:
                model_keyword = model_keyword or key
                model = self.ctx.literal(arg.value)
        if model is None and isinstance(callee, list) and callee and callee[0] == "attr":
            model = None
        if not model_keyword and where is None:  # ``create(**params)``: the mapping may name the model
            model_keyword = unpacked_model_keyword(self.scopes, node, self.current_function().params, self.facts.imports)
        text = " ".join(self.module.code_for_node(node.func if text_of is None else text_of).split())
        self.facts.call_sites.append(
            CallSite(
                line=span[0],
                col=span[1],
                end_line=span[2],
                end_col=span[3],
                function=where[0] if where else self.current_function().qualname,
                callee=callee,
                method=method,
                in_loop=where[1] if where else self.loop_depth[-1] > 0,
                in_try=where[2] if where else self.try_depth[-1] > 0,
                stream_kwarg=stream,
                purpose=purpose if isinstance(purpose, str) else None,
                model=model if isinstance(model, str) else None,
                text=text,
                awaited=id(node) in self.awaited_calls,
                batch_file=method in FILE_READS and self._batch_file(node),
                tier=tier,
                passes_model=passes_model,
                model_keyword=model_keyword,
                handed_to=handed_to or [],
                inputs=inputs,
            )
        )


_FLEX = re.compile(r"""^['"]flex['"]$|ServiceTier\.FLEX\b|service_tier\s*=\s*['"]flex['"]|['"]service_tier['"]\s*:\s*['"]flex['"]""")
_WINDOW = re.compile(r"""['"]completion_window['"]\s*:\s*['"](2h|8h)['"]""")


def discounted_tier(key: str, code: str) -> Optional[str]:
    """The discounted per-call tier a ``service_tier=``, ``background_options=`` or ``config=``
    argument selects (``"flex"``, ``"background-2h"``, ``"background-8h"``), or None."""
    if key == "background_options":
        window = _WINDOW.search(code)
        return f"background-{window.group(1)}" if window else None
    return "flex" if _FLEX.search(code.strip()) else None


@lru_cache(maxsize=1)
def decorator_functions() -> FrozenSet[str]:
    """Qualified names of the catalog's decorators that are sites (``airflow.decorators.task.llm``):
    a call is a candidate when its callee is one, whatever ``providers.method_names`` holds."""
    return frozenset(name for provider in providers.all_providers()
                     for name, op in provider.module_functions.items() if op.decorator)


def _built(value: Expr) -> bool:
    """A call of a named function or method: what it returns may be a model object."""
    return bool(value) and value[0] == "call" and bool(value[1]) and value[1][0] in ("name", "attr")
