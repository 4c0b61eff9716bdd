"""``[tool.llm-latency-lint]`` in pyproject.toml: the configuration every stage reads.

``Config`` is a plain frozen value. A project without the section (most projects) gets the
defaults without importing pydantic and the models that validate the section (0.07-0.1 s of a
five-file project's 0.5 s cold run); a section, or a config built from values in code, is
validated by pydantic (``models``), and an unknown key or a wrong type is a ``ConfigError``
naming the file and the key path.
"""
from __future__ import annotations

import fnmatch
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Dict, List, Mapping, Optional, Tuple

from llm_latency_lint.config.codes import (
    DAYS_PER_MONTH,
    DEFAULT_EXCLUDE,
    RULE_CODES,
    ConfigError,
    code_problem,
    exclusion_regexes,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    from llm_latency_lint.config.models import (
        Settings,
        Spend,
        SpendEntry,
        TokenPrice,
        Wrapper,
    )

__all__ = ["Config", "ConfigError", "DAYS_PER_MONTH", "DEFAULT_EXCLUDE", "RULE_CODES", "code_problem",
           "find_pyproject", "load", "parse", "tomllib", "Wrapper", "Spend", "SpendEntry", "TokenPrice"]

# Each key's default, in the models' order (``tests/test_config_plain.py`` holds the two equal).
# ``spend`` defaults to an empty ``Spend``, made on first use (``Config.spend``).
DEFAULTS: Dict[str, Callable[[], object]] = {
    "select": lambda: ["LLM"], "ignore": list, "extend_select": list, "extend_ignore": list,
    "exclude": list, "extend_exclude": list, "per_file_ignores": dict,
    "scheduled_decorators": list, "real_time_decorators": list, "near_real_time_decorators": list,
    "scheduled_functions": list, "real_time_functions": list, "near_real_time_functions": list,
    "wrappers": list, "cache": lambda: True, "cache_dir": lambda: None, "graph_budget": lambda: 120.0,
    "spend": lambda: None, "prices": dict, "discounts": dict, "azure_batch_deployments": dict,
    "flex_models": list, "background_models": list, "openai_base_urls": list,
    "fix_time_critical": lambda: False, "fix_helper_module": lambda: "auto",
}


_SLOTS = {"spend": "_spend"}  # keys read through a property


class Config:
    """The configuration (see ``models.Settings`` for what each key means). ``Config()`` is the
    defaults, made without pydantic; ``Config(key=value, ...)`` and ``model_validate`` validate
    through the models, as before; ``model_copy(update=...)`` replaces values it is given
    without validating them, as pydantic's does."""

    __slots__ = tuple(_SLOTS.get(name, name) for name in DEFAULTS)
    select: List[str]
    ignore: List[str]
    extend_select: List[str]
    extend_ignore: List[str]
    exclude: List[str]
    extend_exclude: List[str]
    per_file_ignores: Dict[str, List[str]]
    scheduled_decorators: List[str]
    real_time_decorators: List[str]
    near_real_time_decorators: List[str]
    scheduled_functions: List[str]
    real_time_functions: List[str]
    near_real_time_functions: List[str]
    wrappers: List["Wrapper"]
    cache: bool
    cache_dir: Optional[str]
    graph_budget: float
    prices: Dict[str, "TokenPrice"]
    discounts: Dict[str, float]
    azure_batch_deployments: Dict[str, str]
    flex_models: List[str]
    background_models: List[str]
    openai_base_urls: List[str]
    fix_time_critical: bool
    fix_helper_module: str
    _spend: Optional["Spend"]  # ``spend``'s slot: None until first read

    def __init__(self, **values: object) -> None:
        if values:
            from llm_latency_lint.config.models import Settings

            self._take(Settings(**values))  # pydantic's ValidationError on a bad value, as before
            return
        for name, default in DEFAULTS.items():
            object.__setattr__(self, _SLOTS.get(name, name), default())

    def _take(self, settings: "Settings") -> None:
        for name in DEFAULTS:
            object.__setattr__(self, _SLOTS.get(name, name), getattr(settings, name))

    @classmethod
    def of(cls, settings: "Settings") -> "Config":
        config = cls.__new__(cls)
        config._take(settings)
        return config

    @classmethod
    def model_validate(cls, data: object) -> "Config":
        from llm_latency_lint.config.models import Settings

        return cls.of(Settings.model_validate(data))

    def model_copy(self, update: Optional[Mapping[str, object]] = None) -> "Config":
        config = Config.__new__(Config)
        for name in DEFAULTS:
            slot = _SLOTS.get(name, name)
            object.__setattr__(config, slot, getattr(self, slot) if not update or name not in update else update[name])
        return config

    def model_dump(self) -> Dict[str, object]:
        """Plain values (nested models as dicts), in the models' key order."""
        values = {name: _plain(getattr(self, _SLOTS.get(name, name))) for name in DEFAULTS}
        if values["spend"] is None:
            values["spend"] = {"sites": []}
        return values

    def model_dump_json(self) -> str:
        """The compact JSON pydantic writes for the same values (the caches' keys)."""
        return json.dumps(self.model_dump(), separators=(",", ":"), ensure_ascii=False)

    @property
    def spend(self) -> "Spend":
        spend = self._spend
        if spend is None:  # the default, made on first use (only ``audit`` reads it)
            from llm_latency_lint.config.models import Spend

            spend = Spend()
            object.__setattr__(self, "_spend", spend)
        return spend

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Config is frozen: cannot set {name!r}")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Config) and self.model_dump() == other.model_dump()

    __hash__ = None  # type: ignore[assignment]  # lists inside, as the models had

    def __repr__(self) -> str:
        return f"Config({', '.join(f'{k}={v!r}' for k, v in self.model_dump().items())})"

    def __reduce__(self) -> Tuple[Callable[..., "Config"], Tuple[object, ...]]:
        return _restore, (tuple(getattr(self, slot) for slot in self.__slots__),)

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
        whole, inside = exclusion_regexes(tuple(patterns))
        name, relpath = os.path.normcase(name), os.path.normcase(relpath)
        return bool(whole.match(name) or whole.match(relpath) or inside.match(relpath))


def _restore(values: Tuple[object, ...]) -> Config:
    config = Config.__new__(Config)
    for slot, value in zip(Config.__slots__, values):
        object.__setattr__(config, slot, value)
    return config


def _plain(value: object) -> object:
    dump = getattr(value, "model_dump", None)
    if dump is not None:
        return dump()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def __getattr__(name: str) -> object:
    """The models (``Wrapper``, ``Spend``, ``SpendEntry``, ``TokenPrice``), imported when asked for."""
    if name in ("Wrapper", "Spend", "SpendEntry", "TokenPrice", "Settings"):
        from llm_latency_lint.config import models

        return getattr(models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    from llm_latency_lint.config.models import validate

    return Config.of(validate(section, origin))
