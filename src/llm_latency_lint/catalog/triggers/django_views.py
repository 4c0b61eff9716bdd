"""Django and Django REST framework views: a person waits for the response.

Views are found where Django wires them and where they are written:
- URLconfs: ``path("x/", views.fn)``, ``re_path``, ``url``, ``path("x/", View.as_view())``
  and DRF routers' ``router.register("items", ItemViewSet)``. A class routed from another
  file cannot be inspected here, so one trigger is emitted per method that can answer (HTTP
  verbs, DRF actions, the hooks generic views call); the graph keeps those that resolve.
- Definitions: ``@api_view``, DRF ``@action``, classes built on Django's generic views or
  DRF's ``APIView``/generics/viewsets, functions with Django's view decorators, and any
  module-level ``def f(request, ...)`` in a ``views`` module.
A path or name that says "webhook" makes the view near-real-time (see ``handlers``).
"""
from __future__ import annotations

from pathlib import PurePosixPath
from typing import Dict, List, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.http_common import (
    HTTP_VERBS,
    ViewClassRecognizer,
    ViewFamily,
    class_method_targets,
    handler_targets,
    route_trigger,
)
from llm_latency_lint.catalog.triggers.resolve import origin, short
from llm_latency_lint.syntax.literals import arg, kwarg, positional

URL_FUNCTIONS: Dict[str, str] = {
    "django.urls.path": "route",
    "django.urls.re_path": "route",
    "django.urls.conf.path": "route",
    "django.urls.conf.re_path": "route",
    "django.conf.urls.url": "regex",
}
INCLUDES = frozenset({"django.urls.include", "django.urls.conf.include", "django.conf.urls.include"})

# Methods generic views call per request (so an override answers a request too).
CBV_HOOKS: Tuple[str, ...] = (
    "dispatch", "get_context_data", "get_queryset", "get_object", "form_valid", "form_invalid",
    "get_form_kwargs", "get_initial", "get_success_url", "render_to_response", "get_template_names",
)
DRF_ACTIONS: Tuple[str, ...] = ("list", "create", "retrieve", "update", "partial_update", "destroy")
DRF_HOOKS: Tuple[str, ...] = (
    "get_queryset", "get_object", "get_serializer_context", "perform_create", "perform_update", "perform_destroy",
)
VIEWSET_METHODS: Tuple[str, ...] = DRF_ACTIONS + DRF_HOOKS
# Candidates for a class routed with .as_view() from a file that cannot show the class:
# the verbs and the overrides that commonly hold the work (the long tail is left out).
VIEW_METHODS: Tuple[str, ...] = (
    "get", "post", "put", "patch", "delete", "dispatch", "get_context_data", "get_queryset", "get_object",
    "form_valid", *DRF_ACTIONS, "perform_create", "perform_update", "perform_destroy",
)
# ModelAdmin methods the admin site calls on a person's request (and ``@admin.action`` methods).
ADMIN_HOOKS: Tuple[str, ...] = (
    "save_model", "delete_model", "delete_queryset", "save_formset", "save_related", "save_form", "get_queryset",
    "changelist_view", "change_view", "add_view", "delete_view", "history_view", "response_add", "response_change",
    "get_form", "get_changeform_initial_data", "get_urls",
)
ADMIN_BASES = ("django.contrib.admin.ModelAdmin", "django.contrib.admin.options.ModelAdmin",
               "django.contrib.admin.TabularInline", "django.contrib.admin.StackedInline")
ROUTER_ROOTS = ("rest_framework.routers", "rest_framework_nested.routers", "rest_framework_extensions.routers")

# Decorators that only ever wrap a view: qualified name -> the HTTP methods they allow, if they say.
VIEW_DECORATORS: Dict[str, Tuple[str, ...]] = {
    "django.views.decorators.http.require_http_methods": (),
    "django.views.decorators.http.require_GET": ("GET",),
    "django.views.decorators.http.require_POST": ("POST",),
    "django.views.decorators.http.require_safe": ("GET", "HEAD"),
    "django.views.decorators.csrf.csrf_exempt": (),
    "django.views.decorators.csrf.csrf_protect": (),
    "django.views.decorators.cache.cache_page": (),
    "django.views.decorators.cache.never_cache": (),
    "django.contrib.auth.decorators.login_required": (),
    "django.contrib.auth.decorators.permission_required": (),
    "django.contrib.auth.decorators.user_passes_test": (),
    "django.contrib.admin.views.decorators.staff_member_required": (),
}
API_VIEW = "rest_framework.decorators.api_view"
DRF_ACTION = "rest_framework.decorators.action"


def _text(ctx: "Context", node: Optional[cst.BaseExpression]) -> Optional[str]:
    value = ctx.literal(node)
    return value if isinstance(value, str) else None


def _verbs(ctx: "Context", node: Optional[cst.BaseExpression]) -> Tuple[str, ...]:
    value = ctx.literal(node)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.upper() for v in value)
    return ()


