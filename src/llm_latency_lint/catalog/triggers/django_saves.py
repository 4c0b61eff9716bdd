"""Where a Django model is saved, its signal receivers run: the saving code's class reaches them.

``@receiver(pre_save, sender=Post)`` / ``pre_save.connect(fn, sender=Post)`` (``django_signals.py``)
is the entry ``model-saved:<Post's qualified name>`` (``model-saved:*`` without a sender: every
model's saves). What saves a model runs that entry, as a launch of the enclosing function
(``launch:<qualname>``, ``project/classify``) with the caller's class:

- ``Post.objects.create / get_or_create / update_or_create(...)``, ``Post(...).save()``;
- ``obj.save()`` / ``obj.delete()`` on a local bound to ``Post(...)``, ``Post.objects.<query>(...)``,
  ``get_object_or_404(Post, ...)``;
- ``form.save()`` on a local bound to a ``ModelForm`` / DRF ``ModelSerializer`` whose ``Meta.model``
  is the model (the class is the entry ``model-form:<qualname>`` naming its model), and
  ``serializer.save()`` the same way;
- the admin: ``admin.site.register(Post, ...)`` (also a list of models) and ``@admin.register(Post)``
  give the model an add/change view where a person waits: real-time.

``QuerySet.update`` and ``bulk_create`` send no signals and are not followed. Saves through a
receiver whose type only the project stage knows (``self.post.save()``) are not followed either.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import libcst as cst

from llm_latency_lint.catalog.command_lines import LAUNCH
from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.model import Trigger

MODEL_SAVED, MODEL_FORM = "model-saved:", "model-form:"
SAVING_MANAGER_CALLS = frozenset({"create", "get_or_create", "update_or_create", "acreate", "aget_or_create",
                                  "aupdate_or_create"})
SAVING_METHODS = frozenset({"save", "asave", "delete", "adelete"})
SHORTCUTS = frozenset({"django.shortcuts.get_object_or_404"})
ADMIN_REGISTERS = frozenset({"django.contrib.admin.site.register", "django.contrib.admin.register"})
FORM_BASES = frozenset({"django.forms.ModelForm", "django.forms.models.ModelForm",
                        "rest_framework.serializers.ModelSerializer",
                        "rest_framework.serializers.HyperlinkedModelSerializer"})


def model_keys(model: Optional[str]) -> List[str]:
    """The entries a save of ``model`` runs: its own receivers and those of every model."""
    return [MODEL_SAVED + model, MODEL_SAVED + "*"] if model else []


class DjangoSaves(Recognizer):
    id = "django-saves"
    words = ("django",)

    def _bound(self, ctx: "Context") -> Dict[Tuple[str, str], str]:
        return ctx.state(self)

    def _model_of(self, ctx: "Context", value: cst.BaseExpression) -> Optional[str]:
        """The key a value's saves run: ``Post(...)`` / ``Post.objects.get(...)`` /
        ``get_object_or_404(Post, ...)`` (``model-saved:``), ``PostForm(...)`` (``model-form:``)."""
        if not isinstance(value, cst.Call):
            return None
        func = value.func
        if ctx.qualified(func) in SHORTCUTS and value.args:
            name = ctx.qualified(value.args[0].value)
            return MODEL_SAVED + name if name else None
        while isinstance(func, cst.Attribute) and isinstance(func.value, cst.Call):  # .filter(...).first()
            func = func.value.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Attribute) and func.value.attr.value == "objects":
            name = ctx.qualified(func.value.value)
            return MODEL_SAVED + name if name else None
        name = ctx.qualified(func)
        if name and name.rsplit(".", 1)[-1][:1].isupper():
            return (MODEL_FORM if name.endswith(("Form", "Serializer")) else MODEL_SAVED) + name
        return None

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if not ctx.imports("django") and not ctx.imports("rest_framework"):
            return
        key = self._model_of(ctx, value)
        for target in targets:
            if key:
                self._bound(ctx)[(ctx.function, target)] = key
            else:
                self._bound(ctx).pop((ctx.function, target), None)

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        func = node.func
        if callee in ADMIN_REGISTERS and node.args:
            self._admin(ctx, node.args[0].value, node)
            return
        if not isinstance(func, cst.Attribute):
            return
        method, receiver = func.attr.value, func.value
        key: Optional[str] = None
        if method in SAVING_MANAGER_CALLS and isinstance(receiver, cst.Attribute) and receiver.attr.value == "objects":
            name = ctx.qualified(receiver.value)
            key = MODEL_SAVED + name if name else None
        elif method in SAVING_METHODS and isinstance(receiver, cst.Name):
            key = self._bound(ctx).get((ctx.function, receiver.value))
        elif method in SAVING_METHODS and isinstance(receiver, cst.Call):
            key = self._model_of(ctx, receiver)
        if key is None or (key.startswith(MODEL_FORM) and method not in ("save", "asave")):
            return
        keys = model_keys(key[len(MODEL_SAVED):]) if key.startswith(MODEL_SAVED) else [key]
        for entry in keys:
            ctx.add_trigger(Trigger(kind="entry", source="django-save", target=["entry", entry], line=ctx.line(node),
                                    entry_key=LAUNCH + ctx.function,
                                    note=f"{ctx.function.rsplit('.', 1)[-1]} saves {key.split(':', 1)[1].rsplit('.', 1)[-1]}"
                                         f" ({ctx.code(func)}): its signal receivers run"))

    def on_class(self, ctx: "Context", node: cst.ClassDef, qualname: str, bases: List[Optional[str]]) -> None:
        for dec in node.decorators:  # ``@admin.register(Post)``
            call = dec.decorator
            if isinstance(call, cst.Call) and ctx.qualified(call.func) in ADMIN_REGISTERS:
                for a in call.args:
                    if a.keyword is None:
                        self._admin(ctx, a.value, call)
        if not any(b in FORM_BASES for b in bases):
            return
        for statement in node.body.body:
            if isinstance(statement, cst.ClassDef) and statement.name.value == "Meta":
                model = next((s.body[0].value for s in statement.body.body if isinstance(s, cst.SimpleStatementLine)
                              and isinstance(s.body[0], cst.Assign) and isinstance(s.body[0].targets[0].target, cst.Name)
                              and s.body[0].targets[0].target.value == "model"), None)
                name = ctx.qualified(model) if model is not None else None
                for entry in model_keys(name):
                    ctx.add_trigger(Trigger(kind="entry", source="django-save", target=["entry", entry],
                                            line=ctx.line(statement), entry_key=MODEL_FORM + qualname,
                                            note=f"{node.name.value}.save() saves {name.rsplit('.', 1)[-1]}" if name else ""))

    def _admin(self, ctx: "Context", models: cst.BaseExpression, node: cst.CSTNode) -> None:
        elements = [e.value for e in models.elements] if isinstance(models, (cst.List, cst.Tuple)) else [models]
        for model in elements:
            name = ctx.qualified(model)
            for entry in model_keys(name):
                ctx.add_trigger(Trigger(kind="real-time", source="django-admin", target=["entry", entry],
                                        line=ctx.line(node), note=f"Django admin add/change of "
                                        f"{name.rsplit('.', 1)[-1] if name else '?'} saves it (a person waits)"))


RECOGNIZERS = [DjangoSaves()]
