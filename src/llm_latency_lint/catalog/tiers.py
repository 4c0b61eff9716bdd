"""Per-call discounted tiers per provider, as data: the mode, the rate, the models the provider's
docs allow it for, the page it comes from and when it was read.

``verified`` is True only when the rate was read on the provider's own page. ``models`` empty
with ``models_verified`` False means the docs read did not list the models: the fix applies the
mode only to models opted in through ``flex-models`` (flex) or ``background-models``
(background window) in ``[tool.llm-latency-lint]``. Batch rates live in ``discounts.py``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, Optional, Sequence, Tuple

CHECKED = "2026-12-05"
_SNAPSHOT = r"(-\d{4}-\d{2}-\d{2})?"  # dated snapshots of a model name


@dataclass(frozen=True)
class Tier:
    provider: str
    mode: str  # "flex" | "background-2h" | "background-8h"
    rate: float  # fraction of the standard price saved
    source: str  # URL of the page read
    checked: str  # ISO date the page was read
    verified: bool  # rate read on the provider's own page
    models: Tuple[str, ...] = ()  # models the docs allow (dated snapshots count)
    models_verified: bool = False  # the model list was read on the provider's page
    excluded: Tuple[str, ...] = ()  # models the docs say the mode is unavailable on
    note: str = ""

    def allows(self, model: Optional[str], opted: Sequence[str] = ()) -> bool:
        """True when the docs allow this mode for ``model``, or the user opted the model in."""
        if "*" in opted or (model is not None and model in opted):
            return True
        if model is None or _listed(model, self.excluded):
            return False
        return _listed(model, self.models)

    def models_text(self) -> str:
        listed = ", ".join(self.models) if self.models else "no model list read"
        return listed if self.models_verified else f"{listed}; UNVERIFIED"


def _listed(model: str, names: Sequence[str]) -> bool:
    return any(re.fullmatch(re.escape(m) + _SNAPSHOT, model) for m in names)


_OPENAI_FLEX = "https://developers.openai.com/api/docs/guides/flex-processing"
_GEMINI_FLEX = "https://ai.google.dev/gemini-api/docs/flex-inference"

TIERS: Dict[Tuple[str, str], Tier] = {
    (t.provider, t.mode): t
    for t in (
        # "Tokens are priced at Batch API rates" (50%, discounts.py). The guide now says "Supported
        # models are listed on the pricing page" (not read); an earlier copy of the guide (read
        # 2026-12-02) named o3 and o4-mini, kept here. "Flex is unavailable on GPT-6.2 Astra and
        # GPT-6.2 Sol, and we won't be adding it to future models." The guide's example raises the
        # client timeout to 900 s ("increase default timeout to 15 minutes").
        Tier("openai", "flex", 0.5, _OPENAI_FLEX, CHECKED, True, ("o3", "o4-mini"), False,
             ("gpt-6.2-astra", "gpt-6.2-sol"), "batch rates; slower, occasional resource unavailability (429)"),
        # Same page: "background mode in the Responses API offers discounted completion windows on
        # supported models. The 2-hour window is 30% below Standard token pricing, and the 8-hour
        # window is 40% below." The supported models are not listed there: opt in per model.
        Tier("openai", "background-2h", 0.3, _OPENAI_FLEX, CHECKED, True, (), False, (),
             "Responses background mode, completion_window 2h; model list UNVERIFIED"),
        Tier("openai", "background-8h", 0.4, _OPENAI_FLEX, CHECKED, True, (), False, (),
             "Responses background mode, completion_window 8h; model list UNVERIFIED"),
        # "This tier offers significantly higher rate limits while maintaining the same pricing as
        # on-demand processing" (Groq flex processing page): no saving, so no fix moves a call there.
        Tier("groq", "flex", 0.0, "https://console.groq.com/docs/flex-processing", CHECKED, True, (), True, (),
             "same price as on-demand; 10x rate limits, fails fast with 498 capacity_exceeded"),
        # "The Gemini Flex API is an inference tier that offers a 50% cost reduction compared to
        # standard rates" (Preview); the optimization page's table: "Flex | 50% discount |
        # Minutes (1-15 min target) | Best-effort (Sheddable)". No model list was read.
        Tier("google", "flex", 0.5, _GEMINI_FLEX, CHECKED, True, (), False, (),
             "Preview; best-effort, 1-15 min target latency; model list UNVERIFIED"),
    )
}


def tier(provider: str, mode: str) -> Optional[Tier]:
    return TIERS.get((provider, mode))
