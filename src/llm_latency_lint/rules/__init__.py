"""Rule registry: every ``Rule`` subclass in this package, by code."""
from __future__ import annotations

from functools import lru_cache
from typing import Dict, List, Sequence, Tuple, Type

from llm_latency_lint.rules.base import Rule
from llm_latency_lint.rules.llm001 import ScheduledSyncCall
from llm_latency_lint.rules.llm002 import NearRealTimeSyncCall
from llm_latency_lint.rules.llm003 import EmbeddingInLoop
from llm_latency_lint.rules.llm004 import NeedlessStream
from llm_latency_lint.rules.llm005 import BatchInRequest
from llm_latency_lint.rules.llm006 import MixedCallSite
from llm_latency_lint.rules.llm100 import UnusedNoqa

ALL_RULES: Tuple[Type[Rule], ...] = (ScheduledSyncCall, NearRealTimeSyncCall, EmbeddingInLoop, NeedlessStream, BatchInRequest, MixedCallSite, UnusedNoqa)


@lru_cache(maxsize=1)
def rules_by_code() -> Dict[str, Type[Rule]]:
    return {rule.code: rule for rule in ALL_RULES}


def selected_codes(select: Sequence[str], ignore: Sequence[str]) -> List[str]:
    """Codes enabled by ``select`` minus ``ignore`` (prefixes, as in flake8 and Ruff)."""
    chosen = []
    for rule in ALL_RULES:
        longest_select = max((len(p) for p in select if rule.code.startswith(p)), default=-1)
        longest_ignore = max((len(p) for p in ignore if rule.code.startswith(p)), default=-1)
        if longest_select >= 0 and longest_select >= longest_ignore and (rule.default_enabled or longest_select > 3):
            chosen.append(rule.code)
    return chosen


__all__ = ["ALL_RULES", "Rule", "rules_by_code", "selected_codes"]
