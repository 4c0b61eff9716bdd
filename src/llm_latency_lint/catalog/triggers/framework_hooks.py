"""Hooks a framework runs on classes a view names in a class attribute.

A DRF generic view with ``serializer_class = TakeawaySerializer`` never calls
``TakeawaySerializer.create`` in the project's code: DRF's ``CreateModelMixin`` does, through
``serializer.save()``. Likewise ``filter_backends = [QueryFilter]`` (or the settings' default
``DEFAULT_FILTER_BACKENDS``) runs ``QueryFilter.filter_queryset``, ``permission_classes`` runs
``has_permission``, a Django ``CreateView``'s ``form_class`` runs the form's ``clean`` and
``save``. Each such hook is a trigger with the view's class (a person waits for the response;
a webhook view: near-real-time), its target the hook on the named class, so the graph keeps
those the project defines (through inheritance too).

The knowledge is the tables below: which views run which actions (``VIEW_ACTIONS``), and per
action which attribute's classes get which hooks called (``ACTION_HOOKS``); settings dicts name
the project-wide defaults (``SETTINGS``). A view whose own methods answer (``APIView``,
``GenericViewSet``) may run any of its serializer's hooks.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.http_common import (
    NEAR_REAL_TIME,
    REAL_TIME,
    is_webhook,
)
from llm_latency_lint.catalog.triggers.view_bases import (
    _ALL,
    _DRF,
    _DRF_BY_NAME,
    REQUEST_ROOTS,
    VIEW_ACTIONS,
)
from llm_latency_lint.model import Expr, Trigger

# ---- the framework's behaviour, as data --------------------------------------------------------
# Serializer hooks: ``is_valid()`` -> ``run_validation`` -> ``to_internal_value`` (``validate_<field>``)
# -> ``validate``; ``save()`` -> ``create`` or ``update``; ``.data`` -> ``to_representation``, which
# calls a ``SerializerMethodField``'s ``get_<field>``.
_VALIDATE = ("is_valid", "run_validation", "to_internal_value", "validate", "validate_*", "save")
_READ = ("to_representation", "get_*")
_FORM = ("is_valid", "full_clean", "clean", "clean_*")
# Per action (a DRF mixin's, or ``request`` for every request): attribute -> hooks run on its classes.
ACTION_HOOKS: Dict[str, Dict[str, Tuple[str, ...]]] = {
    "request": {  # APIView.initial / finalize_response: every request
        "authentication_classes": ("authenticate",),
        "permission_classes": ("has_permission",),
        "throttle_classes": ("allow_request",),
        "parser_classes": ("parse",),
        "renderer_classes": ("render",),
    },
    "list": {
        "filter_backends": ("filter_queryset",),
        "pagination_class": ("paginate_queryset", "get_paginated_response"),
        "serializer_class": _READ,
    },
    "retrieve": {  # get_object: filter_queryset + check_object_permissions
        "filter_backends": ("filter_queryset",),
        "permission_classes": ("has_object_permission",),
        "serializer_class": _READ,
    },
    "create": {"serializer_class": _VALIDATE + ("create",) + _READ},
    "update": {
        "filter_backends": ("filter_queryset",),
        "permission_classes": ("has_object_permission",),
        "serializer_class": _VALIDATE + ("update",) + _READ,
    },
    "destroy": {"filter_backends": ("filter_queryset",), "permission_classes": ("has_object_permission",)},
    # Django's generic editing views: ProcessFormView.post -> form.is_valid(); ModelFormMixin.form_valid
    # -> form.save().
    "form": {"form_class": _FORM},
    "model-form": {"form_class": _FORM + ("save",)},
    # The admin: ModelAdmin.get_form -> its ``form``; save_form -> form.save(commit=False).
    "admin": {"form": _FORM + ("save",)},
}
# ``@action(detail=True, serializer_class=X, permission_classes=[P])`` overrides the viewset's
# attributes for that action; ``@permission_classes([P])`` (and its siblings) sets them on an
# ``@api_view`` function.
ACTION_DECORATORS = frozenset({f"{_DRF}.decorators.action", f"{_DRF}.decorators.detail_route",
                               f"{_DRF}.decorators.list_route"})
POLICY_DECORATORS: Dict[str, str] = {f"{_DRF}.decorators.{name}": name for name in (
    "permission_classes", "authentication_classes", "throttle_classes", "parser_classes", "renderer_classes")}
# Admin actions: ``actions = ["summarize", export_csv]`` names methods of the ModelAdmin (strings)
# or functions; the admin runs the one a person picks from the change list.
ADMIN_ACTIONS = "actions"
# Attributes only DRF views set: a class on a project base (from another file) that sets one is a view.
DRF_ATTRIBUTES = frozenset({"serializer_class", "filter_backends", "permission_classes", "authentication_classes",
                            "pagination_class", "throttle_classes"})
GETTERS: Dict[str, str] = {"serializer_class": "get_serializer_class", "form_class": "get_form_class",
                           "form": "get_form", "permission_classes": "get_permissions",
                           "authentication_classes": "get_authenticators", "throttle_classes": "get_throttles",
                           "parser_classes": "get_parsers", "renderer_classes": "get_renderers"}


@dataclass(frozen=True)
class Setting:
    """A settings dict key naming the project-wide default classes of an attribute."""

    attribute: str
    actions: Tuple[str, ...]  # the actions whose hooks of that attribute it gets


# Settings dict -> key -> the attribute it stands for.
SETTINGS: Dict[str, Dict[str, Setting]] = {
    "REST_FRAMEWORK": {
        "DEFAULT_FILTER_BACKENDS": Setting("filter_backends", ("list", "retrieve")),
        "DEFAULT_PAGINATION_CLASS": Setting("pagination_class", ("list",)),
        "DEFAULT_PERMISSION_CLASSES": Setting("permission_classes", ("request", "retrieve")),
        "DEFAULT_AUTHENTICATION_CLASSES": Setting("authentication_classes", ("request",)),
        "DEFAULT_THROTTLE_CLASSES": Setting("throttle_classes", ("request",)),
        "DEFAULT_PARSER_CLASSES": Setting("parser_classes", ("request",)),
        "DEFAULT_RENDERER_CLASSES": Setting("renderer_classes", ("request",)),
    },
}


def hooks_for(actions: Sequence[str]) -> Dict[str, Tuple[str, ...]]:
    """attribute -> hooks, for a view running ``actions``."""
    out: Dict[str, Dict[str, None]] = {}
    for action in actions:
        for attribute, hooks in ACTION_HOOKS.get(action, {}).items():
            out.setdefault(attribute, {}).update(dict.fromkeys(hooks))
    return {attribute: tuple(hooks) for attribute, hooks in out.items()}


# ---- the recogniser ---------------------------------------------------------------------------
@dataclass
class _View:
    qualname: str
    line: int
    actions: Tuple[str, ...]
    label: str
    candidate: bool = False  # only a project base says it may be a view: the project stage decides
    named: Dict[str, List[cst.BaseExpression]] = field(default_factory=dict)  # attribute -> class expressions
    raw: Dict[str, List[cst.BaseExpression]] = field(default_factory=dict)  # attribute -> list elements (any)


def _label(base: str) -> str:
    return "DRF" if base.startswith(_DRF) else ("Django admin" if ".admin." in base else "Django")


class ClassAttributeHooks(Recognizer):
    """Views (and admin classes) naming classes in ``serializer_class``, ``filter_backends``, ``form_class``..."""

    id = "framework-class-hooks"
    words = ("serializer_class", "filter_backends", "@action", "@permission_classes", "permission_classes", "authentication_classes",
             "throttle_classes", "parser_classes", "renderer_classes", "pagination_class", "form_class", "ModelAdmin",
             "REST_FRAMEWORK")

    def on_class(self, ctx: "Context", node: cst.ClassDef, qualname: str, bases: List[Optional[str]]) -> None:
        views: Dict[str, _View] = ctx.state(self)
        actions: Dict[str, None] = {}
        label = ""
        sure = False  # a base is a catalogued view or a view of this file that is not a candidate
        for base in filter(None, bases):
            known = views.get(base)
            found = known.actions if known else VIEW_ACTIONS.get(base)
            if found is None and base.startswith(REQUEST_ROOTS):  # a re-export: ``rest_framework.viewsets.mixins``
                found = _DRF_BY_NAME.get(base.rsplit(".", 1)[-1])
            if found is None:
                continue
            sure = sure or not (known and known.candidate)
            actions.update(dict.fromkeys(found))
            label = label or (known.label if known else _label(base))
            if base.startswith(REQUEST_ROOTS) or (known and known.label == "DRF"):
                actions["request"] = None
        assigned = _assignments(node)
        if not label and any(bases) and DRF_ATTRIBUTES & set(assigned) and (
                ctx.imports(_DRF) or node.name.value.endswith(("View", "ViewSet"))):
            # Built on a project base from another file, but says ``serializer_class = X``: a DRF view
            # if that base's MRO reaches a view base (the project stage checks: ``Trigger.view``).
            actions, label = dict.fromkeys(("request",) + _ALL), "DRF"
        if not label:
            return
        view = views[qualname] = _View(qualname, ctx.line(node), tuple(actions), label, candidate=not sure)
        for name, value in assigned.items():
            view.named[name] = _classes(value)
            if isinstance(value, (cst.List, cst.Tuple)):
                view.raw[name] = [e.value for e in value.elements]

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        views: Dict[str, _View] = ctx.state(self)
        owner, _, name = qualname.rpartition(".")
        for dec in decorators:
            attribute = POLICY_DECORATORS.get(dec.name or "")
            if attribute is not None and dec.call is not None and dec.call.args:  # ``@permission_classes([P])``
                fn_view = _View(qualname, dec.line, ("request",), "DRF")
                named = [(ctx.expr(n), ctx.code(n)) for n in _classes(dec.call.args[0].value)]
                self._emit(ctx, fn_view, attribute, named, dec.line, name)
            elif dec.name in ACTION_DECORATORS and dec.call is not None and owner in views:
                action_view = _View(owner, dec.line, ("request",) + _ALL, "DRF", views[owner].candidate)
                for arg in dec.call.args:  # ``@action(serializer_class=X)``: X's hooks for this action
                    if arg.keyword is not None:
                        named = [(ctx.expr(n), ctx.code(n)) for n in _classes(arg.value)]
                        self._emit(ctx, action_view, arg.keyword.value, named, dec.line)
        view = views.get(owner)
        if view is None:
            return
        for attribute, getter in GETTERS.items():
            if name != getter:
                continue
            # ``get_serializer_class()``: every class it returns, by name where the body shows it
            returned = [r for r in _returns(node) if isinstance(r, (cst.Name, cst.Attribute))]
            named = [(ctx.expr(r), ctx.code(r)) for r in returned]
            named = [(e, text) for e, text in named if e and e[0] in ("name", "attr")] or [
                (["call", ["name", qualname], None], f"{name}()")]
            self._emit(ctx, view, attribute, named, ctx.line(node))

    def on_assign(self, ctx: "Context", targets: List[str], value: cst.BaseExpression, node: cst.CSTNode) -> None:
        if ctx.function != f"{ctx.module}.<module>" or not isinstance(value, cst.Dict):
            return
        for target in targets:
            keys = SETTINGS.get(target.rsplit(".", 1)[-1])
            if not keys:
                continue
            for element in value.elements:
                if not isinstance(element, cst.DictElement):
                    continue
                setting = keys.get(ctx.literal(element.key))
                if setting is None:
                    continue
                named = [(["name", text], text.rsplit(".", 1)[-1]) for text in _strings(ctx, element.value)]
                hooks = hooks_for(setting.actions).get(setting.attribute, ())
                for expr, short_name in named:
                    for hook in hooks:
                        ctx.add_trigger(Trigger(
                            kind=REAL_TIME, source="framework-hook", target=["attr", expr, hook],
                            line=ctx.line(element),
                            note=f"DRF runs {short_name}.{hook} for every view ({ctx.literal(element.key)})"))

    def on_module_end(self, ctx: "Context") -> None:
        views: Dict[str, _View] = ctx.state(self)
        for view in views.values():
            if "admin" in view.actions:
                self._admin_actions(ctx, view)
            for attribute, nodes in view.named.items():
                named = [(ctx.expr(n), ctx.code(n)) for n in nodes]
                self._emit(ctx, view, attribute, [(e, text) for e, text in named if e and e[0] in ("name", "attr")],
                           view.line)

    @staticmethod
    def _admin_actions(ctx: "Context", view: _View) -> None:
        """``actions = ["summarize", export]``: the admin's own methods by name, or functions."""
        cls_name = view.qualname.rsplit(".", 1)[-1]
        for node in view.raw.get(ADMIN_ACTIONS, []):
            text = ctx.literal(node)
            target: Expr = ["name", f"{view.qualname}.{text}"] if isinstance(text, str) else ctx.expr(node)
            label = text if isinstance(text, str) else ctx.code(node)
            if target and target[0] in ("name", "attr"):
                ctx.add_trigger(Trigger(kind=REAL_TIME, source="django-admin", target=target, line=view.line,
                                        note=f"Django admin action {label} of {cls_name} (a person picks it and waits)"))

    @staticmethod
    def _emit(ctx: "Context", view: _View, attribute: str, named: List[Tuple[Expr, str]], line: int,
              name: str = "") -> None:
        hooks = hooks_for(view.actions).get(attribute, ())
        if not hooks:
            return
        cls_name = name or view.qualname.rsplit(".", 1)[-1]
        webhook = is_webhook(None, cls_name)
        for expr, text in named:
            for hook in hooks:
                note = f"{view.label} runs {text}.{hook} for {cls_name} ({attribute})"
                if webhook:
                    note += " (a webhook: called by a machine, nobody waits on a screen)"
                ctx.add_trigger(Trigger(kind=NEAR_REAL_TIME if webhook else REAL_TIME,
                                        source="webhook" if webhook else "framework-hook",
                                        target=["attr", expr, hook], line=line, note=note,
                                        view=view.qualname if view.candidate else None))