def is_views_module(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return bool(parts) and (parts[-1] == "views.py" or "views" in parts[:-1])


class UrlConf(Recognizer):
    """``path("x/", views.fn)``, ``re_path(...)``, ``url(...)``, ``path("x/", V.as_view())``."""

    id = "django-urlconf"
    words = ("urlpatterns", "django.urls", "django.conf.urls")

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        route_kw = URL_FUNCTIONS.get(callee or "")
        if route_kw is None:
            return
        view = arg(node, "view", 1)
        if view is None or isinstance(view, (cst.List, cst.Tuple)):
            return
        if isinstance(view, cst.Call) and ctx.qualified(view.func) in INCLUDES:
            return
        route = _text(ctx, arg(node, route_kw, 0))
        for handler in handler_targets(ctx, view, VIEW_METHODS, actions=True):
            if handler.target[0] == "name" and str(handler.target[1]).startswith("django."):
                continue  # admin.site.urls and Django's own views
            ctx.add_trigger(
                route_trigger(
                    label="Django",
                    source="django-url",
                    target=handler.target,
                    line=ctx.line(node),
                    path=f"'{route}'" if route is not None else None,
                    what="URL",
                    handler=handler.label,
                )
            )


class DrfRouter(Recognizer):
    """``router.register("items", ItemViewSet)`` on a DRF router."""

    id = "drf-router"
    words = ("rest_framework",)

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "register"):
            return
        built = origin(ctx, ctx.expr(func.value))
        if built is not None:
            if not any(built.ctor.startswith(root + ".") for root in ROUTER_ROOTS):
                return
        elif not ctx.imports("rest_framework"):
            return
        viewset = arg(node, "viewset", 1)
        if not isinstance(viewset, (cst.Name, cst.Attribute)):
            return
        prefix = _text(ctx, arg(node, "prefix", 0))
        name = short(ctx, viewset)
        for target, method in class_method_targets(ctx.expr(viewset), VIEWSET_METHODS):
            ctx.add_trigger(
                route_trigger(
                    label="DRF router",
                    source="drf-router",
                    target=target,
                    line=ctx.line(node),
                    path=f"'{prefix}'" if prefix is not None else None,
                    what="prefix",
                    handler=f"{name}.{method}",
                )
            )


class DjangoViewClasses(ViewClassRecognizer):
    """Methods of Django generic views and DRF views/viewsets (and their subclasses here)."""

    id = "django-view-classes"
    words = ("django.views", "rest_framework", "View", "ModelAdmin")
    families = (
        ViewFamily("DRF ViewSet", "drf-viewset", ("rest_framework.viewsets.",),
                   frozenset(HTTP_VERBS + VIEWSET_METHODS), decorators=(DRF_ACTION,)),
        ViewFamily("DRF API view", "drf-view", ("rest_framework.views.APIView", "rest_framework.generics."),
                   frozenset(HTTP_VERBS + VIEWSET_METHODS), decorators=(DRF_ACTION,)),
        ViewFamily("Django class-based view", "django-view", ("django.views.",),
                   frozenset(HTTP_VERBS + CBV_HOOKS)),
        ViewFamily("Django admin", "django-admin", ADMIN_BASES, frozenset(ADMIN_HOOKS),
                   decorators=("django.contrib.admin.action", "django.contrib.admin.decorators.action")),
    )

    def family_for(self, ctx: "Context", node: cst.ClassDef, bases: List[Optional[str]]) -> Optional[ViewFamily]:
        found = super().family_for(ctx, node, bases)
        if found is not None or not is_views_module(ctx.path):
            return found
        # In a views module, a class built on a project base named like a view is a view.
        names = [b.rsplit(".", 1)[-1] for b in bases if b]
        if any(n.endswith("ViewSet") for n in names):
            return self.families[0]
        if any(n.endswith("View") for n in names):
            return self.families[2]
        return None


class FunctionViews(Recognizer):
    """``@api_view``, functions under Django's view decorators, ``def f(request)`` in views modules."""

    id = "django-function-views"
    words = ("api_view", "django", "request")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        if qualname != f"{ctx.module}.{node.name.value}":
            return  # methods and nested functions are not URLconf views
        name = node.name.value
        for dec in decorators:
            if dec.name == API_VIEW:
                methods = _verbs(ctx, arg(dec.call, "http_method_names", 0)) if dec.call else ()
                self._add(ctx, qualname, dec.line, "DRF", "api_view", methods or ("GET",), "drf-api-view")
                return
        if _first_param(node) != "request":
            return
        for dec in decorators:
            if dec.name in VIEW_DECORATORS:
                methods = VIEW_DECORATORS[dec.name]
                if not methods and dec.call is not None and dec.name.endswith("require_http_methods"):
                    methods = _verbs(ctx, positional(dec.call, 0) or kwarg(dec.call, "request_method_list"))
                self._add(ctx, qualname, dec.line, "Django", f"view {name}(request)", methods, "django-view")
                return
        if is_views_module(ctx.path):
            fn = ctx.facts.functions[qualname]
            self._add(ctx, qualname, fn.line, "Django", f"view {name}(request) in {ctx.path}", (), "django-view")

    @staticmethod
    def _add(ctx: "Context", qualname: str, line: int, label: str, what: str, methods: Sequence[str],
             source: str) -> None:
        ctx.add_trigger(route_trigger(label=label, source=source, target=["name", qualname], line=line,
                                      path=None, methods=methods, what=what))


def _first_param(node: cst.FunctionDef) -> Optional[str]:
    params = list(node.params.posonly_params) + list(node.params.params)
    return params[0].name.value if params else None


RECOGNIZERS = [UrlConf(), DrfRouter(), DjangoViewClasses(), FunctionViews()]
