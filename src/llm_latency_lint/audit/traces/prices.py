"""Tokens x price: the standard and the batch price of each traced request.

Two sources, per model:

1. ``[tool.llm-latency-lint.prices]`` in pyproject.toml: USD per million input and output tokens
   (and, optionally, the batch rates; else standard x (1 - the provider's batch discount)). An
   entry here wins: it is what you pay.
2. pydantic's ``genai-prices`` (the optional extra ``prices``; Python 3.11+), priced at each
   request's own time, its batch rate from ``price_context={"processing": "batch"}`` (bundled for
   OpenAI, Anthropic, Google, Mistral, Groq and xAI; a model a provider does not serve in batch
   gets its standard price, so no saving is claimed).

A request whose model neither knows, or that has no token counts, is unpriced and counted.
Every report states which price data it used and its version (``PriceBook.label``).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Dict, List, Optional, Tuple

from llm_latency_lint.audit.traces.spans import Span
from llm_latency_lint.audit.usage import model_key
from llm_latency_lint.catalog import discounts as discounts_mod
from llm_latency_lint.config import TokenPrice

# This project's provider ids -> genai-prices provider ids, where they differ.
_GENAI_PROVIDERS = {"vertexai": "google", "google-generativeai": "google", "bedrock": "aws", "litellm": None,
                    "langchain": None}


@dataclass(frozen=True)
class Price:
    standard: float  # USD
    batch: float  # USD, the same request through the provider's batch API
    source: str  # "config" or "genai-prices"


def _genai() -> Optional[Any]:
    try:
        import genai_prices
    except ImportError:  # not installed, or Python < 3.11
        return None
    return genai_prices


def genai_label(module: Any) -> str:
    """``genai-prices 0.2.5 (bundled data, latest dated price 2027-01-01)``, as far as it can be told."""
    version = getattr(module, "__version__", "?")
    latest = None
    try:
        from genai_prices import data_snapshot, types

        snapshot = data_snapshot.get_snapshot()
        dates = [
            c.constraint.start_date
            for p in snapshot.providers for m in p.models if isinstance(m.prices, list)
            for c in m.prices if isinstance(c.constraint, types.StartDateConstraint)
        ]
        latest = max(dates) if dates else None
        kind = "updated data" if snapshot.from_auto_update else "bundled data"
    except Exception:  # a newer or older package laid out differently: say less, not wrong
        kind = "bundled data"
    return f"genai-prices {version} ({kind}" + (f", latest dated price {latest:%Y-%m-%d})" if latest else ")")


@dataclass
class PriceBook:
    config: Dict[str, TokenPrice] = field(default_factory=dict)  # model (as written) -> rates
    discounts: Dict[str, float] = field(default_factory=dict)  # config overrides of the batch discount
    use_genai: bool = True
    unpriced: Counter = field(default_factory=Counter)  # model (or "no model"/"no tokens") -> requests
    used: Counter = field(default_factory=Counter)  # source -> requests priced
    _cache: Dict[Tuple[Any, ...], Optional[Price]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._config = {model_key(k): v for k, v in self.config.items()}
        self._module = _genai() if self.use_genai else None
        self._table = discounts_mod.table(self.discounts)

    @property
    def genai_available(self) -> bool:
        return self._module is not None

    @property
    def label(self) -> str:
        parts = []
        if self._config:
            parts.append("config prices ([tool.llm-latency-lint.prices], USD per million tokens)")
        if self._module is not None:
            parts.append(genai_label(self._module))
        elif self.use_genai:
            parts.append("genai-prices not installed (pip install 'llm-latency-lint[prices]', Python 3.11+)")
        return "; ".join(parts) or "no price data"

    def price(self, span: Span) -> Optional[Price]:
        if not span.model:
            self.unpriced["no model"] += 1
            return None
        if span.input_tokens is None and span.output_tokens is None:
            self.unpriced[f"{span.model} (no token counts)"] += 1
            return None
        key = (span.provider, span.model, span.start.date(), span.input_tokens or 0, span.output_tokens or 0)
        if key not in self._cache:
            self._cache[key] = self._config_price(span) or self._genai_price(span)
        found = self._cache[key]
        if found is None:
            self.unpriced[span.model] += 1
        else:
            self.used[found.source] += 1
        return found

    def _config_price(self, span: Span) -> Optional[Price]:
        rates = self._config.get(model_key(span.model or ""))
        if rates is None:
            return None
        tokens_in, tokens_out = (span.input_tokens or 0) / 1e6, (span.output_tokens or 0) / 1e6
        standard = tokens_in * rates.input + tokens_out * rates.output
        discount = self._table.get(span.provider or "", discounts_mod.UNKNOWN).rate if span.provider else 0.0
        batch_in = rates.batch_input if rates.batch_input is not None else rates.input * (1 - discount)
        batch_out = rates.batch_output if rates.batch_output is not None else rates.output * (1 - discount)
        return Price(standard, tokens_in * batch_in + tokens_out * batch_out, "config")

    def _genai_price(self, span: Span) -> Optional[Price]:
        module = self._module
        if module is None:
            return None
        usage = module.Usage(input_tokens=span.input_tokens or 0, output_tokens=span.output_tokens or 0)
        provider = _GENAI_PROVIDERS.get(span.provider or "", span.provider)
        when: datetime = span.start
        try:
            standard = module.calc_price(usage, span.model, provider_id=provider, genai_request_timestamp=when)
        except LookupError:
            if provider is None:
                return None
            try:  # a provider id genai-prices spells differently: let it find the provider by model
                standard = module.calc_price(usage, span.model, genai_request_timestamp=when)
                provider = None
            except LookupError:
                return None
        try:
            batch = module.calc_price(usage, span.model, provider_id=provider, genai_request_timestamp=when,
                                      price_context={"processing": "batch"})
            batch_total = float(batch.total_price)
        except TypeError:  # a genai-prices without price contexts: the discount table's rate
            rate = self._table.get(span.provider or "", discounts_mod.UNKNOWN).rate
            batch_total = float(standard.total_price) * (1 - rate)
        return Price(float(standard.total_price), batch_total, "genai-prices")


def describe_unpriced(book: PriceBook) -> List[str]:
    return [f"{count} request(s) of {model} have no price (add it to [tool.llm-latency-lint.prices])"
            for model, count in sorted(book.unpriced.items())]
