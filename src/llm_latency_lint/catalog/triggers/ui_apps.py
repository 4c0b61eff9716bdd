"""Interactive UI apps: a person clicked, typed or chatted, and watches for the answer.

- Gradio: ``gr.Interface(fn=...)``, ``gr.ChatInterface(fn)``, ``gr.on(fn=...)`` and event
  listeners ``btn.click(fn, ...)``, ``.submit``, ``.change``, ``.then`` ... (also used as
  decorators, ``@btn.click(inputs=..., outputs=...)``).
- Streamlit: the script itself reruns on every interaction, so the module pseudo-function
  (and the ``__main__`` block, which Streamlit runs too) is real-time; functions it calls
  or hands to widgets as ``on_click=`` follow through the graph.
- Decorated handlers: Chainlit ``@cl.on_message`` & co, Dash ``@app.callback``, NiceGUI
  ``@ui.page``, Mesop ``@me.page``, Solara ``@solara.component``, Panel ``@pn.depends``,
  ipywidgets ``@interact``.
- Callback registrations: ``pn.bind(fn, widget)``, ``interact(fn, ...)``, ``button.on_click(fn)``.
"""
from __future__ import annotations

from typing import Dict, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.resolve import callable_target, origin, short
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import arg, kwarg

REAL_TIME = "real-time"

GRADIO_EVENTS = frozenset({
    "click", "submit", "change", "input", "select", "upload", "load", "then", "success", "like", "retry",
    "undo", "clear", "stream", "release", "blur", "focus", "key_up", "play", "pause", "stop", "end", "edit",
    "delete", "apply", "tick", "copy", "option_select", "example_select",
})
# Calls that take the handler: qualified callee -> (label, source, keyword ("" if none), position).
CALLBACK_CALLS: Dict[str, Tuple[str, str, str, int]] = {
    "gradio.Interface": ("Gradio Interface", "gradio", "fn", 0),
    "gradio.ChatInterface": ("Gradio ChatInterface", "gradio", "fn", 0),
    "gradio.on": ("Gradio gr.on", "gradio", "fn", 1),
    "panel.bind": ("Panel pn.bind", "panel", "function", 0),
    "panel.interact": ("Panel pn.interact", "panel", "", 0),
    "ipywidgets.interact": ("ipywidgets interact", "ipywidgets", "", 0),
    "ipywidgets.interact_manual": ("ipywidgets interact_manual", "ipywidgets", "", 0),
    "ipywidgets.interactive": ("ipywidgets interactive", "ipywidgets", "", 0),
}
# Decorators that make a function a UI handler: qualified name -> (label, source).
UI_DECORATORS: Dict[str, Tuple[str, str]] = {
    **{f"chainlit.{hook}": (f"Chainlit @cl.{hook}", "chainlit") for hook in (
        "on_message", "on_chat_start", "on_chat_resume", "action_callback", "on_audio_start", "on_audio_chunk",
        "on_audio_end", "on_settings_update", "set_starters", "set_chat_profiles", "on_file_upload",
    )},
    "dash.callback": ("Dash callback", "dash-callback"),
    "nicegui.ui.page": ("NiceGUI page", "nicegui"),
    "mesop.page": ("Mesop page", "mesop"),
    "solara.component": ("Solara component", "solara"),
    "panel.depends": ("Panel @pn.depends", "panel"),
    "ipywidgets.interact": ("ipywidgets @interact", "ipywidgets"),
    "ipywidgets.interact_manual": ("ipywidgets @interact_manual", "ipywidgets"),
    "gradio.render": ("Gradio @gr.render", "gradio"),
}
# Widget toolkits whose ``widget.on_click(fn)`` is a person clicking.
CLICK_TOOLKITS = ("panel", "ipywidgets", "bokeh")
_PAGE_PATH_KWARGS = ("path", "route")


def _trigger(target, line: int, note: str, source: str) -> Trigger:
    return Trigger(kind=REAL_TIME, source=source, target=target, line=line, note=note)


def _owned(ctx: "Context", receiver: cst.BaseExpression, roots: Sequence[str]) -> bool:
    """The receiver was built by one of ``roots``, or this file cannot tell (then the import decides)."""
    built = origin(ctx, ctx.expr(receiver))
    if built is None:
        return any(ctx.imports(root) for root in roots)
    return built.root in roots


def _event_name(ctx: "Context", func: cst.Attribute) -> str:
    """``btn.click`` / ``btn.click(...).then`` for notes."""
    receiver = func.value
    if isinstance(receiver, cst.Call):
        return f"{short(ctx, receiver.func)}(...).{func.attr.value}"
    return f"{short(ctx, receiver)}.{func.attr.value}"


