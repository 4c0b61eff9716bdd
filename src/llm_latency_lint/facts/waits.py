"""Does a function wait for the work it hands off? Read off its body, by name and flow-insensitively.

A wait counts only on a *holder* of that hand-off: the name it is bound to (``t = create_task(...)``),
a collection it is added to (``futures.append(ex.submit(f))``, ``tasks = [create_task(...) ...]``), a
loop variable over one; waited on by ``await t``, ``t.join()``, ``f.result()``, ``asyncio.gather(*tasks)``,
``as_completed(futures)`` (``catalog.queues.COLLECT_METHODS``, ``WAIT_CALLS``). A hand-off on a name a
``with`` binds to a task group, nursery or executor is waited for by the block; so is one on an
executor the function shuts down (not ``shutdown(wait=False)``). A queue or a streaming response
waits only when the started work is given it, as an argument or through a closure: the work streams
its results back to whoever waits. An unrelated ``other.join()`` or ``queue.Queue()`` in the same
function waits for nothing it started.
"""
from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Set

import libcst as cst

from llm_latency_lint.catalog.queues import (
    ADD_METHODS,
    COLLECT_METHODS,
    QUEUE_MAKERS,
    SCOPED_RUNNERS,
    STREAM_RESPONSES,
    WAIT_CALLS,
)
from llm_latency_lint.syntax.literals import arg, literal
from llm_latency_lint.syntax.walk import walk

Qualify = Callable[[cst.BaseExpression], str]  # a callee's dotted name through the file's imports


class Body:
    """What one function body (or the module's own code) binds, waits on and streams back."""

    def __init__(self, root: cst.CSTNode, qualify: Qualify) -> None:
        self.values: Dict[str, List[cst.CSTNode]] = {}  # name -> what it is bound to or given
        self.with_items: Set[int] = set()  # ids of ``with X() as name`` items
        self.waits: List[cst.CSTNode] = []  # what is awaited, joined, gathered
        self.streams: List[cst.CSTNode] = []  # arguments of streaming responses
        self.shut_down: Set[str] = set()  # executors shut down waiting
        self.nested: Dict[str, cst.CSTNode] = {}  # nested defs: their bodies are closures
        self.qualify = qualify
        self._names: Dict[int, FrozenSet[str]] = {}
        self._nodes: Dict[int, FrozenSet[int]] = {}
        walk(root, _Reader(self, root), layout=False)

    def waits_for(self, call: cst.Call) -> bool:
        """Does this body wait for the work ``call`` (a hand-off in it) starts?"""
        holders = self._holders(set(), call)
        if any(id(call) in self._inside(w) or self.names(w) & holders for w in self.waits + self.streams):
            return True
        func = call.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and self._scoped(func.value.value):
            return True
        return bool(self._given(call) & self._channels())

    def waits_on(self, receiver: cst.BaseExpression) -> bool:
        """Does this body wait for what ``receiver`` (``t`` of ``t.start()``) holds: ``t.join()``, or a
        join on a collection ``t`` is added to or a loop variable over one?"""
        holders = self._holders(set(self.names(receiver)))
        return any(self.names(w) & holders for w in self.waits)

    def waits_for_item(self, item: cst.BaseExpression) -> bool:
        """Does this body wait for the result of ``item``, which it puts on a work queue (``q.put(job)``)?
        Only a wait *on* the item or a part it holds counts (``await job.future``, ``job["done"].result()``,
        ``fut.result()`` of a future put inside ``job``), or a queue made here that the item carries
        (a reply queue the worker answers on, read back as a streamed result is): ``await
        save(doc_id)`` after ``q.put(doc_id)`` waits for other work the item is merely given to."""
        parts = self._parts(set(self.names(item)))
        return any(_root(w) in parts for w in self.waits) or bool(parts & self._channels())

    def names(self, node: cst.CSTNode) -> FrozenSet[str]:
        """The names an expression mentions (not attribute or keyword names)."""
        found = self._names.get(id(node))
        if found is None:
            names: Set[str] = set()
            walk(node, _Mentions(names), layout=False)
            found = self._names[id(node)] = frozenset(names)
        return found

    def _inside(self, node: cst.CSTNode) -> FrozenSet[int]:
        found = self._nodes.get(id(node))
        if found is None:
            calls: Set[int] = set()
            walk(node, _Calls(calls), layout=False)
            found = self._nodes[id(node)] = frozenset(calls)
        return found

    def _holders(self, seed: Set[str], call: Optional[cst.Call] = None) -> Set[str]:
        """``seed`` and every name bound to a value holding ``call`` or mentioning a holder (a fixpoint)."""
        holders = seed
        grown = True
        while grown:
            grown = False
            for name, values in self.values.items():
                if name not in holders and any((call is not None and id(call) in self._inside(v))
                                               or self.names(v) & holders for v in values):
                    holders.add(name)
                    grown = True
        return holders

    def _parts(self, seed: Set[str]) -> Set[str]:
        """``seed`` and every name the values bound to one of them mention (``job = {"reply": fut}``:
        ``fut``), a fixpoint."""
        parts, todo = set(seed), list(seed)
        while todo:
            for value in self.values.get(todo.pop(), ()):
                fresh = self.names(value) - parts
                parts |= fresh
                todo.extend(fresh)
        return parts

    def _scoped(self, name: str) -> bool:
        return name in self.shut_down or any(
            id(v) in self.with_items and isinstance(v, cst.Call) and self.qualify(v.func) in SCOPED_RUNNERS
            for v in self.values.get(name, ()))

    def _given(self, call: cst.Call) -> Set[str]:
        """Names the started work is given: in the hand-off's arguments, and the closures they name."""
        return self._closure(self.names(a.value) for a in call.args)

    def _closure(self, groups: Iterable[FrozenSet[str]]) -> Set[str]:
        names: Set[str] = set().union(*groups)
        for name in list(names):
            if name in self.nested:
                names |= self.names(self.nested[name])
        return names

    def _channels(self) -> Set[str]:
        """Queues made here, and objects made here (``Handler()``) a streaming response reads."""
        made = {name for name, values in self.values.items() if any(_constructed(v, self.qualify) for v in values)}
        queues = {name for name in made if any(
            isinstance(v, cst.Call) and self.qualify(v.func) in QUEUE_MAKERS for v in self.values[name])}
        return queues | (self._closure(self.names(s) for s in self.streams) & made)


