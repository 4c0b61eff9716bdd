"""GitHub Actions in a repository's docs: the workflows they show, and the address a badge states.

- A workflow a doc shows (a usage example: ``on: schedule`` and ``jobs:``, ``uses:
  owner/this-action@v0``) is a documented schedule (label policy 2): its schedules run what its
  steps run (``github_actions.documented``).
- A root doc's workflow status badge (``[![CI](https://github.com/owner/name/actions/workflows/ci.yml/badge.svg)]``)
  is the badge of a workflow of this repository, so ``owner/name`` is where it lives: a workflow's
  ``uses: owner/name@v1`` then runs the repository's root action (``github_actions.own_action``), as
  where ``pyproject.toml`` states the address (round 19's fridzema/ai-weekly-changelog-action: an
  action's own example workflows use it by its published reference). Only docs at the root (or in
  ``.github/``) count: a nested doc may describe another project. A badge naming a workflow file
  (``actions/workflows/ci.yml``) counts only where the scan has ``.github/workflows/ci.yml``
  (``Trigger.requires``): a table of sibling projects' badges names other repositories.
"""
from __future__ import annotations

import re
from typing import Dict, Iterable, List, Tuple

from llm_latency_lint.catalog.sources import github_actions
from llm_latency_lint.model import Trigger

_YAML_TAGS = frozenset({"", "yaml", "yml"})
_SCHEDULE = re.compile(r"^\s*schedule:\s*$", re.MULTILINE)  # a workflow's ``on: schedule:`` list
# ``https://github.com/owner/name/actions/workflows/ci.yml/badge.svg`` (the older ``/workflows/<name>/badge.svg`` too).
_BADGE = re.compile(r"https?://github\.com/([\w.-]+)/([\w.-]+)/(actions/)?workflows/([^\s()\"'<>]+)/badge\.svg")


def documented(relpath: str, blocks: Iterable[Tuple[str, List[Tuple[int, str]]]]) -> List[Trigger]:
    """The schedules of the workflows a doc's code blocks (language tag, numbered lines) show."""
    found: List[Trigger] = []
    for tag, lines in blocks:
        text = "\n".join(line for _, line in lines)
        if tag in _YAML_TAGS and _SCHEDULE.search(text) and "jobs:" in text:
            found.extend(github_actions.documented(relpath, text, lines[0][0]))
    return found


def own_address(relpath: str, text: str) -> List[Trigger]:
    """The address a root doc's workflow badges name: the repository's root action answers to it."""
    folder = relpath.strip("/")
    folder = folder[len(".github/"):] if folder.startswith(".github/") else folder
    if "badge.svg" not in text or "/" in folder:
        return []
    found: Dict[Tuple[str, str, str], int] = {}
    for match in _BADGE.finditer(text):
        workflow = f".github/workflows/{match.group(4)}" if match.group(3) else ""  # the older form names no file
        found.setdefault((match.group(1), match.group(2), workflow), text.count("\n", 0, match.start()) + 1)
    triggers = []
    for (owner, name, workflow), line in found.items():
        trigger = github_actions.own_action(owner, name, line, "docs", f"{relpath}'s workflow badge")
        trigger.requires = workflow
        triggers.append(trigger)
    return triggers