def _assignments(node: cst.ClassDef) -> Dict[str, cst.BaseExpression]:
    """``name = value`` statements of a class body."""
    found: Dict[str, cst.BaseExpression] = {}
    for statement in node.body.body if isinstance(node.body, cst.IndentedBlock) else ():
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, (cst.Assign, cst.AnnAssign)) and small.value is not None:
                targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
                found.update((t.value, small.value) for t in targets if isinstance(t, cst.Name))
    return found


def _classes(value: cst.BaseExpression) -> List[cst.BaseExpression]:
    """``X``, ``[X, Y]``, ``(X, Y)``: the class expressions an attribute names."""
    if isinstance(value, (cst.List, cst.Tuple)):
        return [e.value for e in value.elements if isinstance(e.value, (cst.Name, cst.Attribute))]
    return [value] if isinstance(value, (cst.Name, cst.Attribute)) else []


def _returns(node: cst.FunctionDef) -> List[cst.BaseExpression]:
    """The values a function's own ``return`` statements give (not those of nested functions)."""
    found: List[cst.BaseExpression] = []

    class Returns(cst.CSTVisitor):
        def visit_FunctionDef(self, inner: cst.FunctionDef) -> bool:
            return inner is node

        def visit_Return(self, ret: cst.Return) -> None:
            if ret.value is not None:
                found.append(ret.value)

    node.visit(Returns())
    return found


def _strings(ctx: "Context", value: cst.BaseExpression) -> List[str]:
    found = ctx.literal(value)
    items = found if isinstance(found, (list, tuple)) else [found]
    return [s for s in items if isinstance(s, str) and "." in s]


RECOGNIZERS = [ClassAttributeHooks()]
