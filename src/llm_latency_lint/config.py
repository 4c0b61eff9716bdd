"""``[tool.llm-latency-lint]`` in pyproject.toml, validated by pydantic.

An unknown key or a wrong type is a ``ConfigError`` naming the file and the key path.
"""
from __future__ import annotations

import fnmatch
import os
import re
import sys
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Annotated, Dict, List, Optional, Tuple

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    field_validator,
    model_validator,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Every code the tool reports: the rules in rules/ and the flake8 plugin's LLM900 (config sits below
# rules/, so the list is spelled out here; tests/test_cli.py checks it against the registry).
RULE_CODES = ("LLM001", "LLM002", "LLM003", "LLM004", "LLM005", "LLM006", "LLM100", "LLM900")
DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", "env", ".env", "__pycache__",
    "node_modules", "build", "dist", "site-packages", ".mypy_cache", ".pytest_cache",
    ".ruff_cache", ".llm_latency_lint_cache", "*.egg-info",
)


class ConfigError(Exception):
    """Bad configuration: the message names the file and the key."""


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True, frozen=True)


class Wrapper(_Strict):
    """A project function to report as an LLM call site (an in-house client wrapper)."""

    function: str
    provider: str = "openai"
    operation: str = "chat.completions.create"


DAYS_PER_MONTH = 30  # calls-per-day becomes a monthly figure with this


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


def code_problem(value: str) -> Optional[str]:
    """Why ``value`` is not a rule code or a prefix of one (None when it is), naming the valid ones:
    ``--select``/``--ignore`` and the config file's code lists share this check."""
    if value and any(code.startswith(value) for code in RULE_CODES):
        return None
    return f"{value!r} is not a rule code or prefix; valid: {', '.join(RULE_CODES)} or a prefix (LLM, LLM0, LLM00)"


def _check_codes(values: List[str]) -> List[str]:
    for value in values:
        problem = code_problem(value)
        if problem:
            raise ValueError(problem)
    return values


class Config(_Strict):
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

    _codes = field_validator("select", "ignore", "extend_select", "extend_ignore")(_check_codes)

    @field_validator("per_file_ignores")
    @classmethod
    def _globs(cls, value: Dict[str, List[str]]) -> Dict[str, List[str]]:
        for glob, codes in value.items():
            if not glob or glob.count("[") != glob.count("]"):
                raise ValueError(f"bad glob {glob!r}")
            _check_codes(codes)
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

    @property
    def selected(self) -> Tuple[List[str], List[str]]:
        return [*self.select, *self.extend_select], [*self.ignore, *self.extend_ignore]

    @property
    def wrapper_names(self) -> frozenset:
        return frozenset(w.function for w in self.wrappers)

    def ignored_for(self, path: str) -> List[str]:
        codes: List[str] = []
        for glob, glob_codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(path, glob) or fnmatch.fnmatch(path, f"*/{glob}"):
                codes.extend(glob_codes)
        return codes

    def is_excluded(self, relpath: str, name: str) -> bool:
        patterns = [*DEFAULT_EXCLUDE, *self.exclude, *self.extend_exclude] if not self.exclude else [
            *self.exclude, *self.extend_exclude
        ]
        whole, inside = _exclusion_regexes(tuple(patterns))
        name, relpath = os.path.normcase(name), os.path.normcase(relpath)
        return bool(whole.match(name) or whole.match(relpath) or inside.match(relpath))


@lru_cache(maxsize=8)
def _exclusion_regexes(patterns: Tuple[str, ...]) -> Tuple["re.Pattern[str]", "re.Pattern[str]"]:
    """The exclude globs as two compiled alternations (``p`` and ``p/*``): one match per path
    instead of three ``fnmatch`` calls per pattern, which dominated discovery on big trees."""
    globs = [os.path.normcase(p) for p in patterns] or ["(?!)"]
    whole = re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in globs))
    inside = re.compile("|".join(f"(?:{fnmatch.translate(p + '/*')})" for p in globs))
    return whole, inside


def find_pyproject(start: Path) -> Optional[Path]:
    here = start if start.is_dir() else start.parent
    for folder in [here, *here.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load(path: Optional[Path]) -> Config:
    """Config from a pyproject.toml (defaults when ``path`` is None or has no section)."""
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    section = data.get("tool", {}).get("llm-latency-lint")
    if section is None:
        return Config()
    return parse(section, str(path))


def parse(section: object, origin: str) -> Config:
    try:
        return Config.model_validate(section)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            key = ".".join(str(p) for p in error["loc"])
            message = error["msg"]
            if error["type"] == "extra_forbidden":
                message = "unknown key"
            problems.append(f"tool.llm-latency-lint.{key}: {message}" if key else message)
        raise ConfigError(f"{origin}: " + "; ".join(problems)) from None
