"""Prefect deployments: ``flow.serve(...)``, ``flow.deploy(...)``, ``flow.to_deployment(...)``
and Prefect 2's ``Deployment.build_from_flow(...)``.

The schedule is one of ``cron=``, ``interval=``, ``rrule=``, ``schedule=`` or ``schedules=``.
A deployment without one runs when someone (or an automation) asks: near-real-time.
``flow.from_source(source, entrypoint="flows/etl.py:etl")`` targets ``"flows.etl:etl"``.

A deployment script need not import Prefect: it imports the flow from the project module that
does (``from hello import enrich``, then ``enrich.from_source(..., entrypoint="hello.py:enrich")
.deploy(name=..., work_pool_name="pool")``). Such a call is Prefect's by its shape alone: a
``from_source`` receiver naming an ``entrypoint="file.py:flow"``, or a keyword only Prefect's
deploy takes (``PREFECT_DEPLOY_KEYWORDS``; round 18's s16vc/contact_enrichment).
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.schedule_args import (
    callable_target,
    compact,
    cron_words,
    interval_words,
    last_name,
    receiver,
    resolve,
    scheduled,
)
from llm_latency_lint.model import Expr
from llm_latency_lint.syntax.literals import arg, kwarg

SOURCE = "prefect"
DEPLOY_METHODS = frozenset({"serve", "deploy", "to_deployment"})
SCHEDULE_KWARGS = ("cron", "interval", "rrule", "schedule", "schedules")
PASS_THROUGH = frozenset({"with_options"})
# Keywords of ``Flow.deploy`` / ``to_deployment`` no other library's ``deploy`` takes (docs.prefect.io,
# "Deploy flows"): a call passing one deploys a Prefect flow wherever the flow was imported from.
PREFECT_DEPLOY_KEYWORDS = frozenset({"work_pool_name", "work_queue_name", "job_variables"})


class Prefect(Recognizer):
    id = "prefect"
    words = ("prefect", "from_source(", "work_pool_name", "work_queue_name")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        if any((d.name or "").startswith("prefect") and d.attr == "flow" for d in decorators):
            ctx.state(self).setdefault("flows", set()).add(qualname)

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        method = last_name(node)
        if method == "build_from_flow" and (callee or "").startswith("prefect"):
            self._deployment(ctx, node, arg(node, "flow", 0), "Deployment.build_from_flow")
        elif method in DEPLOY_METHODS and isinstance(node.func, cst.Attribute):
            flow = receiver(node)
            while isinstance(flow, cst.Call) and last_name(flow) in PASS_THROUGH:
                flow = receiver(flow)
            target = self._target(ctx, flow)
            in_file_flow = target is not None and target[0] == "name" and target[1] in ctx.state(self).get("flows", ())
            if not (in_file_flow or ctx.imports("prefect") or self._prefect_shaped(ctx, node, flow)):
                return
            if not in_file_flow and method == "serve" and not self._schedule_args(node):
                return  # a bare .serve() of something we cannot tell is a flow
            owner = compact(ctx, flow, 40) if isinstance(flow, (cst.Name, cst.Attribute)) else f"{last_name(flow)}(...)"
            self._deployment(ctx, node, flow, f"{owner}.{method}", target)

    def _deployment(
        self, ctx: "Context", node: cst.Call, flow: Optional[cst.BaseExpression], label: str,
        target: Optional[Expr] = None,
    ) -> None:
        target = target or self._target(ctx, flow)
        given = self._schedule_args(node)
        if not given:
            scheduled(ctx, SOURCE, target, node, f"{label} without a schedule (runs on demand)", None,
                      kind="near-real-time")
            return
        named = [("name", flow_name)] if (flow_name := kwarg(node, "name")) is not None else []
        code = ", ".join(f"{k}={compact(ctx, v)}" for k, v in named + given)
        words = "; ".join(w for w in (self._words(ctx, k, v) for k, v in given) if w) or None
        scheduled(ctx, SOURCE, target, node, f"{label}({code})", words)

    @staticmethod
    def _prefect_shaped(ctx: "Context", node: cst.Call, flow: Optional[cst.BaseExpression]) -> bool:
        """Prefect's deploy by its shape: ``from_source(..., entrypoint="file.py:flow")`` or a Prefect-only keyword."""
        if isinstance(flow, cst.Call) and last_name(flow) == "from_source":
            entry = ctx.literal(kwarg(flow, "entrypoint"))
            if isinstance(entry, str) and ".py:" in entry:
                return True
        return any(a.keyword is not None and a.keyword.value in PREFECT_DEPLOY_KEYWORDS for a in node.args)

    def _schedule_args(self, node: cst.Call) -> List[Tuple[str, cst.BaseExpression]]:
        return [(k, v) for k in SCHEDULE_KWARGS if (v := kwarg(node, k)) is not None]

    def _target(self, ctx: "Context", flow: Optional[cst.BaseExpression]) -> Optional[Expr]:
        if isinstance(flow, cst.Call) and last_name(flow) == "from_source":
            entry = ctx.literal(kwarg(flow, "entrypoint"))
            if isinstance(entry, str) and ":" in entry:
                path, _, name = entry.rpartition(":")
                module = path[:-3] if path.endswith(".py") else path
                return ["str", f"{module.strip('./').replace('/', '.')}:{name}"]
            return None
        return callable_target(ctx, flow) if flow is not None else None

    def _words(self, ctx: "Context", key: str, node: Optional[cst.BaseExpression]) -> Optional[str]:
        node = resolve(ctx, self, node)
        if key == "cron":
            return cron_words(ctx, self, node)
        if key == "interval":
            return interval_words(ctx, self, node)
        if key == "rrule":
            rule = ctx.literal(node)
            return f"rrule '{rule}'" if isinstance(rule, str) else None
        if isinstance(node, (cst.List, cst.Tuple)):
            found = [self._schedule_object(ctx, e.value) for e in node.elements]
            return "; ".join(w for w in found if w) or None
        return self._schedule_object(ctx, node)

    def _schedule_object(self, ctx: "Context", node: Optional[cst.BaseExpression]) -> Optional[str]:
        """``Cron("...")``, ``CronSchedule(cron=...)``, ``Interval(3600)``, ``IntervalSchedule(interval=...)``."""
        node = resolve(ctx, self, node)
        if not isinstance(node, cst.Call):
            return None
        name = last_name(node)
        if name in ("Cron", "CronSchedule"):
            return cron_words(ctx, self, arg(node, "cron", 0))
        if name in ("Interval", "IntervalSchedule"):
            return interval_words(ctx, self, arg(node, "interval", 0))
        if name in ("RRule", "RRuleSchedule"):
            rule = ctx.literal(arg(node, "rrule", 0))
            return f"rrule '{rule}'" if isinstance(rule, str) else None
        if name in ("Schedule", "DeploymentScheduleCreate", "construct_schedule"):
            for key in ("cron", "interval", "rrule", "schedule"):
                value = kwarg(node, key)
                if value is not None:
                    return self._words(ctx, key, value)
        return None


RECOGNIZERS = [Prefect()]
