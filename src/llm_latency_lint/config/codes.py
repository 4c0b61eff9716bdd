"""What both config forms share and neither needs pydantic for: the rule codes, the error type,
the default excludes and the exclude globs as regexes."""
from __future__ import annotations

import fnmatch
import os
import re
from functools import lru_cache
from typing import List, Optional, Tuple

# Every code the tool reports: the rules in rules/ and the flake8 plugin's LLM900 (config sits below
# rules/, so the list is spelled out here; tests/test_cli.py checks it against the registry).
RULE_CODES = ("LLM001", "LLM002", "LLM003", "LLM004", "LLM005", "LLM006", "LLM100", "LLM900")
DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", "env", ".env", "__pycache__",
    "node_modules", "build", "dist", "site-packages", ".mypy_cache", ".pytest_cache",
    ".ruff_cache", ".llm_latency_lint_cache", "*.egg-info",
)
DAYS_PER_MONTH = 30  # calls-per-day becomes a monthly figure with this


class ConfigError(Exception):
    """Bad configuration: the message names the file and the key."""


def code_problem(value: str) -> Optional[str]:
    """Why ``value`` is not a rule code or a prefix of one (None when it is), naming the valid ones:
    ``--select``/``--ignore`` and the config file's code lists share this check."""
    if value and any(code.startswith(value) for code in RULE_CODES):
        return None
    return f"{value!r} is not a rule code or prefix; valid: {', '.join(RULE_CODES)} or a prefix (LLM, LLM0, LLM00)"


def check_codes(values: List[str]) -> List[str]:
    for value in values:
        problem = code_problem(value)
        if problem:
            raise ValueError(problem)
    return values


@lru_cache(maxsize=8)
def exclusion_regexes(patterns: Tuple[str, ...]) -> Tuple["re.Pattern[str]", "re.Pattern[str]"]:
    """The exclude globs as two compiled alternations (``p`` and ``p/*``): one match per path
    instead of three ``fnmatch`` calls per pattern, which dominated discovery on big trees."""
    globs = [os.path.normcase(p) for p in patterns] or ["(?!)"]
    whole = re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in globs))
    inside = re.compile("|".join(f"(?:{fnmatch.translate(p + '/*')})" for p in globs))
    return whole, inside
