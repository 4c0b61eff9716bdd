"""Gemini's flex tier for ``models.generate_content``: ``service_tier`` flex in the request's
config, a 15-minute timeout and retries of 429/503 (best-effort capacity).

Checked against google-genai 3.6.1: ``GenerateContentConfig.service_tier: Optional[ServiceTier]``
(``ServiceTier.FLEX = 'flex'``, "The service tier to use for the request"), ``http_options:
HttpOptions`` with ``timeout`` in milliseconds and ``retry_options: HttpRetryOptions(attempts,
http_status_codes)``. Older google-genai versions were not checked: the fix names the version it
needs. The docs (catalog/tiers.py) list no models for Gemini flex, so only models opted in with
``flex-models`` get it. The config is added (no ``config=``), or extended where it is a
``GenerateContentConfig(...)`` call; a config held in a variable or a dict is refused.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Tuple

import libcst as cst

from llm_latency_lint.catalog.tiers import tier
from llm_latency_lint.fixes.base import FLEX, UNSAFE, Fixer, Plan, Refuse, SiteContext
from llm_latency_lint.fixes.flex import _append_kwargs
from llm_latency_lint.fixes.sdk_versions import SdkRequirement

REQUIREMENT = SdkRequirement("google-genai", "3.6", "GenerateContentConfig.service_tier, checked on 3.6.1")
TIMEOUT_MS = 900_000
ATTEMPTS = 8


def _expr(code: str) -> cst.BaseExpression:
    return cst.parse_expression(code)


@dataclass
class GeminiFlexFixer(Fixer):
    clients: Tuple[str, ...] = ("google.genai.Client", "google.genai.client.Client")
    keys: Tuple[Tuple[str, str], ...] = (("google", "models.generate_content"),)
    strategy: str = field(default=FLEX, init=False)

    def plan(self, ctx: SiteContext) -> Plan:
        if ctx.client_type not in self.clients:
            raise Refuse(f"flex tier: {ctx.client_type or 'module-level client'} is not a google-genai client the fix knows")
        row = tier("google", "flex")
        assert row is not None
        if not row.allows(ctx.model, ctx.config.flex_models):
            what = f"model {ctx.model!r}" if ctx.model else "the model (not a literal)"
            raise Refuse(f"{what} is not known to support the Gemini flex tier ({row.models_text()}: {row.source}, "
                         f"read {row.checked}); opt in with flex-models in [tool.llm-latency-lint]")
        blocked = REQUIREMENT.refusal()
        if blocked:
            raise Refuse(blocked)
        settings: List[Tuple[str, cst.BaseExpression]] = [
            ("service_tier", _expr("genai.types.ServiceTier.FLEX")),
            ("http_options", _expr(
                f"genai.types.HttpOptions(timeout={TIMEOUT_MS}, retry_options=genai.types.HttpRetryOptions("
                f"attempts={ATTEMPTS}, http_status_codes=[429, 503]))")),
        ]
        config = ctx.kwarg("config")
        if config is None:
            new_config: cst.BaseExpression = cst.Call(func=_expr("genai.types.GenerateContentConfig"),
                                                      args=_append_kwargs([], settings))
            call = ctx.call.with_changes(args=_append_kwargs(list(ctx.call.args), [("config", new_config)],
                                                             ctx.call.whitespace_before_args))
            replace = {ctx.call: call}
        else:
            value = config.value
            if not (isinstance(value, cst.Call) and ctx.code(value.func).endswith("GenerateContentConfig")):
                raise Refuse("the call's config is not a GenerateContentConfig(...) call the fix can extend")
            taken = {a.keyword.value for a in value.args if a.keyword is not None}
            if taken & {"service_tier", "http_options"} or any(a.keyword is None for a in value.args):
                raise Refuse("the config already sets service_tier or http_options (or passes **kwargs)")
            replace = {value: value.with_changes(args=_append_kwargs(list(value.args), settings, value.whitespace_before_args))}
        return Plan(
            description=(f"use the Gemini flex tier (service_tier flex, timeout {TIMEOUT_MS // 1000} s, {ATTEMPTS} attempts "
                         f"on 429/503; {row.rate:.0%} off: {row.source}, read {row.checked})"),
            safety=UNSAFE,
            replace=replace,  # type: ignore[arg-type]
            imports=[("google", "genai")],
        )
