"""Document sections whose prose says a cloud scheduler fires the function they name.

A Markdown section whose heading names an identifier (``## on_trend_update_started``) and whose
prose (outside code blocks) names a scheduler product (``Cloud Scheduler``,
``catalog/cloud_schedulers.PRODUCTS``), or a prose line naming both (```daily_digest`` is triggered
by Cloud Scheduler`: its inline code, not the heading's), gives a weak schedule of the entry ``cloud-function:<name>``: only a function
subscribed to a cloud event declares it, so a name that is no such function runs nothing. The
schedule replaces that function's own weak event trigger (``project/trigger_table.py``).
"""
from __future__ import annotations

import re
from typing import List

from llm_latency_lint.catalog.cloud_schedulers import DOC_SOURCE, FUNCTION_KEY, PRODUCTS
from llm_latency_lint.model import Trigger

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_IDENTIFIER = re.compile(r"(?<![\w./-])([A-Za-z_][A-Za-z0-9]*_[A-Za-z0-9_]*)(?![\w./-])")  # snake_case: a function
_CODE = re.compile(r"`([A-Za-z_]\w*)(?:\(\))?`")


def triggers(relpath: str, text: str) -> List[Trigger]:
    if not PRODUCTS.search(text):
        return []
    found: List[Trigger] = []
    names: List[str] = []  # the current section's heading names
    fence = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        opened = _FENCE.match(raw)
        if opened and (not fence or opened.group(1)[0] == fence[0]):
            fence = "" if fence else opened.group(1)
            continue
        if fence:
            continue
        heading = _HEADING.match(raw)
        if heading:
            names = _names(heading.group(2))
            continue
        product = PRODUCTS.search(raw)
        if not product:
            continue
        for name in dict.fromkeys(_CODE.findall(raw) or names):  # a line naming a function is about it
            found.append(Trigger(kind="scheduled", source=DOC_SOURCE, target=["entry", f"{FUNCTION_KEY}{name}"],
                                 line=number, note=f"{relpath} says {product.group(0)} triggers {name} (prose)",
                                 weak=True))
    return found


def _names(title: str) -> List[str]:
    """Identifiers a heading names: inline code, or snake_case words (``on_trend_update_started``)."""
    code = _CODE.findall(title)
    return code or [m for m in _IDENTIFIER.findall(title.replace("`", ""))]

