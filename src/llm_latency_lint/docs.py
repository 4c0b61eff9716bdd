"""Rule documentation rendered from the rule classes (the source of docs/rules/*.md)."""
from __future__ import annotations

from typing import List, Type

from .rules.base import Rule


def _code_block(code: str) -> str:
    return f"```python\n{code.rstrip()}\n```\n"


def render_rule(rule: Type[Rule]) -> str:
    doc = rule.doc
    parts: List[str] = [
        f"# {rule.code} `{rule.name}`\n",
        f"{rule.summary}.\n",
        f"Default: {'on' if rule.default_enabled else 'off'}.\n",
        "## What it finds\n",
        f"{doc.what}\n",
        "## Why it costs money\n",
        f"{doc.why}\n",
        "## Example\n",
        _code_block(doc.example),
        "## Use instead\n",
        _code_block(doc.use_instead),
        "## Fix safety\n",
        f"{doc.fix_safety}\n",
        "## Options\n",
        f"{doc.options}\n",
        "## Examples checked by the test suite\n",
    ]
    for title, examples in (("Flagged", rule.INVALID), ("Not flagged", rule.VALID)):
        for example in examples:
            parts.append(f"### {title}{': ' + example.note if example.note else ''}\n")
            for name, code in example.files.items():
                parts.append(f"`{name}`\n\n{_code_block(code)}")
    return "\n".join(parts)


def render_index(rules) -> str:
    lines = ["# Rules\n", "| code | name | finds | default |", "| --- | --- | --- | --- |"]
    for rule in rules:
        lines.append(
            f"| [{rule.code}]({rule.code}.md) | `{rule.name}` | {rule.summary} | {'on' if rule.default_enabled else 'off'} |"
        )
    return "\n".join(lines) + "\n"
