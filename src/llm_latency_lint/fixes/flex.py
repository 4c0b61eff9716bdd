"""The flex-tier alternative to a batch rewrite: ``service_tier="flex"``, a longer timeout and
more retries.

The call stays synchronous (same code shape, results where they were), priced at batch rates
where the provider says so, but slower and sometimes rejected under load (OpenAI: 429 "resource
unavailable"): unsafe. OpenAI's flex guide raises the timeout to 15 minutes; the fix passes
``timeout=900.0`` and, where ``max_retries`` is set, reaches the call through
``client.with_options(max_retries=...)`` so the SDK's own exponential backoff retries the 429s.
Offered only where the model is one the provider documents for flex (``catalog/tiers.py``), or
the user opted in through ``flex-models`` in the config (``"*"``: any model).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

import libcst as cst

from llm_latency_lint.catalog.tiers import Tier
from llm_latency_lint.fixes.base import FLEX, UNSAFE, Fixer, Plan, Refuse, SiteContext

_SNAPSHOT = r"(-\d{4}-\d{2}-\d{2})?"  # dated snapshots of a model name


@dataclass
class FlexFixer(Fixer):
    provider: str
    label: str
    operations: Tuple[str, ...]
    known_models: Tuple[str, ...]  # documented flex models (see ``source``)
    source: str
    clients: Tuple[str, ...]
    timeout_seconds: float = 900.0
    max_retries: Optional[int] = None  # reach the call through client.with_options(max_retries=...)
    tier: Optional[Tier] = None  # the discount table's row: excluded models, rate
    strategy: str = field(default=FLEX, init=False)

    @property
    def keys(self) -> Tuple[Tuple[str, str], ...]:  # type: ignore[override]
        return tuple((self.provider, op) for op in self.operations)

    def supports(self, model: str) -> bool:
        if self.tier is not None:
            return self.tier.allows(model)
        return any(re.fullmatch(re.escape(m) + _SNAPSHOT, model) for m in self.known_models)

    def check_model(self, ctx: SiteContext) -> None:
        opted = ctx.config.flex_models
        model = ctx.model
        if "*" not in opted and not (model and (self.supports(model) or model in opted)):
            known = ", ".join(self.known_models) or "none documented"
            what = f"model {model!r}" if model else "the model (not a literal)"
            raise Refuse(
                f"{what} is not known to support the {self.label} flex tier ({known}; {self.source}); "
                "opt in with flex-models in [tool.llm-latency-lint]"
            )

    def plan(self, ctx: SiteContext) -> Plan:
        if ctx.client_type not in self.clients:
            raise Refuse(f"flex tier: {ctx.client_type or 'module-level client'} is not a {self.label} client the fix knows")
        if ctx.kwarg("service_tier") is not None:
            raise Refuse("the call already sets service_tier")
        if self.tier is not None and self.tier.rate <= 0:
            raise Refuse(f"the {self.label} flex tier costs the same as the standard one ({self.tier.source}, "
                         f"read {self.tier.checked}): no saving")
        self.check_model(ctx)
        additions: List[Tuple[str, cst.BaseExpression]] = [("service_tier", cst.SimpleString('"flex"'))]
        if ctx.kwarg("timeout") is None:
            additions.append(("timeout", cst.Float(repr(self.timeout_seconds))))
        call = ctx.call.with_changes(args=_append_kwargs(list(ctx.call.args), additions))
        retries = ""
        if self.max_retries is not None:
            call = call.with_changes(func=_with_options(call.func, ctx.operation, self.max_retries))
            retries = f", {self.max_retries} retries with the SDK's backoff for 429 resource unavailable"
        rate = f", {self.tier.rate:.0%} off ({self.tier.source}, read {self.tier.checked})" if self.tier else ""
        return Plan(
            description=f"use the {self.label} flex tier (service_tier=\"flex\", timeout {self.timeout_seconds:.0f} s{retries}{rate})",
            safety=UNSAFE,
            replace={ctx.call: call},
        )


def _with_options(func: cst.BaseExpression, operation: str, retries: int) -> cst.BaseExpression:
    """``client.chat.completions.create`` -> ``client.with_options(max_retries=N).chat.completions.create``."""
    names = operation.split(".")
    chain: List[cst.Attribute] = []
    node = func
    for name in reversed(names):
        if not (isinstance(node, cst.Attribute) and node.attr.value == name):
            raise Refuse(f"the call is not reached as `<client>.{operation}`")
        chain.append(node)
        node = node.value
    base: cst.BaseExpression = cst.Call(
        func=cst.Attribute(value=node, attr=cst.Name("with_options")),
        args=[cst.Arg(value=cst.Integer(str(retries)), keyword=cst.Name("max_retries"),
                      equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))],
    )
    for attribute in reversed(chain):
        base = attribute.with_changes(value=base)
    return base


def _append_kwargs(args: List[cst.Arg], additions: List[Tuple[str, cst.BaseExpression]]) -> List[cst.Arg]:
    """Add keyword arguments in the layout the call already uses (one per line or inline)."""
    new = [cst.Arg(value=v, keyword=cst.Name(k), equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace(""))) for k, v in additions]
    inline = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if not args:
        return [*(a.with_changes(comma=inline) for a in new[:-1]), new[-1]]
    last = args[-1]
    if isinstance(last.comma, cst.Comma):  # trailing comma: one argument per line
        between = args[-2].comma if len(args) > 1 and isinstance(args[-2].comma, cst.Comma) else last.comma
        tail = [*[a.with_changes(comma=between) for a in new[:-1]], new[-1].with_changes(comma=last.comma)]
        return [*args[:-1], last.with_changes(comma=between), *tail]
    out = [*args[:-1], last.with_changes(comma=inline)]
    out.extend(a.with_changes(comma=inline) for a in new[:-1])
    out.append(new[-1])
    return out
