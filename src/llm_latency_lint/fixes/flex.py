"""The flex-tier alternative to a batch rewrite: ``service_tier="flex"`` and a longer timeout.

The call stays synchronous (same code shape, results where they were), priced at batch rates
where the provider says so, but slower and sometimes rejected under load: unsafe. Offered only
where the model is a literal the provider documents for flex, or the user opted in through
``flex-models`` in the config (``"*"``: any model).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Tuple

import libcst as cst

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
    strategy: str = field(default=FLEX, init=False)

    @property
    def keys(self) -> Tuple[Tuple[str, str], ...]:  # type: ignore[override]
        return tuple((self.provider, op) for op in self.operations)

    def supports(self, model: str) -> bool:
        return any(re.fullmatch(re.escape(m) + _SNAPSHOT, model) for m in self.known_models)

    def plan(self, ctx: SiteContext) -> Plan:
        if ctx.client_type not in self.clients:
            raise Refuse(f"flex tier: {ctx.client_type or 'module-level client'} is not a {self.label} client the fix knows")
        if ctx.kwarg("service_tier") is not None:
            raise Refuse("the call already sets service_tier")
        opted = ctx.config.flex_models
        model = ctx.model
        if "*" not in opted and not (model and (self.supports(model) or model in opted)):
            known = ", ".join(self.known_models) or "none documented"
            what = f"model {model!r}" if model else "the model (not a literal)"
            raise Refuse(
                f"{what} is not known to support the {self.label} flex tier ({known}; {self.source}); "
                "opt in with flex-models in [tool.llm-latency-lint]"
            )
        additions: List[Tuple[str, cst.BaseExpression]] = [("service_tier", cst.SimpleString('"flex"'))]
        if ctx.kwarg("timeout") is None:
            additions.append(("timeout", cst.Float(repr(self.timeout_seconds))))
        call = ctx.call.with_changes(args=_append_kwargs(list(ctx.call.args), additions))
        return Plan(
            description=f"use the {self.label} flex tier (service_tier=\"flex\", timeout {self.timeout_seconds:.0f} s)",
            safety=UNSAFE,
            replace={ctx.call: call},
        )


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
