"""Assignments of the facts pass: what a module global, a class attribute (``self.x = ...``), an
unpacked tuple or a ``globals()[...]`` entry is bound to, as the project stage reads them."""
from __future__ import annotations

from typing import List, Sequence

import libcst as cst

from llm_latency_lint.catalog.work_queues import WORK_QUEUE_MAKERS
from llm_latency_lint.facts.attr_writes import count_targets
from llm_latency_lint.facts.expr_shapes import container_key
from llm_latency_lint.facts.pass_state import PassState
from llm_latency_lint.facts.scopes import MAIN_SCOPE, Scope, global_key, unpacked
from llm_latency_lint.model import Expr


class AssignmentsMixin(PassState):
    """Bindings for ``FactsVisitor`` (which holds the scopes, facts and expressions)."""

    def visit_Assign(self, node: cst.Assign) -> None:
        targets = [t.target for t in node.targets]
        count_targets(self.facts.attr_writes, targets, self._class_attribute)
        self._record_binding(targets, node.value, node)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        count_targets(self.facts.attr_writes, [node.target])

    def visit_For(self, node: cst.For) -> None:
        count_targets(self.facts.attr_writes, [node.target])

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            count_targets(self.facts.attr_writes, [node.asname.name])

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        scope = self.scopes[-1]
        if node.value is not None:
            count_targets(self.facts.attr_writes, [node.target], self._class_attribute)
            self._record_binding([node.target], node.value, node)
        annotation = node.annotation.annotation
        if scope.kind == "class" and isinstance(node.target, cst.Name) \
                and not (isinstance(annotation, cst.Subscript) and "ClassVar" in str(self.expr(annotation.value))):
            # a field, default or not: its type ("" when not a project or SDK name), in declaration order
            self.facts.classes[scope.qualname].attrs.setdefault(node.target.value, []).append(
                ["type", self._annotation(annotation)])

    def _binds_global(self, scope: Scope, name: str) -> bool:
        """An unpacked name binds the module's: at module level, or declared ``global`` in the
        function (``_, _model, _ = create_model(key)`` caching a model in a module global)."""
        return scope.kind == "module" or scope.kind == "function" and name in scope.declared_global

    def _class_attribute(self, target: cst.Attribute) -> bool:
        """Does ``_attribute_binding`` keep this target among its class's attributes?"""
        return self._function_scope().instance_owner(target) in self.facts.classes

    def _record_binding(self, targets: Sequence[cst.BaseExpression], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        scope = self.scopes[-1]
        names: List[str] = []
        for target in targets:
            if isinstance(target, cst.Name):
                names.append(target.value)
                if scope.kind == "module":
                    self.facts.globals.setdefault(f"{self.facts.module}.{target.value}", []).append(self.global_expr(value))
                    self.module_values[target.value] = value
                    self.module_history.setdefault(target.value, []).append(value)
                elif scope.kind == "function" and target.value in scope.declared_global:
                    held = self.facts.globals.setdefault(f"{self.facts.module}.{target.value}", [])
                    imported = ["name", self.facts.imports.get(target.value)]
                    if imported[1] and imported not in held:  # ``import ai`` / ``global ai; ai = reload(ai)``
                        held.append(imported)
                    held.append(self.expr(value))
                elif scope.qualname == f"{self.facts.module}.{MAIN_SCOPE}":
                    # the main guard's names are the module's globals (``engine = build()`` there is
                    # what a handler defined above reads as ``engine``); the block keeps its own view
                    self.facts.globals.setdefault(f"{self.facts.module}.{target.value}", []).append(self.expr(value))
                elif scope.kind == "class":
                    self.facts.classes[scope.qualname].attrs.setdefault(target.value, []).append(self.expr(value))
            elif isinstance(target, (cst.Tuple, cst.List)):
                for name in unpacked(target):  # ``client, model = make()``; ``global _model`` in a function
                    if not self._binds_global(scope, name.value):
                        continue
                    self.facts.globals.setdefault(f"{self.facts.module}.{name.value}", []).append(
                        ["item", self.expr(value)])
                for element in target.elements:  # ``config.DEBUG, config.LANG = args.debug, args.lang``
                    if isinstance(element.value, cst.Attribute):
                        self._attribute_binding(element.value, ["item", self.expr(value)], [], instance=False)
            elif isinstance(target, cst.Subscript) and global_key(target):  # ``globals()["gemini"] = Gemini()``
                self.facts.globals.setdefault(f"{self.facts.module}.{global_key(target)}", []).append(self.expr(value))
            elif isinstance(target, cst.Subscript):
                self._add_members(self.expr(target.value), [value])
            elif isinstance(target, cst.Attribute):
                self._attribute_binding(target, self.expr(value), names)
            self._function_scope().note_instance(target, value)
        self._work_queue(targets, value)
        for recognizer in self.recognizers:
            recognizer.on_assign(self.ctx, names, value, node)
        self.record_router_prefix(targets, value)
        self.hold_members(targets, value)  # ``researcher = Agent(tools=[search])``: the global holds them

    def _attribute_binding(self, target: cst.Attribute, value: Expr, names: List[str], instance: bool = True) -> None:
        """``self.x = ...`` (or on the instance a singleton's ``__new__`` builds) is the class's
        attribute (not ``instance``: left alone); ``app.state.llm_client = OpenAI()`` on a
        module-level object: code that reads ``app.state.llm_client`` (through an import of
        ``app``) gets that value."""
        owner = self._function_scope().instance_owner(target)
        if owner in self.facts.classes:
            if not instance:
                return
            self.facts.classes[owner].attrs.setdefault(target.attr.value, []).append(value)
        elif qual := self.ctx.qualified(target):
            names.append(qual)
            self.facts.globals.setdefault(qual, []).append(value)

    def _work_queue(self, targets: Sequence[cst.BaseExpression], value: cst.BaseExpression) -> None:
        """``q = queue.Queue()``, ``self.jobs = asyncio.Queue()``, a module's ``JOBS = Queue()``: the
        binding holds a work queue the graph follows as an object, marked by its constructor call
        among its members (``catalog/work_queues.py``, ``project/work_queues.py``)."""
        if not isinstance(value, cst.Call) or self.ctx.qualified(value.func) not in WORK_QUEUE_MAKERS:
            return
        scope = self.scopes[-1]
        for target in targets:
            key = None
            if isinstance(target, cst.Name) and scope.kind == "module":
                key = f"{self.facts.module}.{target.value}"
            elif isinstance(target, cst.Name) and scope.kind == "function" and target.value in scope.containers:
                key = f"{scope.qualname}#{target.value}"
            elif isinstance(target, cst.Attribute):
                key = container_key(self.expr(target))
            if key is not None:
                self.facts.containers.setdefault(key, []).append(self.expr(value))
