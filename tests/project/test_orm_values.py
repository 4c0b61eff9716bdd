"""Django querysets hold model instances: a view's or command's ORM result reaches the model's methods."""
from __future__ import annotations

import pytest
from test_graph import project, sites

MODEL = (
    "class {name}(models.Model):\n    text = models.TextField()\n\n"
    "    def embed(self):\n        return openai.embeddings.create(input=self.text, model='text-embedding-3-small')\n\n"
    "    def update(self):\n        return openai.embeddings.create(input=self.text, model='text-embedding-3-small')\n"
)
# Two models with the same methods: a name alone does not say which one a call reaches.
MODELS = "import openai\nfrom django.db import models\n\n\n" + MODEL.format(name="Post") + "\n\n" + MODEL.format(name="Tag")
EMBED, UPDATE, TAG = ("blog/models.py", 9), ("blog/models.py", 12), ("blog/models.py", 19)
COMMAND = (
    "from django.core.management.base import BaseCommand\n"
    "from django.shortcuts import get_list_or_404\n\nfrom blog.models import Post\n\n\n"
    "class Command(BaseCommand):\n    def handle(self, *args, **kwargs):\n        {body}\n"
)
VIEW = (
    "from django.http import JsonResponse\n"
    "from django.shortcuts import get_object_or_404\n\nfrom blog.models import Post\n\n\n"
    "def show(request, pk):\n    {body}\n    return JsonResponse({{}})\n"
)
URLS = "from django.urls import path\n\nfrom blog import views\n\nurlpatterns = [path('<int:pk>/', views.show)]\n"


def classes(tmp_path, files):
    found = sites(project(tmp_path, {"blog/__init__.py": "", "blog/models.py": MODELS, **files}))
    assert found.get(TAG, (None, None))[1] == "unknown"
    return found.get(EMBED, (None, None))[1], found.get(UPDATE, (None, None))[1]


@pytest.mark.parametrize("body", [
    "for post in Post.objects.all():\n            post.embed()",
    "posts = Post.objects.filter(text='').order_by('id')\n        for post in posts:\n            post.embed()",
    "Post.objects.exclude(text='')[0].embed()",
    "[p.embed() for p in Post.objects.select_related('x').all()]",
    "for post in get_list_or_404(Post):\n            post.embed()",
])
def test_a_commands_queryset_loop_reaches_the_models_method(tmp_path, body):
    """Nothing runs the command: a person does (real-time)."""
    files = {"blog/management/__init__.py": "", "blog/management/commands/__init__.py": "",
             "blog/management/commands/backfill.py": COMMAND.format(body=body)}
    assert classes(tmp_path, files) == ("real-time", "unknown")


@pytest.mark.parametrize("body", [
    "Post.objects.get(pk=pk).embed()",
    "post = get_object_or_404(Post, pk=pk)\n    post.embed()",
    "post = get_object_or_404(Post.objects.filter(text=''), pk=pk)\n    post.embed()",
    "post, created = Post.objects.get_or_create(pk=pk)\n    post.embed()",
    "Post.objects.filter(pk=pk).first().embed()",
])
def test_a_views_model_instance_reaches_the_models_method(tmp_path, body):
    files = {"blog/views.py": VIEW.format(body=body), "blog/urls.py": URLS}
    assert classes(tmp_path, files) == ("real-time", "unknown")


def test_a_querysets_own_methods_run_in_the_database_not_the_models(tmp_path):
    """``QuerySet.update`` is no ``Post.update``: it runs one SQL statement."""
    files = {"blog/views.py": VIEW.format(body="Post.objects.filter(pk=pk).update(text='')"), "blog/urls.py": URLS}
    assert classes(tmp_path, files) == ("unknown", "unknown")


MANAGED = (
    "import openai\nfrom django.db import models\n\n\n"
    "class PostManager(models.Manager):\n"
    "    def summarise_all(self):\n"
    "        for post in self.all():\n"
    "            openai.embeddings.create(input=post.text, model='text-embedding-3-small')\n\n"
    "    def create(self, **kwargs):\n"
    "        return openai.embeddings.create(input=kwargs['text'], model='text-embedding-3-small')\n\n\n"
    "class Post(models.Model):\n    text = models.TextField()\n    objects = PostManager()\n"
)


@pytest.mark.parametrize("body, line", [
    ("Post.objects.summarise_all()", 8),
    ("Post.objects.create(text='x')", 11),  # the manager's own override of a queryset method
])
def test_a_models_own_manager_keeps_its_methods(tmp_path, body, line):
    """``objects = PostManager()``: ``Post.objects`` is that manager (its methods run) as well as a
    queryset of ``Post``."""
    files = {"blog/__init__.py": "", "blog/models.py": MANAGED, "blog/urls.py": URLS,
             "blog/views.py": VIEW.format(body=body)}
    found = sites(project(tmp_path, files))
    assert found[("blog/models.py", line)][1] == "real-time"
