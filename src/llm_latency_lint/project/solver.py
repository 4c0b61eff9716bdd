"""A worklist solver: node values grow to a fixpoint, each atom added once.

A node (a name, a class attribute, a return, a parameter, a container's members) holds a set of
atoms. Rules compute atoms for a node from other nodes' values; reading a node records the rule
as its reader, and when a node grows only its readers run again. Values only grow and the atoms
are finitely many, so the solve ends; its cost is bounded by the number of facts times the
growth of what they read, never by the depth of attribute chains.

A rule may be a *fallback* (``Rule.fallback``): it runs only once nothing else is queued, the
last one added first (a function's annotation after the returns of the functions it calls, which
were read, so defined, later), and the others run to their fixpoint again after each. A fallback
that finds its node already known adds nothing (``evaluate``: a return annotation), so it stands in
for what the other rules could not find, not beside it.

A time budget bounds it anyway: when it runs out the solve stops with the values it has and
``cut_short`` names the rules (by owner) that never ran to their fixpoint.
"""
from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from typing import (
    Any,
    Callable,
    Deque,
    Dict,
    Iterable,
    List,
    Optional,
    Set,
    Tuple,
    TypeVar,
)

from llm_latency_lint.project.values import EMPTY, Atom, Values

NodeKey = Tuple[Any, ...]  # ("name", q), ("attr", kind, cls, attr), ...: see ``evaluate``
# What a rule computes, from facts alone: ("ret", fn, i) the i-th return of ``fn``, ("member", key,
# digest), ("bind", path, caller, i), ("arg", callee, param, kind, digest), ...: the same in every run.
RuleKey = Tuple[Any, ...]
T = TypeVar("T")


@dataclass(eq=False)
class Rule:
    """Computes atoms for ``target`` (or, with no target, records what it finds elsewhere)."""

    run: Callable[[], Values]
    target: Optional[NodeKey] = None
    owner: str = ""  # the function or class whose facts the rule reads, for budget reports
    key: RuleKey = ()  # stable: a rule met again under a known key is the rule already there
    fallback: bool = False  # run only when no other rule is queued (see the module's docstring)


