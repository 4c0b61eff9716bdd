"""The interface every trigger recogniser implements.

A recogniser sees the nodes the facts visitor hands it during the file's single libcst pass
and records ``Trigger``s (and Celery-style task names) through the ``Context``. It holds no
state between files: per-file state lives on the context (``ctx.state(self)``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    List,
    Optional,
    Protocol,
    Sequence,
    Tuple,
)

from llm_latency_lint.model import CallRef, Expr, FileFacts, Trigger

if TYPE_CHECKING:  # libcst's nodes only name types here: the graph stage imports this without libcst
    import libcst as cst


@dataclass
class Decorator:
    node: cst.Decorator
    name: Optional[str]  # qualified name of the decorator callee ("celery.shared_task")
    attr: str  # its last segment ("task" for @app.task)
    call: Optional[cst.Call]  # the call, for @deco(...) forms
    line: int


class Context(Protocol):
    """What a recogniser may read and record during a file's pass (the facts visitor implements it)."""

    @property
    def facts(self) -> FileFacts: ...

    @property
    def module(self) -> str: ...

    @property
    def path(self) -> str: ...

    @property
    def function(self) -> str:
        """Qualname of the function (or module pseudo-function) being visited."""

    def state(self, owner: "Recognizer", factory: Callable[[], Any] = dict) -> Any:
        """Per-file state of ``owner``, made by ``factory`` on first use."""

    def line(self, node: cst.CSTNode) -> int: ...

    def qualified(self, node: Optional[cst.BaseExpression]) -> Optional[str]:
        """Dotted qualified name of a Name/Attribute chain, through imports and module names."""

    def expr(self, node: cst.BaseExpression) -> Expr: ...

    def module_value(self, name: str) -> Optional[cst.BaseExpression]:
        """The expression last bound to ``name`` at module level so far (``name = value``)."""

    def literal(self, node: Optional[cst.BaseExpression]) -> Any:
        """A literal's value; a module-level constant's value for a bare name."""

    def imports(self, root: str) -> bool: ...

    def mentions(self, word: str) -> bool:
        """Does the file's source hold ``word`` (True when the source is not known)? A recogniser
        whose every match needs a word skips the files without it."""

    def code(self, node: cst.CSTNode) -> str: ...

    def tree(self) -> cst.Module:
        """The file's syntax tree (for a recogniser that reads module-level statements at the end)."""

    def add_trigger(self, trigger: Trigger) -> None: ...

    def add_task_name(self, name: str, qualname: str) -> None: ...

    def add_call(self, ref: CallRef, function: Optional[str] = None) -> None: ...


class Recognizer:
    """Override what you need; every hook defaults to doing nothing."""

    id: str = ""
    # Words whose presence in a file makes it worth parsing (the prefilter).
    words: Tuple[str, ...] = ()

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        pass

    def on_class(self, ctx: "Context", node: cst.ClassDef, qualname: str, bases: List[Optional[str]]) -> None:
        pass

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        pass

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        pass

    def on_module_end(self, ctx: "Context") -> None:
        pass
