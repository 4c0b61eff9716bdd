"""Interactive terminals: a person typing at a prompt waits for every answer.

A prompt inside a ``while`` loop is a conversation (a REPL, a chat loop): the function
holding the loop is real-time. So is one inside a ``for`` loop (a person answering for each
item, ``for paper in papers: input("[g]ood / [b]ad: ")``): the person is at the terminal for the
whole run. A prompt outside a loop is usually a one-off question ("Continue? [y/N]") before a
batch run, so it says nothing about latency and is ignored.
Prompts are ``input()`` (the builtin, not a shadowing name), ``prompt_toolkit``,
``click``/``typer.prompt``, ``rich.prompt`` and ``questionary``/``inquirer`` questions.

Textual TUI apps are interactive too: ``on_*``/``action_*``/``watch_*`` methods and
``@on``/``@work`` handlers of App, Screen and Widget subclasses answer a person.
Loops in module-level code are not seen (see ``loops``).
"""
from __future__ import annotations

from typing import Optional, Sequence, Set, Tuple

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.enclosing_loops import FunctionMemory
from llm_latency_lint.catalog.triggers.http_common import (
    ViewClassRecognizer,
    ViewFamily,
)
from llm_latency_lint.catalog.triggers.resolve import origin
from llm_latency_lint.model import Trigger

PROMPT_FUNCTIONS = frozenset({
    "prompt_toolkit.prompt", "prompt_toolkit.shortcuts.prompt",
    "click.prompt", "typer.prompt",
    "rich.prompt.Prompt.ask", "rich.prompt.IntPrompt.ask", "rich.prompt.FloatPrompt.ask",
    "questionary.text", "questionary.select", "questionary.autocomplete", "questionary.path",
    "inquirer.prompt", "inquirer.text", "InquirerPy.prompt", "InquirerPy.inquirer.text",
})
# (constructor prefix, method): ``session = PromptSession(); session.prompt()``.
PROMPT_METHODS: Tuple[Tuple[str, str], ...] = (
    ("prompt_toolkit.", "prompt"),
    ("prompt_toolkit.", "prompt_async"),
    ("rich.console.Console", "input"),
)
_PROMPT_METHOD_NAMES = frozenset(method for _, method in PROMPT_METHODS)


class PromptLoops(Recognizer):
    """A function that prompts a person inside a ``while`` loop."""

    id = "interactive-cli"
    words = ("input(", "prompt", "Prompt", "questionary", "inquirer")

    def __init__(self) -> None:
        self.memory = FunctionMemory(self)

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        self.memory.remember(ctx, qualname, node)

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        prompt = self._prompt(ctx, node, callee)
        if prompt == "input()" and self._input_is_param(ctx):
            return
        if prompt is None or not self.memory.in_while(ctx, node, any_loop=True):
            return
        done: Set[str] = ctx.state(self).setdefault("done", set())
        function = ctx.function
        if function in done:
            return
        done.add(function)
        name = function.rsplit(".", 1)[-1]
        loop = "a while loop" if self.memory.in_while(ctx, node) else "a for loop"
        ctx.add_trigger(
            Trigger(
                kind="real-time",
                source="interactive-cli",
                target=["name", function],
                line=ctx.line(node),
                note=f"interactive loop: {prompt} inside {loop} in {name} (a person is typing)",
            )
        )

    def _input_is_param(self, ctx: "Context") -> bool:
        fn = self.memory.node(ctx, ctx.function)
        params = fn.params if fn is not None else None
        return params is not None and any(
            p.name.value == "input" for p in (*params.posonly_params, *params.params, *params.kwonly_params)
        )

    @staticmethod
    def _prompt(ctx: "Context", node: cst.Call, callee: Optional[str]) -> Optional[str]:
        func = node.func
        if isinstance(func, cst.Name) and func.value == "input" and ctx.expr(func)[0] == "unknown":
            return "input()"
        if callee in PROMPT_FUNCTIONS:
            return f"{callee}()"
        if isinstance(func, cst.Attribute) and func.attr.value in _PROMPT_METHOD_NAMES:
            built = origin(ctx, ctx.expr(func.value))
            if built is not None and not built.path:
                for prefix, method in PROMPT_METHODS:
                    if func.attr.value == method and built.ctor.startswith(prefix):
                        return f"{built.ctor.rsplit('.', 1)[-1]}.{method}()"
        return None


class TextualHandlers(ViewClassRecognizer):
    """Message handlers and actions of Textual apps, screens and widgets."""

    id = "textual-handlers"
    words = ("textual",)
    families = (
        ViewFamily(
            "Textual handler",
            "textual",
            ("textual.app.App", "textual.screen.", "textual.widget.Widget", "textual.widgets."),
            frozenset(),
            method_prefixes=("on_", "action_", "watch_"),
            decorators=("textual.on", "textual.work"),
        ),
    )


RECOGNIZERS = [PromptLoops(), TextualHandlers()]
