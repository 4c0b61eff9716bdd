"""``[tool.llm-latency-lint]`` validated by pydantic: imported only when a project has the section
or code builds a config from values (start-up: these models cost 0.07-0.1 s to import).

An unknown key or a wrong type is a ``ConfigError`` naming the file and the key path.
"""
from __future__ import annotations

from pathlib import PurePosixPath
from typing import Annotated, Dict, List, Optional

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    field_validator,
    model_validator,
)

from llm_latency_lint.config.codes import DAYS_PER_MONTH, ConfigError, check_codes


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True, frozen=True)


class Wrapper(_Strict):
    """A project function to report as an LLM call site (an in-house client wrapper)."""

    function: str
    provider: str = "openai"
    operation: str = "chat.completions.create"


class SpendEntry(_Strict):
    """Spend of the call sites that match every selector given (none given: every site).

    The amount is ``monthly-usd``, or ``usd-per-call`` times ``calls-per-month`` (or
    ``calls-per-day``); it is shared evenly by the sites the entry matches.
    """

    path: Optional[str] = None  # glob on the site's path, relative to the scanned root
    provider: Optional[str] = None
    operation: Optional[str] = None
    model: Optional[str] = None
    monthly_usd: Optional[float] = Field(default=None, ge=0)
    calls_per_month: Optional[float] = Field(default=None, ge=0)
    calls_per_day: Optional[float] = Field(default=None, ge=0)
    usd_per_call: Optional[float] = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _one_amount(self) -> "SpendEntry":
        volume = [v for v in (self.calls_per_month, self.calls_per_day) if v is not None]
        if self.monthly_usd is not None:
            if volume or self.usd_per_call is not None:
                raise ValueError("give monthly-usd, or usd-per-call with calls-per-month or calls-per-day, not both")
        elif len(volume) != 1 or self.usd_per_call is None:
            raise ValueError("needs monthly-usd, or usd-per-call with one of calls-per-month, calls-per-day")
        return self

    @property
    def monthly(self) -> float:
        if self.monthly_usd is not None:
            return self.monthly_usd
        calls = self.calls_per_month if self.calls_per_month is not None else (self.calls_per_day or 0) * DAYS_PER_MONTH
        return calls * (self.usd_per_call or 0)

    @property
    def label(self) -> str:
        parts = [f"{k}={v}" for k, v in (("path", self.path), ("provider", self.provider),
                                          ("operation", self.operation), ("model", self.model)) if v]
        return ", ".join(parts) or "every call site"


class TokenPrice(_Strict):
    """``[tool.llm-latency-lint.prices]``: USD per million tokens for one model (``audit --traces``).

    Batch rates default to the standard ones less the provider's batch discount.
    """

    input: float = Field(ge=0)
    output: float = Field(default=0.0, ge=0)
    batch_input: Optional[float] = Field(default=None, ge=0)
    batch_output: Optional[float] = Field(default=None, ge=0)


class Spend(_Strict):
    """``[tool.llm-latency-lint.spend]``: what the LLM calls cost, for ``audit``'s dollars."""

    sites: List[SpendEntry] = Field(default_factory=list)


