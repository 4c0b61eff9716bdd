"""Django signals: ``@receiver(post_save, sender=Order)`` and ``post_save.connect(fn)``.

A signal handler runs when something happened (a model saved, a user logged in); nobody waits
on it as such, so it is near-real-time unless a request path reaches it too. A model signal's
receiver is also the entry ``model-saved:<sender>`` (``model-saved:*`` with no sender; for
``pre_delete`` / ``post_delete`` ``model-deleted:``) that the code saving (deleting) that model runs
(``django_saves.py``; ``m2m_changed``, sent by ``.add()`` / ``.set()``, is not followed): a view saving a ``Post`` makes ``Post``'s
``pre_save`` receiver real-time. A project's own ``Signal()`` is the entry ``signal-sent:<name>``
that each ``signal.send(...)`` / ``send_robust`` runs (synchronously: the sender's class).
"""
from __future__ import annotations

from typing import Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog.command_lines import LAUNCH
from llm_latency_lint.catalog.loaded_modules import SIGNAL_SOURCE
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.resolve import callable_target, origin, short
from llm_latency_lint.model import Expr, Trigger
from llm_latency_lint.syntax.literals import arg, kwarg, positional


def _event(target: Expr, line: int, note: str, weak: bool = False) -> Trigger:
    return Trigger(kind="near-real-time", source=SIGNAL_SOURCE, target=target, line=line, note=note, weak=weak)


RECEIVER_DECORATORS = frozenset({"django.dispatch.receiver", "django.dispatch.dispatcher.receiver"})
SIGNAL_MODULES = (
    "django.db.models.signals.", "django.core.signals.", "django.contrib.auth.signals.",
    "django.db.backends.signals.", "django.test.signals.",
)
SENDS = frozenset({"send", "send_robust", "asend", "asend_robust"})
SENT = "signal-sent:"
MODEL_SIGNALS = {"pre_save": "model-saved:", "post_save": "model-saved:", "pre_delete": "model-deleted:",
                 "post_delete": "model-deleted:"}
SIGNAL_CLASSES = frozenset({"django.dispatch.Signal", "django.dispatch.dispatcher.Signal",
                            "django.db.models.signals.ModelSignal"})


class DjangoSignals(Recognizer):
    """``@receiver(signal, sender=...)`` and ``signal.connect(fn, sender=...)``."""

    id = "django-signals"
    words = ("django.dispatch", "signals", ".connect(")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            if dec.name in RECEIVER_DECORATORS and dec.call is not None:
                signal = positional(dec.call, 0)
                note = f"Django signal {self._signals(ctx, signal)}{self._sender(ctx, dec.call)} -> {node.name.value}"
                saved = self._saved(ctx, signal, kwarg(dec.call, "sender"), ["name", qualname], dec.line, note)
                ctx.add_trigger(_event(["name", qualname], dec.line, note, weak=saved))

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in SENDS and ctx.imports("django"):
            name = ctx.qualified(func.value)  # ``order_placed.send(sender=...)``: its receivers run here
            if name and "." in name and not name.startswith("django."):
                ctx.add_trigger(Trigger(kind="entry", source="django-signal-send", target=["entry", f"{SENT}{name}"],
                                        line=ctx.line(node), entry_key=LAUNCH + ctx.function,
                                        note=f"{ctx.function.rsplit('.', 1)[-1]} sends {name.rsplit('.', 1)[-1]}: "
                                             f"its receivers run"))
            return
        if not (isinstance(func, cst.Attribute) and func.attr.value == "connect"):
            return
        signal = ctx.qualified(func.value) or ""
        built = origin(ctx, ctx.expr(func.value))
        is_signal = signal.startswith(SIGNAL_MODULES) or (built is not None and built.ctor in SIGNAL_CLASSES) or (
            ctx.imports("django") and kwarg(node, "sender") is not None
        )
        handler = arg(node, "receiver", 0)
        target = callable_target(ctx, handler)
        if not is_signal or target is None or handler is None:
            return
        note = (f"Django signal {self._signals(ctx, func.value)}{self._sender(ctx, node)} "
                f"-> {short(ctx, handler)}")
        saved = self._saved(ctx, func.value, kwarg(node, "sender"), target, ctx.line(node), note)
        ctx.add_trigger(_event(target, ctx.line(node), note, weak=saved))

    def _saved(self, ctx: "Context", signal: Optional[cst.BaseExpression], sender: Optional[cst.BaseExpression],
               target: Expr, line: int, note: str) -> bool:
        """A model signal's receiver runs where its sender is saved (``django_saves.py``): then the
        saves found say who waits, and the signal alone is weak evidence (saves not followed)."""
        signals = [e.value for e in signal.elements] if isinstance(signal, (cst.List, cst.Tuple)) else [signal]
        names = [ctx.qualified(s) or "" for s in signals if s is not None]
        custom = [n for n in names if "." in n and not n.startswith("django.")]
        for name in custom:  # a project's own ``Signal()``: its ``.send()`` calls say who waits
            ctx.add_trigger(Trigger(kind="entry", source="django-signal", target=target, line=line, note=note,
                                    entry_key=f"{SENT}{name}"))
        prefixes = sorted({MODEL_SIGNALS[n.rsplit(".", 1)[-1]] for n in names if n.rsplit(".", 1)[-1] in MODEL_SIGNALS})
        if not prefixes:
            return bool(custom)
        model = ctx.qualified(sender) if sender is not None else "*"
        for prefix in prefixes if model else ():
            ctx.add_trigger(Trigger(kind="entry", source="django-signal", target=target, line=line, note=note,
                                    entry_key=f"{prefix}{model}"))
        return bool(model)

    @staticmethod
    def _signals(ctx: "Context", node: Optional[cst.BaseExpression]) -> str:
        if isinstance(node, (cst.List, cst.Tuple)):
            return ", ".join(DjangoSignals._signals(ctx, e.value) for e in node.elements)
        if node is None:
            return "?"
        name = ctx.qualified(node)
        return name.rsplit(".", 1)[-1] if name else short(ctx, node)

    @staticmethod
    def _sender(ctx: "Context", call: cst.Call) -> str:
        sender = kwarg(call, "sender")
        return f" (sender={short(ctx, sender)})" if sender is not None else ""


RECOGNIZERS = [DjangoSignals()]
