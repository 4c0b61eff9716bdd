"""Django's ORM: what a model's manager, its querysets and the shortcuts hand back.

docs.djangoproject.com, "QuerySet API reference": ``Post.objects`` is the model's default manager;
``all()``, ``filter()``, ``order_by()`` ... return a new ``QuerySet`` of ``Post``, iterating or
indexing one yields ``Post`` instances, and ``get()``, ``create()``, ``first()`` ... return one
``Post`` (``get_or_create()`` a ``(Post, created)`` pair, read the same way). ``update()``,
``delete()``, ``count()``, ``values()`` and the like run in the database and hand back no model
object (``update`` and ``bulk_create`` call no ``save()``), so nothing is followed through them.
``get_object_or_404(Post, ...)`` (``django.shortcuts``) returns a ``Post``, ``get_list_or_404`` a
list of them. The project stage reads these to type a view's ``post`` and a command's loop
variable (``project/orm.py``), so ``post.summarise()`` reaches the model's method.
"""
from __future__ import annotations

from typing import FrozenSet

# Library bases that make a class a Django model.
MODEL_BASES: FrozenSet[str] = frozenset({
    "django.db.models.Model", "django.db.models.base.Model",
    "django.contrib.auth.models.AbstractUser", "django.contrib.auth.models.AbstractBaseUser",
    "django.contrib.auth.base_user.AbstractBaseUser", "django.contrib.auth.models.PermissionsMixin"})
# Class attributes holding a model's manager.
MANAGERS: FrozenSet[str] = frozenset({"objects", "_default_manager", "_base_manager"})
# Manager and queryset methods returning a queryset of the same model.
QUERYSET_METHODS: FrozenSet[str] = frozenset({
    "all", "filter", "exclude", "order_by", "reverse", "distinct", "select_related", "prefetch_related",
    "annotate", "alias", "only", "defer", "using", "select_for_update", "none", "union", "intersection",
    "difference", "get_queryset", "iterator", "aiterator"})
# Manager and queryset methods returning one instance (``get_or_create``: the pair's first item).
INSTANCE_METHODS: FrozenSet[str] = frozenset({
    "get", "create", "first", "last", "latest", "earliest", "get_or_create", "update_or_create",
    "aget", "acreate", "afirst", "alast", "alatest", "aearliest", "aget_or_create", "aupdate_or_create"})
# Shortcuts taking the model (or a queryset) first: one instance, or a list of them.
INSTANCE_SHORTCUTS: FrozenSet[str] = frozenset({"django.shortcuts.get_object_or_404",
                                                "django.shortcuts.aget_object_or_404"})
LIST_SHORTCUTS: FrozenSet[str] = frozenset({"django.shortcuts.get_list_or_404",
                                            "django.shortcuts.aget_list_or_404"})
