"""A rule is one small class: its metadata, its docs and its examples sit together.

As in Fixit, the class docstring is the rule's documentation, and ``VALID`` / ``INVALID``
examples are at once the tests and the proof the rule means what the docs say. An example
is a small project (file name -> source); an INVALID example marks each expected finding
with a trailing ``# error: LLM00N`` comment on the line where the call starts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import (
    TYPE_CHECKING,
    ClassVar,
    Dict,
    FrozenSet,
    List,
    Mapping,
    Optional,
    Sequence,
    Set,
    Tuple,
)

if TYPE_CHECKING:  # pragma: no cover
    from llm_latency_lint.project.classify import ClassifiedSite
    from llm_latency_lint.result import Finding

Used = Set[Tuple[str, int, str]]  # (path, line, code as written) of noqa codes that silenced a finding


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


@dataclass(frozen=True)
class FileScope:
    """What a file-level rule sees of one file after the site rules ran."""

    path: str
    text: str
    used: Used  # noqa codes that silenced a finding, over the whole run
    active: Sequence[str]  # rule codes that ran on this file (selected, minus per-file ignores)
    known: FrozenSet[str]  # every rule code


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

    # True for rules about a file's text rather than a call site (``check_file``).
    file_level: ClassVar[bool] = False

    def check(self, site: "ClassifiedSite") -> Optional[str]:
        """Return the finding's message for this site, or None."""
        raise NotImplementedError

    def check_file(self, scope: FileScope) -> List["Finding"]:
        """Findings about a file as a whole (``file_level`` rules); none by default."""
        return []

    @classmethod
    def help_uri(cls) -> str:
        return f"https://github.com/llm-latency-lint/llm-latency-lint/blob/main/docs/rules/{cls.code}.md"
