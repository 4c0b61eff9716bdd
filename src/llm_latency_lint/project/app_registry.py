"""Django's application registry: ``apps.get_app_config("chatbot")`` is the project's ``AppConfig``
subclass of that label, one instance per process (docs.djangoproject.com, "Applications"). An
object its ``ready()`` stores (``self.chatbot = Chatbot()``) is what views read back through
``apps.get_app_config("chatbot").chatbot`` (the session-29 survey's DangerousGoodsSystem/dangerous-goods-service),
like the ``app.state`` namespace of ASGI frameworks (``catalog/dispatch.py`` ``APP_STATE``)."""
from __future__ import annotations

from typing import List, Optional

from llm_latency_lint.catalog.dispatch import APP_CONFIG_BASES
from llm_latency_lint.model import ClassFacts, Expr
from llm_latency_lint.project.values import EMPTY, Atom, Kind, Values


def app_configs(classes: List[ClassFacts], label: Optional[str]) -> Values:
    """Instances of the ``AppConfig`` subclasses whose label is ``label``: the ``label`` attribute,
    else the last segment of ``name`` (``"apps.chatbot"``)."""
    if not label:
        return EMPTY
    return {Atom(Kind.OBJ, c.qualname) for c in classes
            if any(b in APP_CONFIG_BASES for b in map(_dotted, c.bases)) and _label(c) == label}


def _label(cls: ClassFacts) -> str:
    label = _text(cls.attrs.get("label", []))
    return label or _text(cls.attrs.get("name", [])).rpartition(".")[2]


def _text(exprs: List[Expr]) -> str:
    found = [str(e[1]) for e in exprs if e and e[0] == "str"]
    return found[-1] if found else ""


def _dotted(expr: Expr) -> str:
    return str(expr[1]) if expr and expr[0] == "name" else ""
