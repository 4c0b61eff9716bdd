"""A rule is one small class: its metadata, its docs and its examples sit together.

As in Fixit, the class docstring is the rule's documentation, and ``VALID`` / ``INVALID``
examples are at once the tests and the proof the rule means what the docs say. An example
is a small project (file name -> source); an INVALID example marks each expected finding
with a trailing ``# error: LLM00N`` comment on the line where the call starts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Dict, List, Mapping, Optional

if TYPE_CHECKING:  # pragma: no cover
    from llm_latency_lint.project.classify import ClassifiedSite


@dataclass(frozen=True)
class Example:
    files: Dict[str, str]
    note: str = ""


@dataclass
class RuleDoc:
    what: str
    why: str
    example: str
    use_instead: str
    fix_safety: str
    options: str = "None."


@dataclass
class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    default_enabled: ClassVar[bool] = True
    level: ClassVar[str] = "warning"  # SARIF level / GitHub annotation: "error", "warning" or "note"
    doc: ClassVar[RuleDoc]
    VALID: ClassVar[List[Example]] = []
    INVALID: ClassVar[List[Example]] = []
    # Configured batch discounts (``[tool.llm-latency-lint.discounts]``): messages quote what the audit uses.
    discounts: Mapping[str, float] = field(default_factory=dict)

    def check(self, site: "ClassifiedSite") -> Optional[str]:
        """Return the finding's message for this site, or None."""
        raise NotImplementedError

    @classmethod
    def help_uri(cls) -> str:
        return f"https://github.com/llm-latency-lint/llm-latency-lint/blob/main/docs/rules/{cls.code}.md"
