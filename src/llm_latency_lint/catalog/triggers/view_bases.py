"""Which classes are views, and which actions a view on a catalogued base runs (DRF, Django).

The tables of ``framework_hooks`` that the project graph reads too (``project.classes``): kept
apart from the recogniser, so the graph stage, a warm run and the flake8 plugin's start-up
import them without libcst.
"""
from __future__ import annotations

from typing import Dict, Tuple

_ALL = ("list", "retrieve", "create", "update", "destroy")
_DRF = "rest_framework"
# Base (qualified) -> the actions a view built on it runs. A view on several bases runs their union.
VIEW_ACTIONS: Dict[str, Tuple[str, ...]] = {
    **{f"{_DRF}.generics.{name}": actions for name, actions in {
        "CreateAPIView": ("create",), "ListAPIView": ("list",), "RetrieveAPIView": ("retrieve",),
        "DestroyAPIView": ("destroy",), "UpdateAPIView": ("update",), "ListCreateAPIView": ("list", "create"),
        "RetrieveUpdateAPIView": ("retrieve", "update"), "RetrieveDestroyAPIView": ("retrieve", "destroy"),
        "RetrieveUpdateDestroyAPIView": ("retrieve", "update", "destroy"), "GenericAPIView": _ALL,
    }.items()},
    **{f"{_DRF}.mixins.{name}Mixin": (action,) for name, action in {
        "CreateModel": "create", "ListModel": "list", "RetrieveModel": "retrieve", "UpdateModel": "update",
        "DestroyModel": "destroy"}.items()},
    f"{_DRF}.viewsets.ModelViewSet": _ALL,
    f"{_DRF}.viewsets.ReadOnlyModelViewSet": ("list", "retrieve"),
    # Views whose own methods answer: they call ``get_serializer``/``filter_queryset`` as they like.
    f"{_DRF}.viewsets.GenericViewSet": _ALL,
    f"{_DRF}.viewsets.ViewSet": _ALL,
    f"{_DRF}.viewsets.ViewSetMixin": (),
    f"{_DRF}.views.APIView": (),
    **{f"django.views.generic.{module}{name}": actions
       for module in ("", "edit.") for name, actions in {
           "FormView": ("form",), "CreateView": ("model-form",), "UpdateView": ("model-form",)}.items()},
    "django.contrib.admin.ModelAdmin": ("admin",),
    "django.contrib.admin.options.ModelAdmin": ("admin",),
}
_DRF_BY_NAME = {base.rsplit(".", 1)[-1]: actions for base, actions in VIEW_ACTIONS.items() if base.startswith(_DRF)}
# Every DRF view runs its request hooks; ``get_serializer_class()`` may replace ``serializer_class``.
REQUEST_ROOTS = (f"{_DRF}.",)
# A candidate view (a class on a project base that sets one of ``DRF_ATTRIBUTES``) is a view when
# its MRO reaches one of these bases; when a base outside the project leaves that open, when its
# name or its methods say it is one.
VIEW_NAME_SUFFIXES = ("View", "ViewSet", "Viewset")
VIEW_METHODS = ("get", "post", "put", "patch", "delete", "list", "retrieve", "partial_update", "destroy",
                "perform_create", "perform_update", "perform_destroy", "get_queryset", "get_serializer_class")


def is_view_base(base: str) -> bool:
    """A catalogued view base, or a DRF view re-exported under another module (``viewsets.mixins``)."""
    return base in VIEW_ACTIONS or (base.startswith(REQUEST_ROOTS) and base.rsplit(".", 1)[-1] in _DRF_BY_NAME)