class GradioEvents(Recognizer):
    """``btn.click(fn, ...)`` and friends, as calls or as decorators, in a Gradio file."""

    id = "gradio-events"
    words = ("gradio",)

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in GRADIO_EVENTS):
            return
        if not ctx.imports("gradio") or not _owned(ctx, func.value, ("gradio",)):
            return
        handler = arg(node, "fn", 0)
        target = callable_target(ctx, handler)
        if target is None or handler is None:
            return
        note = f"Gradio event {_event_name(ctx, func)} -> {short(ctx, handler)}"
        ctx.add_trigger(_trigger(target, ctx.line(node), note, "gradio"))

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            callee = dec.call.func if dec.call is not None else dec.node.decorator
            if not (isinstance(callee, cst.Attribute) and dec.attr in GRADIO_EVENTS):
                continue
            if dec.call is not None and arg(dec.call, "fn", 0) is not None:
                continue  # ``@x.click(other_fn)`` is not this function's listener
            if ctx.imports("gradio") and _owned(ctx, callee.value, ("gradio",)):
                note = f"Gradio event @{short(ctx, callee)} -> {node.name.value}"
                ctx.add_trigger(_trigger(["name", qualname], dec.line, note, "gradio"))


class CallbackCalls(Recognizer):
    """``gr.Interface(fn=...)``, ``pn.bind(fn, w)``, ``interact(fn)``, ``widget.on_click(fn)``."""

    id = "ui-callback-calls"
    words = ("gradio", "panel", "ipywidgets", "bokeh")

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        spec = CALLBACK_CALLS.get(callee or "")
        if spec is not None:
            label, source, keyword, index = spec
            handler = arg(node, keyword, index)
        elif isinstance(node.func, cst.Attribute) and node.func.attr.value == "on_click":
            if not _owned(ctx, node.func.value, CLICK_TOOLKITS):
                return
            label, source, handler = f"{short(ctx, node.func)}", "widget-click", arg(node, "callback", 0)
        else:
            return
        target = callable_target(ctx, handler)
        if target is None or handler is None:
            return
        ctx.add_trigger(_trigger(target, ctx.line(node), f"{label} -> {short(ctx, handler)}", source))


class UiDecorators(Recognizer):
    """Chainlit, Dash, NiceGUI, Mesop, Solara, Panel and ipywidgets handler decorators."""

    id = "ui-decorators"
    words = ("chainlit", "dash", "nicegui", "mesop", "solara", "panel", "ipywidgets", "gradio")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            spec = UI_DECORATORS.get(dec.name or "")
            if spec is None and dec.attr == "callback" and self._dash_app(ctx, dec):
                spec = UI_DECORATORS["dash.callback"]
            if spec is None:
                continue
            label, source = spec
            note = f"{label} -> {node.name.value}"
            path = self._page_path(ctx, dec)
            if path:
                note = f"{label} {path} -> {node.name.value}"
            ctx.add_trigger(_trigger(["name", qualname], dec.line, note, source))
            return

    @staticmethod
    def _dash_app(ctx: "Context", dec: Decorator) -> bool:
        callee = dec.call.func if dec.call is not None else None
        return isinstance(callee, cst.Attribute) and ctx.imports("dash") and _owned(ctx, callee.value, ("dash",))

    @staticmethod
    def _page_path(ctx: "Context", dec: Decorator) -> Optional[str]:
        if dec.call is None or dec.attr != "page":
            return None
        for name in _PAGE_PATH_KWARGS:
            value = ctx.literal(kwarg(dec.call, name))
            if isinstance(value, str):
                return value
        value = ctx.literal(arg(dec.call, "path", 0))
        return value if isinstance(value, str) else None


class StreamlitScript(Recognizer):
    """A Streamlit script reruns top to bottom on every interaction: its module code is real-time."""

    id = "streamlit-script"
    words = ("streamlit",)

    def on_module_end(self, ctx: "Context") -> None:
        if not ctx.imports("streamlit"):
            return
        for scope in ("<module>", "__main__"):
            fn = ctx.facts.functions.get(f"{ctx.module}.{scope}")
            if fn is None:
                continue
            note = f"Streamlit script {ctx.path}: reruns on every user interaction"
            ctx.add_trigger(_trigger(["name", fn.qualname], fn.line, note, "streamlit"))


RECOGNIZERS = [GradioEvents(), CallbackCalls(), UiDecorators(), StreamlitScript()]
