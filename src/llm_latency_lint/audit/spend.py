"""Who spends what: monthly USD attributed to call sites, from config or a usage export.

Static analysis cannot see traffic, so every figure here is the user's, spread over the call
sites it names. Each step that spreads or drops money adds a sentence to ``assumptions``, and
every report prints them.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Protocol, Sequence

from llm_latency_lint.audit.usage import Usage, model_key
from llm_latency_lint.config import Spend, SpendEntry


class Site(Protocol):
    """What attribution reads of one call site (``inventory.Row`` has it)."""

    @property
    def path(self) -> str: ...

    @property
    def provider(self) -> str: ...

    @property
    def operation(self) -> str: ...

    @property
    def model(self) -> Optional[str]: ...


@dataclass
class Attribution:
    spend: Dict[int, float] = field(default_factory=dict)  # row index -> monthly USD
    source: str = ""
    assumptions: List[str] = field(default_factory=list)


def _matches(entry: SpendEntry, site: Site) -> bool:
    if entry.path and not (fnmatch.fnmatch(site.path, entry.path) or fnmatch.fnmatch(site.path, f"{entry.path}/*")):
        return False
    if entry.provider and entry.provider != site.provider:
        return False
    if entry.operation and entry.operation != site.operation:
        return False
    if entry.model and (not site.model or model_key(entry.model) != model_key(site.model)):
        return False
    return True


def _share(amount: float, indexes: List[int], into: Dict[int, float]) -> None:
    for i in indexes:
        into[i] = into.get(i, 0.0) + amount / len(indexes)


def from_config(sites: Sequence[Site], spend: Spend, spendable: Sequence[bool]) -> Attribution:
    """Each entry's amount goes to the spendable sites it matches that no earlier entry took."""
    out = Attribution(source="config" if spend.sites else "")
    taken: set = set()
    for number, entry in enumerate(spend.sites, start=1):
        hits = [i for i, s in enumerate(sites) if spendable[i] and i not in taken and _matches(entry, s)]
        label = f"spend entry {number} ({entry.label}, ${entry.monthly:,.2f}/month)"
        if not hits:
            out.assumptions.append(f"{label} matches no call site: not counted")
            continue
        if len(hits) > 1:
            out.assumptions.append(f"{label} is shared evenly by {len(hits)} call sites")
        _share(entry.monthly, hits, out.spend)
        taken.update(hits)
    return out


def from_usage(sites: Sequence[Site], usage: Usage, spendable: Sequence[bool]) -> Attribution:
    """Each model's spend goes, evenly, to the spendable sites that name that model."""
    out = Attribution(source=f"usage {usage.source}", assumptions=list(usage.assumptions))
    out.assumptions.append("spend is attributed to call sites by model, shared evenly by the sites naming a model")
    for key, amount in sorted(usage.by_model.items()):
        hits = [i for i, s in enumerate(sites) if spendable[i] and s.model and model_key(s.model) == key]
        if not hits:
            out.assumptions.append(f"{usage.models.get(key, key)}: ${amount:,.2f}/month matches no call site's model")
            continue
        _share(amount, hits, out.spend)
    unnamed = sum(1 for i, s in enumerate(sites) if spendable[i] and not s.model)
    if unnamed:
        out.assumptions.append(f"{unnamed} call site(s) without a literal model get no spend from the export")
    return out
