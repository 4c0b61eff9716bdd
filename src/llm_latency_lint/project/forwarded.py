"""A request whose arguments are the function's own ``**kwargs`` (``def ask(client, **kwargs):
client.chat.completions.create(**kwargs)``): it names its model when the function's callers pass
``model=`` (``facts.unpacked.FORWARDED``). Callers are found by the called name, as written
(``ask(model="gpt-4o", messages=m)``, ``self.ask(model=...)``), in the project's code.
"""
from __future__ import annotations

from typing import Iterable

from llm_latency_lint.catalog.providers.spec import MODEL_KEYWORDS
from llm_latency_lint.model import FileFacts


def forwarded_model_keyword(function: str, files: Iterable[FileFacts]) -> str:
    """``"**model"`` when some call of ``function`` (by its last name) passes a model keyword, else ""."""
    name = function.rsplit(".", 1)[-1]
    for facts in files:
        for fn in facts.functions.values():
            for call in fn.calls:
                if call.kind == "call" and call.shape and call.shape[0] == name:
                    found = next((k for k in call.shape[2:] if k in MODEL_KEYWORDS), None)
                    if found:
                        return "**" + found
    return ""
