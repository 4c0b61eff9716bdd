"""What every fixer shares: the site it works on, the plan it returns, and refusals.

A fixer never edits text. It looks at one finding's call in the parsed module and returns a
``Plan``: which original nodes to replace with which new nodes, which private helpers the module
needs, and which imports. ``rewrite`` applies plans to the tree; ``run`` turns the result into
``edits.Fix`` objects and files.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import (
    TYPE_CHECKING,
    Callable,
    Dict,
    Iterator,
    List,
    Mapping,
    Optional,
    Protocol,
    Sequence,
    Tuple,
    Union,
)

import libcst as cst
from libcst.metadata import CodeRange

from llm_latency_lint.syntax.lines import source_lines

if TYPE_CHECKING:  # pragma: no cover
    from llm_latency_lint.catalog.providers.spec import Match
    from llm_latency_lint.config import Config
    from llm_latency_lint.fixes.callers import CallerIndex
    from llm_latency_lint.result import Finding

SAFE, UNSAFE = "safe", "unsafe"

# Strategies: which kind of rewrite a rule's finding gets, in the order ``--fix-strategy auto``
# tries them (plan.py): the first that plans wins. LLM001 and LLM002 take --fix-strategy.
BATCH, FLEX, BACKGROUND, STREAM, EMBED_LIST = "batch", "flex", "background", "stream", "embedding-list"
AUTO = "auto"
RULE_STRATEGIES: Dict[str, Tuple[str, ...]] = {
    "LLM001": (BATCH, FLEX, BACKGROUND),
    "LLM002": (BACKGROUND, FLEX),
    "LLM003": (EMBED_LIST,),
    "LLM004": (STREAM,),
}

Replacement = Union[cst.CSTNode, cst.FlattenSentinel, cst.RemovalSentinel]


class OtherFile(Protocol):
    path: str
    text: str
    module: cst.Module
    parents: Mapping[cst.CSTNode, cst.CSTNode]
    positions: Mapping[cst.CSTNode, CodeRange]


class Refuse(Exception):
    """No fix for this site; the message says why (shown by --show-fixes, stored on Fix.refusal)."""


@dataclass(frozen=True)
class Helper:
    """A module-level definition written once to the helper module (or, inline, once per module):
    a private batch helper, a TypeVar, limit constants."""

    name: str  # the name it binds; a module that already binds it gets nothing new
    source: str  # top-level code, dedented
    imports: Tuple[Tuple[str, Optional[str]], ...] = ()  # (module, obj): ``from module import obj``; obj None: ``import module``
    requires: Tuple["Helper", ...] = ()  # emitted before this one


@dataclass
class Plan:
    description: str
    safety: str
    replace: Dict[cst.CSTNode, Replacement] = field(default_factory=dict)  # original node -> new
    helpers: List[Helper] = field(default_factory=list)
    imports: List[Tuple[str, Optional[str]]] = field(default_factory=list)
    # Rewrites of other files that belong to this fix (a caller's loop in another module), by
    # path; their nodes come from ``SiteContext.other_file(path)``. All apply, or none.
    others: Dict[str, "Plan"] = field(default_factory=dict)
    # The helper module format the rewrite relies on (``helper_module.FORMAT``; 0: any).
    helper_format: int = 0


@dataclass
class SiteContext:
    """One finding's call inside its parsed module, with the metadata fixers need."""

    finding: "Finding"
    match: "Match"
    call: cst.Call
    module: cst.Module
    parents: Mapping[cst.CSTNode, cst.CSTNode]
    positions: Mapping[cst.CSTNode, CodeRange]
    config: "Config"
    text: str
    callers: Optional["CallerIndex"] = None  # the project's call graph seen from this site (None: one file only)
    # Another file of the project parsed once for this pass (module, parents, positions, text), or None.
    other_file: Optional[Callable[[str], Optional["OtherFile"]]] = None

    @property
    def provider(self) -> str:
        return self.match.provider.id

    @property
    def operation(self) -> str:
        return self.match.operation

    @property
    def client_type(self) -> str:
        return self.match.client or ""

    @property
    def model(self) -> Optional[str]:
        """The ``model=`` literal (or module constant) the facts pass resolved."""
        return self.finding.call_site.resolved.site.model

    @property
    def function(self) -> str:
        """The qualname of the function holding the call."""
        return self.finding.call_site.resolved.site.function

    def ancestors(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        while node in self.parents:
            node = self.parents[node]
            yield node

    def outer(self) -> cst.BaseExpression:
        """The call, or ``await call`` when awaited: the expression a rewrite replaces."""
        parent = self.parents.get(self.call)
        return parent if isinstance(parent, cst.Await) else self.call

    def kwarg(self, name: str) -> Optional[cst.Arg]:
        return next((a for a in self.call.args if a.keyword is not None and a.keyword.value == name), None)

    def line_of(self, node: cst.CSTNode) -> int:
        return self.positions[node].start.line

    def indent_of(self, node: cst.CSTNode) -> str:
        """The leading whitespace of the line ``node`` starts on."""
        line = source_lines(self.text)[self.line_of(node) - 1].rstrip("\r\n")
        return line[: len(line) - len(line.lstrip())]

    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)


def without_args(args: Sequence[cst.Arg], drop: Callable[[cst.Arg], bool]) -> List[cst.Arg]:
    """``args`` minus the dropped ones, without leaving a dangling ``, `` on an inline call."""
    kept = [a for a in args if not drop(a)]
    if kept and args and kept[-1] is not args[-1]:
        # The dropped last argument's comma holds the layout before ``)`` (a trailing comma and newline).
        last = args[-1].comma
        kept[-1] = kept[-1].with_changes(comma=last if isinstance(last, cst.Comma) else cst.MaybeSentinel.DEFAULT)
    return kept


class Fixer:
    """One provider's rewrite for one strategy; provider modules in ``fixes/providers`` list them.

    ``keys`` are the (provider id, operation) pairs it handles; ``strategy`` is one of the
    strategy names above. ``plan`` returns a ``Plan`` or raises ``Refuse``.
    """

    strategy: str = ""
    keys: Tuple[Tuple[str, str], ...] = ()

    def plan(self, ctx: SiteContext) -> Plan:  # pragma: no cover - interface
        raise NotImplementedError


@dataclass
class Outcome:
    """What happened to one finding under --fix (for --show-fixes)."""

    path: str
    line: int
    col: int
    code: str
    status: str  # "applied" | "skipped"
    reason: str