@dataclass
class Solver:
    define: Callable[[NodeKey], Iterable[Rule]]  # the rules of a node seen for the first time
    budget: Optional[float] = None  # seconds for all solving; None: unbounded
    values: Dict[NodeKey, Set[Atom]] = field(default_factory=dict)
    readers: Dict[NodeKey, Set[Rule]] = field(default_factory=dict)
    rules: Dict[RuleKey, Rule] = field(default_factory=dict)  # every keyed rule added
    queue: Deque[Rule] = field(default_factory=deque)
    queued: Set[Rule] = field(default_factory=set)
    fallbacks: List[Rule] = field(default_factory=list)  # queued fallbacks, run last added first
    current: Optional[Rule] = None
    stopped: bool = False
    cut_short: List[str] = field(default_factory=list)  # owners of rules left when the budget ran out
    runs: int = 0
    dropped: int = 0  # rules not run because the budget had run out
    _spent: float = 0.0
    _made: Set[RuleKey] = field(default_factory=set)
    # A stored solved state (``project/state.py``): readers not yet made again, by rule key, and the
    # rule keys it holds; a stored reader is made (``make``) only when a node it read grows.
    stored_readers: Dict[NodeKey, List[RuleKey]] = field(default_factory=dict)
    stored_rules: Set[RuleKey] = field(default_factory=set)
    make: Optional[Callable[[RuleKey], Rule]] = None
    reads: Optional[Set[NodeKey]] = None  # nodes read outside rules while set: one caller's edge queries

    def read(self, key: NodeKey) -> Values:
        value = self.values.get(key)
        if value is None:
            value = self.values[key] = set()
            for rule in self.define(key):
                self.add(rule)
        if self.current is not None:
            self.readers.setdefault(key, set()).add(self.current)
        elif self.reads is not None:
            self.reads.add(key)
        return value

    def record_reads(self) -> Set[NodeKey]:
        """Record the nodes read outside rules from now on (``reads``): the set they go to."""
        reads: Set[NodeKey] = set()
        self.reads = reads
        return reads

    def peek(self, key: NodeKey) -> Values:
        """A node's value without defining it or recording a reader."""
        return self.values.get(key, EMPTY)

    def add(self, rule: Rule) -> None:
        if self.stopped:
            self.dropped += 1
            if rule.owner:
                self.cut_short.append(rule.owner)
            return
        if rule.key:
            known = self.rules.get(rule.key)
            if known is None:
                if rule.key in self.stored_rules:
                    return  # a stored rule met again: it ran to the stored fixpoint
                self.rules[rule.key] = rule
            elif known is not rule:
                return  # the same computation under the same key: already added
        if rule not in self.queued:
            self.queued.add(rule)
            (self.fallbacks if rule.fallback else self.queue).append(rule)

    def grow(self, key: NodeKey, atoms: Values) -> None:
        """Add ``atoms`` to a node (defining it if new); its readers run again if it grew."""
        value = self.values.get(key)
        if value is None:
            current, self.current = self.current, None  # defining is not reading
            try:
                self.read(key)
            finally:
                self.current = current
            value = self.values[key]
        new = [a for a in atoms if a not in value]
        if not new:
            return
        value.update(new)
        if key in self.stored_readers:
            self._made_again(key)
        for rule in self.readers.get(key, ()):
            self.add(rule)

    def _made_again(self, key: NodeKey) -> None:
        """The stored readers of a node that grew, made again from their keys (``make``)."""
        live = self.readers.setdefault(key, set())
        for rule_key in self.stored_readers.pop(key):
            rule = self.rules.get(rule_key)
            if rule is None:
                assert self.make is not None
                rule = self.make(rule_key)
                self.rules[rule_key] = rule
                self._made.add(rule_key)
            live.add(rule)

    def reader_keys(self) -> Dict[NodeKey, List[RuleKey]]:
        """Every node's readers by rule key: the live ones and the stored ones not made again."""
        out: Dict[NodeKey, List[RuleKey]] = {k: list(v) for k, v in self.stored_readers.items()}
        for node, rules in self.readers.items():
            keys = [r.key for r in rules]
            out[node] = keys + out[node] if node in out else keys
        return out

    def solve(self) -> None:
        """Run queued rules until nothing grows, or the budget runs out."""
        if not (self.queue or self.fallbacks) or self.stopped:
            return
        start = time.monotonic()
        deadline = None if self.budget is None else start + max(0.0, self.budget - self._spent)
        try:
            while self.queue or self.fallbacks:
                if deadline is not None and self.runs % 64 == 0 and time.monotonic() > deadline:
                    self._stop()
                    return
                rule = self.queue.popleft() if self.queue else self.fallbacks.pop()
                self.queued.discard(rule)
                self.runs += 1
                previous, self.current = self.current, rule
                try:
                    found = rule.run()
                finally:
                    self.current = previous
                if rule.target is not None and found:
                    self.grow(rule.target, found)
        finally:
            self._spent += time.monotonic() - start

    def _stop(self) -> None:
        self.stopped = True
        self.cut_short.extend(rule.owner for rule in [*self.queue, *self.fallbacks] if rule.owner)
        self.queue.clear()
        self.fallbacks.clear()
        self.queued.clear()

    def query(self, evaluate: Callable[[], T], owner: str = "") -> T:
        """Evaluate outside any rule: solve whatever the evaluation demands, then evaluate again
        until it demands nothing new. After the budget ran out: with the values there are, and
        ``owner`` (the function asking) is cut short if the evaluation needed more."""
        while True:
            dropped = self.dropped
            result = evaluate()
            if self.stopped:
                if owner and self.dropped > dropped:
                    self.cut_short.append(owner)
                return result
            if not (self.queue or self.fallbacks):
                return result
            self.solve()
