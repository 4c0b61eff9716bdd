"""AWS Chalice: Lambda functions declared by decorators on ``app = Chalice(...)``.

``@app.schedule(Rate(1, unit=Rate.HOURS))`` / ``Cron(0, 7, "*", "*", "?", "*")`` /
``"rate(1 hour)"`` runs the function on a schedule; ``@app.on_s3_event``, ``on_sqs_message``,
``on_sns_message``, ``on_cw_event``, ``on_dynamodb_record``, ``on_kinesis_record`` start it when
something happens: near-real-time; ``on_ws_message`` answers a caller who waits: real-time
(``@app.route`` is read by the generic route recogniser). ``@app.lambda_function()`` is invoked by other code and says nothing by itself.
"""
from __future__ import annotations

from typing import Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.schedule_args import last_name
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import arg, kwarg, positional

SOURCE = "chalice"
EVENTS = frozenset({"on_s3_event", "on_sqs_message", "on_sns_message", "on_cw_event", "on_dynamodb_record",
                    "on_kinesis_record"})
REQUESTS = frozenset({"on_ws_message"})  # ``@app.route``: the generic HTTP route recogniser
_UNIT_SECONDS = {"MINUTES": 60, "HOURS": 3600, "DAYS": 86400}


class Chalice(Recognizer):
    id = SOURCE
    words = ("chalice",)

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        if not ctx.imports("chalice"):
            return
        for dec in decorators:
            if dec.call is None:
                continue
            if dec.attr == "schedule":
                expr = arg(dec.call, "expression", 0)
                words = schedule_words(ctx, expr)
                shown = " ".join(ctx.code(expr).split()) if expr is not None else ""
                self._add(ctx, "scheduled", qualname, dec, f"Chalice @app.schedule({shown})", words)
            elif dec.attr in EVENTS:
                self._add(ctx, "near-real-time", qualname, dec, f"Chalice @app.{dec.attr} (runs when it happens)")
            elif dec.attr in REQUESTS:
                path = ctx.literal(positional(dec.call, 0))
                where = f" '{path}'" if isinstance(path, str) else ""
                self._add(ctx, "real-time", qualname, dec, f"Chalice @app.{dec.attr}{where}")

    @staticmethod
    def _add(ctx: "Context", kind: str, qualname: str, dec: Decorator, note: str,
             schedule: Optional[str] = None) -> None:
        ctx.add_trigger(Trigger(kind=kind, source=SOURCE, target=["name", qualname], line=dec.line,
                                note=f"{note} -> {qualname.rsplit('.', 1)[-1]}", schedule=schedule))


def schedule_words(ctx: "Context", expr: Optional[cst.BaseExpression]) -> Optional[str]:
    """``Rate(5, unit=Rate.MINUTES)``, ``Cron(0, 7, "*", "*", "?", "*")`` or an AWS expression string."""
    from llm_latency_lint.catalog.schedule_words import aws_schedule_words, interval

    if isinstance(expr, cst.Call) and last_name(expr) == "Rate":
        count, unit = ctx.literal(positional(expr, 0)), kwarg(expr, "unit") or positional(expr, 1)
        seconds = _UNIT_SECONDS.get(last_name(unit)) if unit is not None else None
        return interval(count * seconds) if isinstance(count, int) and seconds else None
    if isinstance(expr, cst.Call) and last_name(expr) == "Cron":
        fields = [ctx.literal(positional(expr, i)) for i in range(6)]
        if all(isinstance(f, (int, str)) for f in fields):
            return aws_schedule_words(f"cron({' '.join(str(f) for f in fields)})")
        return None
    text = ctx.literal(expr) if expr is not None else None
    return aws_schedule_words(text) if isinstance(text, str) else None


RECOGNIZERS = [Chalice()]
