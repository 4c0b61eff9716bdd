"""Where a Django model is saved or deleted, its signal receivers run: the saving code's class reaches them.

``@receiver(pre_save, sender=Post)`` / ``pre_save.connect(fn, sender=Post)`` (``django_signals.py``)
is the entry ``model-saved:<Post's qualified name>`` (``model-saved:*`` without a sender: every
model's saves); ``pre_delete`` / ``post_delete`` the same with ``model-deleted:``. The model's own
``save`` / ``asave`` override (``delete`` / ``adelete``) is a receiver of its entry too: ``def
save(self): self.embedding = embed(self.text)`` runs wherever a ``Post`` is saved (a class with a
project base names the method through its MRO, which the project stage resolves). What saves
(deletes) a model runs that entry, as a launch of the enclosing function (``launch:<qualname>``,
``project/classify``) with the caller's class:

- ``Post.objects.create / get_or_create / update_or_create(...)``, ``Post(...).save()``;
- ``obj.save()`` / ``obj.delete()`` on a local bound to ``Post(...)``, ``Post.objects.<query>(...)``,
  ``get_object_or_404(Post, ...)`` (``delete`` / ``adelete`` run the delete receivers);
- ``form.save()`` on a local bound to a ``ModelForm`` / DRF ``ModelSerializer`` whose ``Meta.model``
  is the model (the class is the entry ``model-form:<qualname>`` naming its model), and
  ``serializer.save()`` the same way; ``post = form.save(commit=False)`` saves nothing but binds
  ``post`` to the form's model, so ``post.save()`` does;
- the admin: ``admin.site.register(Post, ...)`` (also a list of models) and ``@admin.register(Post)``
  give the model an add/change/delete view where a person waits: real-time.

Only a class known to be a model runs the sender-less receivers (``*``): one named by
``X.objects`` in a file importing Django, ``get_object_or_404(X)``, a form's ``Meta.model``, a
Django class; otherwise (``Post(...).save()``, a file without a Django import) the save runs
``model-any-saved:<X>``, which each class declared with a model base forwards to its bases and a
direct Django model base forwards to ``*``: the project's hierarchy decides, hop by hop, so
``requests.Session().delete(url)`` or ``Workbook().save(path)`` run nothing. ``m2m_changed``
(``.add()`` / ``.set()``) is not followed.

``QuerySet.update`` and ``bulk_create`` send no signals and are not followed. Saves through a
receiver whose type only the project stage knows (``self.post.save()``) are not followed either.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from llm_latency_lint.catalog.command_lines import LAUNCH
from llm_latency_lint.catalog.orm import INSTANCE_SHORTCUTS, MANAGERS, MODEL_BASES
from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.model import Trigger
from llm_latency_lint.syntax.literals import kwarg

MODEL_SAVED, MODEL_DELETED, MODEL_FORM = "model-saved:", "model-deleted:", "model-form:"
MODEL_ANY = "model-any-"  # ``model-any-saved:<X>``: X's saves run every model's receivers if X is a model
LIBRARY_ROOTS = ("django.", "rest_framework.")  # a library base other than ``MODEL_BASES``: no model
DELETING_METHODS = frozenset({"delete", "adelete"})
SAVING_MANAGER_CALLS = frozenset({"create", "get_or_create", "update_or_create", "acreate", "aget_or_create",
                                  "aupdate_or_create"})
SAVING_METHODS = frozenset({"save", "asave", "delete", "adelete"})
# The model's own methods a save (delete) runs: ``Model.asave`` calls ``save`` (and ``adelete`` ``delete``).
OVERRIDES = {MODEL_SAVED: ("save", "asave"), MODEL_DELETED: ("delete", "adelete")}
ADMIN_REGISTERS = frozenset({"django.contrib.admin.site.register", "django.contrib.admin.register"})
FORM_BASES = frozenset({"django.forms.ModelForm", "django.forms.models.ModelForm",
                        "rest_framework.serializers.ModelSerializer",
                        "rest_framework.serializers.HyperlinkedModelSerializer"})


def model_keys(model: Optional[str], prefix: str = MODEL_SAVED, proved: bool = True) -> List[str]:
    """The entries a save (``prefix``) of ``model`` runs: its own receivers and those of every
    model; those only through ``model-any-`` when nothing here ``proved`` it a model."""
    if not model:
        return []
    return [prefix + model, prefix + "*" if proved or model.startswith("django.") else _any(prefix) + model]


class DjangoSaves(Recognizer):
    id = "django-saves"
    words = ("django",)

    def _bound(self, ctx: "Context") -> Dict[Tuple[str, str], Tuple[str, bool]]:
        return ctx.state(self)

    def _model_of(self, ctx: "Context", value: cst.BaseExpression) -> Optional[Tuple[str, bool]]:
        """The model (or ``model-form:`` key) a value's saves run, and whether the shape proves a
        model: ``get_object_or_404(Post, ...)`` / ``Post.objects.get(...)`` do, ``Post(...)`` not."""
        if not isinstance(value, cst.Call):
            return None
        func = value.func
        if ctx.qualified(func) in INSTANCE_SHORTCUTS and value.args:
            name = ctx.qualified(value.args[0].value)
            return (name, True) if name else None
        if isinstance(func, cst.Attribute) and func.attr.value in ("save", "asave") and isinstance(func.value, cst.Name):
            return self._bound(ctx).get((ctx.function, func.value.value))  # ``post = form.save(commit=False)``
        while isinstance(func, cst.Attribute) and isinstance(func.value, cst.Call):  # .filter(...).first()
            func = func.value.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Attribute) and func.value.attr.value in MANAGERS:
            name = ctx.qualified(func.value.value)
            return (name, _django(ctx)) if name else None
        name = ctx.qualified(func)
        if name and name.rsplit(".", 1)[-1][:1].isupper():
            return (MODEL_FORM + name, True) if name.endswith(("Form", "Serializer")) else (name, False)
        return None

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if not _django(ctx):
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
        found: Optional[Tuple[str, bool]] = None
        if method in SAVING_MANAGER_CALLS and isinstance(receiver, cst.Attribute) and receiver.attr.value in MANAGERS:
            name = ctx.qualified(receiver.value)
            found = (name, _django(ctx)) if name else None
        elif method in SAVING_METHODS and isinstance(receiver, cst.Name):
            found = self._bound(ctx).get((ctx.function, receiver.value))
        elif method in SAVING_METHODS and isinstance(receiver, cst.Call) and _django(ctx):
            found = self._model_of(ctx, receiver)
        if found is None or (found[0].startswith(MODEL_FORM) and method not in ("save", "asave")) or _unsaved(node):
            return
        key, proved = found
        prefix = MODEL_DELETED if method in DELETING_METHODS else MODEL_SAVED
        keys = [key] if key.startswith(MODEL_FORM) else model_keys(key, prefix, proved)
        for entry in keys:
            ctx.add_trigger(Trigger(kind="entry", source="django-save", target=["entry", entry], line=ctx.line(node),
                                    entry_key=LAUNCH + ctx.function,
                                    note=f"{ctx.function.rsplit('.', 1)[-1]} {'deletes' if prefix == MODEL_DELETED else 'saves'} "
                                         f"{key.rsplit('.', 1)[-1]}"
                                         f" ({ctx.code(func)}): its signal receivers run"))

    def on_class(self, ctx: "Context", node: cst.ClassDef, qualname: str, bases: List[Optional[str]]) -> None:
        # a models module (``from django.db import models``), or a model over a base the catalog names
        # wherever it is imported from (``class Member(AbstractUser)`` importing only ``django.contrib.auth``)
        if ctx.imports("django.db") or any(b in MODEL_BASES for b in bases):
            self._model_bases(ctx, node, qualname, bases)
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

    def _model_bases(self, ctx: "Context", node: cst.ClassDef, qualname: str, bases: List[Optional[str]]) -> None:
        """``class Post(models.Model)``: a save of an unproved ``Post`` runs every model's receivers;
        ``class Post(TimeStamped)``: if ``TimeStamped`` is a model (the next hop says)."""
        kept = [b for b in bases if b is not None and "." in b and not (b.startswith(LIBRARY_ROOTS) and b not in MODEL_BASES)]
        own = {s.name.value for s in node.body.body if isinstance(s, cst.FunctionDef)}
        if kept:
            self._overrides(ctx, node, qualname, own if all(b in MODEL_BASES for b in kept) else {n for ns in OVERRIDES.values() for n in ns})
        for base in kept:
            for prefix in (MODEL_SAVED, MODEL_DELETED):
                target = prefix + "*" if base in MODEL_BASES else _any(prefix) + base
                ctx.add_trigger(Trigger(kind="entry", source="django-save", target=["entry", target],
                                        line=ctx.line(node), entry_key=_any(prefix) + qualname,
                                        note=f"{node.name.value} is a model ({base.rsplit('.', 1)[-1]})"))

    def _overrides(self, ctx: "Context", node: cst.ClassDef, qualname: str, methods: Set[str]) -> None:
        """``def save(self)`` on a model runs wherever the model is saved: the entry
        ``model-saved:<model>`` runs it, as it runs the model's ``pre_save`` receivers. ``methods``:
        those the class defines, or every one where a project base may (its MRO decides)."""
        for prefix, names in OVERRIDES.items():
            for name in (n for n in names if n in methods):
                ctx.add_trigger(Trigger(kind="entry", source="django-save", target=["attr", ["name", qualname], name],
                                        line=ctx.line(node), entry_key=prefix + qualname,
                                        note=f"{node.name.value}.{name} runs where a {node.name.value} is "
                                             f"{'deleted' if prefix == MODEL_DELETED else 'saved'}"))

    def _admin(self, ctx: "Context", models: cst.BaseExpression, node: cst.CSTNode) -> None:
        elements = [e.value for e in models.elements] if isinstance(models, (cst.List, cst.Tuple)) else [models]
        for model in elements:
            name = ctx.qualified(model)
            for entry in model_keys(name) + model_keys(name, MODEL_DELETED):
                ctx.add_trigger(Trigger(kind="real-time", source="django-admin", target=["entry", entry],
                                        line=ctx.line(node), note=f"Django admin add/change of "
                                        f"{name.rsplit('.', 1)[-1] if name else '?'} saves it (a person waits)"))


def _any(prefix: str) -> str:
    """``model-saved:`` -> ``model-any-saved:``."""
    return MODEL_ANY + prefix[len("model-"):]


def _unsaved(node: cst.Call) -> bool:
    """``form.save(commit=False)``: the instance is built, not saved (the code saves it later)."""
    commit = kwarg(node, "commit")
    return isinstance(commit, cst.Name) and commit.value == "False"


def _django(ctx: "Context") -> bool:
    return ctx.imports("django") or ctx.imports("rest_framework")


RECOGNIZERS = [DjangoSaves()]
