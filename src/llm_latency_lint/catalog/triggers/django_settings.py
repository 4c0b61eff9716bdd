"""``django.conf.settings`` is the project's settings module: ``settings.LLM`` is ``LLM`` there.

Not a trigger: a name binding the recogniser records while it reads the file. The settings
module is the one ``manage.py`` / ``wsgi.py`` / ``asgi.py`` / ``celery.py`` name with
``os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")`` (or an item assignment);
``django.conf.settings`` then evaluates to that module, so a client or model a settings module
builds (``LLM = ChatOpenAI(...)``) types ``settings.LLM`` wherever it is read.
"""
from __future__ import annotations

from typing import List, Optional

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.syntax.literals import positional

KEY = "DJANGO_SETTINGS_MODULE"
SETTINGS = "django.conf.settings"


class DjangoSettingsModule(Recognizer):
    id = "django-settings-module"
    words = (KEY,)

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        if callee not in ("os.environ.setdefault", "os.putenv") or ctx.literal(positional(node, 0)) != KEY:
            return
        self._bind(ctx, ctx.literal(positional(node, 1)))

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if not isinstance(node, cst.Assign):
            return
        for target in node.targets:
            sub = target.target
            if (isinstance(sub, cst.Subscript) and ctx.qualified(sub.value) == "os.environ" and sub.slice
                    and isinstance(sub.slice[0].slice, cst.Index) and ctx.literal(sub.slice[0].slice.value) == KEY):
                self._bind(ctx, ctx.literal(value))

    @staticmethod
    def _bind(ctx: "Context", module: object) -> None:
        if isinstance(module, str) and module and " " not in module:
            values = ctx.facts.globals.setdefault(SETTINGS, [])
            if ["name", module] not in values:
                values.append(["name", module])


RECOGNIZERS = [DjangoSettingsModule()]