class Settings(_Strict):
    """The section validated; ``Config`` (``config/__init__``) holds what it gives."""

    select: List[str] = Field(default_factory=lambda: ["LLM"])
    ignore: List[str] = Field(default_factory=list)
    extend_select: List[str] = Field(default_factory=list)
    extend_ignore: List[str] = Field(default_factory=list)
    exclude: List[str] = Field(default_factory=list)
    extend_exclude: List[str] = Field(default_factory=list)
    per_file_ignores: Dict[str, List[str]] = Field(default_factory=dict)
    # Decorators (qualified names) and functions (qualnames) that declare a latency class.
    scheduled_decorators: List[str] = Field(default_factory=list)
    real_time_decorators: List[str] = Field(default_factory=list)
    near_real_time_decorators: List[str] = Field(default_factory=list)
    scheduled_functions: List[str] = Field(default_factory=list)
    real_time_functions: List[str] = Field(default_factory=list)
    near_real_time_functions: List[str] = Field(default_factory=list)
    wrappers: List[Wrapper] = Field(default_factory=list)
    cache: bool = True  # per-file facts cache (see cache.py); --no-cache turns it off
    cache_dir: Optional[str] = None  # default .llm_latency_lint_cache/ in the project root
    # Seconds the project graph may spend propagating values; past it the run finishes with what
    # it has and reports the functions whose values were cut short as errors.
    graph_budget: float = Field(default=120.0, gt=0)
    spend: Spend = Field(default_factory=Spend)
    # Token prices per model for traced requests (audit --traces), overriding genai-prices.
    prices: Dict[str, TokenPrice] = Field(default_factory=dict)
    # Batch discount per provider id, overriding the table in discounts.py.
    discounts: Dict[str, Annotated[float, Field(ge=0, le=1)]] = Field(default_factory=dict)
    # Autofix: Azure sync deployment -> Global-Batch deployment; models opted in to the flex tier.
    azure_batch_deployments: Dict[str, str] = Field(default_factory=dict)
    flex_models: List[str] = Field(default_factory=list)
    # Models opted in to OpenAI's discounted background windows (the docs list none: catalog/tiers.py).
    background_models: List[str] = Field(default_factory=list)
    # Autofix: ``base_url`` values of OpenAI SDK clients that are OpenAI itself (a URL, the
    # expression's source text, or an environment variable it reads; "*": any). Other base URLs
    # get no batch, flex or background rewrite (fixes/servers.py).
    openai_base_urls: List[str] = Field(default_factory=list)
    # Autofix: batch a call even when its function or a caller pages, texts or alerts someone.
    fix_time_critical: StrictBool = False
    # Autofix: where batch helpers go: "auto" (<top-level package>/_llm_batch.py, or beside a
    # module outside packages), "inline" (in each fixed module), or a .py path under the root.
    fix_helper_module: str = "auto"

    _codes = field_validator("select", "ignore", "extend_select", "extend_ignore")(check_codes)

    @field_validator("per_file_ignores")
    @classmethod
    def _globs(cls, value: Dict[str, List[str]]) -> Dict[str, List[str]]:
        for glob, codes in value.items():
            if not glob or glob.count("[") != glob.count("]"):
                raise ValueError(f"bad glob {glob!r}")
            check_codes(codes)
        return value

    @field_validator("discounts")
    @classmethod
    def _rates(cls, value: Dict[str, float]) -> Dict[str, float]:
        from llm_latency_lint.catalog.providers import all_providers

        known = {p.id for p in all_providers()}
        for provider in value:
            if provider not in known:
                raise ValueError(f"unknown provider {provider!r}; known: {', '.join(sorted(known))}")
        return value

    @field_validator("fix_helper_module")
    @classmethod
    def _helper_path(cls, value: str) -> str:
        if value in ("auto", "inline"):
            return value
        path = PurePosixPath(value)
        if not value.endswith(".py") or path.is_absolute() or ".." in path.parts or "\\" in value:
            raise ValueError('"auto", "inline" or a relative path to a .py file (POSIX separators, no "..")')
        name = path.name[:-3]
        if not all(part.isidentifier() for part in (*path.parts[:-1], name)):
            raise ValueError(f"{value!r} is not importable: every part must be a Python identifier")
        return value



def validate(section: object, origin: str) -> Settings:
    """``section`` validated, or a ``ConfigError`` naming ``origin`` and each bad key."""
    try:
        return Settings.model_validate(section)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            key = ".".join(str(p) for p in error["loc"])
            message = error["msg"]
            if error["type"] == "extra_forbidden":
                message = "unknown key"
            problems.append(f"tool.llm-latency-lint.{key}: {message}" if key else message)
        raise ConfigError(f"{origin}: " + "; ".join(problems)) from None