def _root(node: cst.CSTNode) -> Optional[str]:
    """The name an attribute or subscript chain starts from (``job["done"]``: ``job``); none for a call
    (``await mark_queued(job)`` waits for the call, not for what it is given)."""
    while isinstance(node, (cst.Attribute, cst.Subscript)):
        node = node.value
    return node.value if isinstance(node, cst.Name) else None


def _constructed(value: cst.CSTNode, qualify: Qualify) -> bool:
    """An object built here: a call of a class (``AsyncIteratorCallbackHandler()``, ``Queue()``)."""
    return isinstance(value, cst.Call) and qualify(value.func).rsplit(".", 1)[-1][:1].isupper()


class _Reader:
    """Collects a ``Body``: bindings, waits, streams; nested defs only as closures."""

    def __init__(self, body: Body, root: cst.CSTNode) -> None:
        self.body = body
        self.root = root

    def _bind(self, target: cst.BaseExpression, value: cst.CSTNode) -> None:
        if isinstance(target, cst.Name):
            self.body.values.setdefault(target.value, []).append(value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind(element.value, value)
        elif isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name):
            self.body.values.setdefault(target.value.value, []).append(value)  # ``futures[f] = x``

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if node is self.root:
            return True
        self.body.nested[node.name.value] = node.body
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return isinstance(self.root, cst.Module)  # a class body runs with the module

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind(node.target, node.value)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target, node.value)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._bind(node.asname.name, node.item)
            self.body.with_items.add(id(node.item))

    def visit_For(self, node: cst.For) -> None:
        self._bind(node.target, node.iter)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind(node.target, node.iter)

    def visit_Await(self, node: cst.Await) -> None:
        self.body.waits.append(node.expression)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute):
            method, receiver = func.attr.value, func.value
            if method in COLLECT_METHODS:
                self.body.waits.append(receiver)
            elif isinstance(receiver, cst.Name) and method in ADD_METHODS:
                self.body.values.setdefault(receiver.value, []).extend(a.value for a in node.args)
            elif isinstance(receiver, cst.Name) and method == "shutdown" and literal(arg(node, "wait", 0)) is not False:
                self.body.shut_down.add(receiver.value)
        qualified = self.body.qualify(func)
        if qualified in WAIT_CALLS or qualified.rsplit(".", 1)[-1] == "as_completed":
            self.body.waits.extend(a.value for a in node.args)
        elif qualified in STREAM_RESPONSES:
            self.body.streams.extend(a.value for a in node.args)


class _Mentions:
    def __init__(self, found: Set[str]) -> None:
        self.found = found

    def visit_Name(self, node: cst.Name) -> None:
        self.found.add(node.value)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        walk(node.value, self, layout=False)  # ``q.put``: ``q``, not ``put``
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        walk(node.value, self, layout=False)  # ``f(callbacks=h)``: ``h``, not ``callbacks``
        return False


class _Calls:
    def __init__(self, found: Set[int]) -> None:
        self.found = found

    def visit_Call(self, node: cst.Call) -> None:
        self.found.add(id(node))
