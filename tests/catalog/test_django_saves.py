"""A model signal's receiver runs wherever the model is saved: the saving code's class reaches
it (a view: real-time; a Celery task a view queues: near-real-time; the admin's change view:
real-time). With no save found, the signal alone still says near-real-time."""
from __future__ import annotations

import textwrap

import pytest
from support.fixlib import write_project

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run

MODELS = """
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver

from blog.utils import write_article


class Post(models.Model):
    name = models.CharField(max_length=250)
    description = models.TextField(blank=True)


class Tag(models.Model):
    name = models.CharField(max_length=50)


{receiver}
"""

CONNECT = """
def fill(sender, instance, **kwargs):
    if not instance.description:
        instance.description = write_article(instance.name)


pre_save.connect(fill, sender={sender})
"""

DECORATED = """
@receiver(pre_save, sender={sender})
def fill(sender, instance, **kwargs):
    instance.description = write_article(instance.name)
"""

UTILS = """
import openai


def write_article(title):
    return openai.Completion.create(engine="text-davinci-002", prompt=title)
"""

FORMS = """
from django import forms

from blog.models import Post


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["name"]
"""

VIEWS = """
from django.shortcuts import get_object_or_404, redirect

from blog.forms import PostForm
from blog.models import Post
from blog.tasks import import_posts


def {view}(request, pk):
    {body}
    return redirect("/")


def queue(request):
    import_posts.delay()
    return redirect("/")
"""

TASKS = """
from celery import shared_task

from blog.models import Post


@shared_task
def import_posts():
    for title in ["a", "b"]:
        {save}
"""

URLS = """
from django.urls import path

from blog import views

urlpatterns = [path("edit/<int:pk>/", views.edit), path("queue/", views.queue)]
"""


def classify(tmp_path, files):
    base = {"blog/__init__.py": "", "blog/utils.py": UTILS, "blog/forms.py": FORMS, "blog/urls.py": URLS}
    result = run([write_project(tmp_path, {**base, **files})], Config(), root=tmp_path)
    return [s.latency_class for s in result.sites]


@pytest.mark.parametrize("body", [
    "form = PostForm(request.POST)\n    form.save()",
    "post = get_object_or_404(Post, pk=pk)\n    post.save()",
    "post = Post.objects.get(pk=pk)\n    post.save()",
    "Post.objects.create(name='x')",
    "Post(name='x').save()",
])
@pytest.mark.parametrize("receiver", [CONNECT.format(sender="Post"), DECORATED.format(sender="Post"),
                                      CONNECT.replace(", sender={sender}", "")])
def test_a_view_saving_the_model_runs_its_receiver_while_a_person_waits(tmp_path, body, receiver):
    files = {"blog/models.py": MODELS.format(receiver=receiver),
             "blog/views.py": VIEWS.format(view="edit", body=body), "blog/tasks.py": TASKS.format(save="pass")}
    assert classify(tmp_path, files) == ["real-time"]


def test_a_queued_task_saving_the_model_is_near_real_time_and_the_admin_makes_it_mixed(tmp_path):
    files = {"blog/models.py": MODELS.format(receiver=CONNECT.format(sender="Post")),
             "blog/views.py": VIEWS.format(view="edit", body="pass"),
             "blog/tasks.py": TASKS.format(save="Post.objects.get_or_create(name=title)")}
    assert classify(tmp_path, files) == ["near-real-time"]
    files["blog/admin.py"] = "from django.contrib import admin\n\nfrom .models import Post\n\nadmin.site.register(Post)\n"
    assert classify(tmp_path, files) == ["mixed"]


@pytest.mark.parametrize("admin", [
    "admin.site.register(Tag)\n",
    "@admin.register(Tag)\nclass TagAdmin(admin.ModelAdmin):\n    pass\n",
])
def test_saving_another_model_does_not_run_the_receiver(tmp_path, admin):
    files = {"blog/models.py": MODELS.format(receiver=CONNECT.format(sender="Post")),
             "blog/views.py": VIEWS.format(view="edit", body="Tag.objects.create(name='x')"),
             "blog/tasks.py": TASKS.format(save="pass"),
             "blog/admin.py": "from django.contrib import admin\n\nfrom .models import Tag\n\n" + admin}
    assert classify(tmp_path, files) == ["near-real-time"]  # the signal alone: nothing found saving a Post


@pytest.mark.parametrize("admin", [
    "admin.site.register([Post, Tag])\n",
    "@admin.register(Post)\nclass PostAdmin(admin.ModelAdmin):\n    pass\n",
])
def test_the_admin_change_view_is_real_time(tmp_path, admin):
    files = {"blog/models.py": MODELS.format(receiver=DECORATED.format(sender="Post")),
             "blog/views.py": VIEWS.format(view="edit", body="pass"), "blog/tasks.py": TASKS.format(save="pass"),
             "blog/admin.py": "from django.contrib import admin\n\nfrom .models import Post, Tag\n\n" + admin}
    assert classify(tmp_path, files) == ["real-time"]


CUSTOM = {
    "shop/__init__.py": "",
    "shop/signals.py": "from django.dispatch import Signal\n\norder_placed = Signal()\n",
    # the receivers are connected where the app's config imports them (``connected``)
    "shop/apps.py": ("from django.apps import AppConfig\n\n\nclass ShopConfig(AppConfig):\n    name = 'shop'\n\n"
                     "    def ready(self):\n        from shop import receivers  # noqa: F401\n"),
    "shop/receivers.py": textwrap.dedent("""
        import openai
        from django.dispatch import receiver

        from shop.signals import order_placed


        @receiver(order_placed)
        def thank(sender, order, **kwargs):
            openai.Completion.create(engine="text-davinci-002", prompt=str(order))
        """),
    "shop/views.py": textwrap.dedent("""
        from django.http import JsonResponse

        from shop.signals import order_placed


        def place(request):
            order_placed.send(sender=None, order=request.POST)
            return JsonResponse({})
        """),
    "shop/urls.py": "from django.urls import path\n\nfrom shop import views\n\nurlpatterns = [path('place/', views.place)]\n",
}


def test_a_custom_signal_sent_from_a_view_runs_its_receiver_while_the_person_waits(tmp_path):
    result = run([write_project(tmp_path, CUSTOM)], Config(), root=tmp_path)
    assert [s.latency_class for s in result.sites] == ["real-time"]
    files = {k: v for k, v in CUSTOM.items() if k != "shop/views.py"}  # nothing sends it: the signal alone
    result = run([write_project(tmp_path / "alone", files)], Config(), root=tmp_path / "alone")
    assert [s.latency_class for s in result.sites] == ["near-real-time"]


NO_SENDER = CONNECT.replace(", sender={sender}", "")
DELETE_RECEIVER = CONNECT.format(sender="Post").replace("pre_save.connect", "post_delete.connect")


@pytest.mark.parametrize("body", [
    "import requests\n    s = requests.Session()\n    s.delete('http://x')",
    "from openpyxl import Workbook\n    Workbook().save('a.xlsx')",
])
def test_saving_or_deleting_what_is_no_model_runs_no_receiver(tmp_path, body):
    """A capitalised class's ``.save()`` / ``.delete()`` is no model's save unless the class is one."""
    files = {"blog/models.py": MODELS.format(receiver=NO_SENDER),
             "blog/views.py": VIEWS.format(view="edit", body=body), "blog/tasks.py": TASKS.format(save="pass")}
    assert classify(tmp_path, files) == ["near-real-time"]


@pytest.mark.parametrize("body, expected", [
    ("Post.objects.create(name='x')", "near-real-time"),
    ("post = get_object_or_404(Post, pk=pk)\n    post.save()", "near-real-time"),
    ("post = get_object_or_404(Post, pk=pk)\n    post.delete()", "real-time"),
    ("Post.objects.get(pk=pk).delete()", "real-time"),
])
def test_delete_receivers_run_where_the_model_is_deleted_not_saved(tmp_path, body, expected):
    models = MODELS.replace("import pre_save", "import post_delete").format(receiver=DELETE_RECEIVER)
    files = {"blog/models.py": models,
             "blog/views.py": VIEWS.format(view="edit", body=body), "blog/tasks.py": TASKS.format(save="pass")}
    assert classify(tmp_path, files) == [expected]


def test_a_model_through_a_project_base_runs_the_receivers_of_every_model(tmp_path):
    """``Post(TimeStamped)`` with ``TimeStamped(models.Model)`` in another module: ``Post(...).save()``
    runs a sender-less receiver; the same save of a class with no model base does not."""
    models = MODELS.format(receiver=NO_SENDER).replace("class Post(models.Model):", "class Post(TimeStamped):")
    models = models.replace("from blog.utils import write_article", "from blog.base import TimeStamped\n"
                            "from blog.utils import write_article")
    files = {"blog/models.py": models,
             "blog/base.py": "from django.db import models\n\n\nclass TimeStamped(models.Model):\n    pass\n",
             "blog/views.py": VIEWS.format(view="edit", body="Post(name='x').save()"),
             "blog/tasks.py": TASKS.format(save="pass")}
    assert classify(tmp_path, files) == ["real-time"]
    files["blog/base.py"] = "from django.db import models\n\n\nclass TimeStamped:\n    pass\n"
    assert classify(tmp_path / "plain", files) == ["near-real-time"]


EMBEDDED = """
import openai
from django.db import models


class {name}(models.Model):
    text = models.TextField()

    def {method}(self, *args, **kwargs):
        self.embedding = openai.embeddings.create(input=self.text, model="text-embedding-3-small")
        super().{method}(*args, **kwargs)
"""


@pytest.mark.parametrize("body", [
    "form = PostForm(request.POST)\n    form.save()",
    "form = PostForm(request.POST)\n    post = form.save(commit=False)\n    post.text = 'x'\n    post.save()",
    "post = get_object_or_404(Post, pk=pk)\n    post.save()",
    "Post.objects.create(text='x')",
    "post, _ = Post.objects.get_or_create(text='x')",
    "Post._default_manager.create(text='x')",  # every manager attribute catalog/orm.MANAGERS names
])
def test_a_models_own_save_override_runs_where_the_model_is_saved(tmp_path, body):
    """``def save(self)`` on the model embeds while the view that saves it waits."""
    files = {"blog/utils.py": "", "blog/models.py": EMBEDDED.format(name="Post", method="save"),
             "blog/views.py": VIEWS.format(view="edit", body=body), "blog/tasks.py": TASKS.format(save="pass")}
    assert classify(tmp_path, files) == ["real-time"]


def test_a_form_saved_with_commit_false_saves_nothing(tmp_path):
    files = {"blog/utils.py": "", "blog/models.py": EMBEDDED.format(name="Post", method="save"),
             "blog/views.py": VIEWS.format(view="edit", body="form = PostForm(request.POST)\n    form.save(commit=False)"),
             "blog/tasks.py": TASKS.format(save="pass")}
    assert classify(tmp_path, files) == ["unknown"]


def test_a_save_override_inherited_from_a_project_base_runs_and_a_delete_override_only_on_delete(tmp_path):
    base = EMBEDDED.format(name="Embedded", method="save").replace("text = models", "class Meta:\n        "
                                                                     "abstract = True\n\n    text = models")
    models = "from django.db import models\n\nfrom blog.base import Embedded\n\n\nclass Post(Embedded):\n    pass\n"
    files = {"blog/utils.py": "", "blog/base.py": base, "blog/models.py": models, "blog/tasks.py": TASKS.format(save="pass"),
             "blog/views.py": VIEWS.format(view="edit", body="Post.objects.create(text='x')")}
    assert classify(tmp_path, files) == ["real-time"]
    files["blog/base.py"] = EMBEDDED.format(name="Embedded", method="delete")
    assert classify(tmp_path / "saved", files) == ["unknown"]
    files["blog/views.py"] = VIEWS.format(view="edit", body="Post.objects.get(pk=pk).delete()")
    assert classify(tmp_path / "deleted", files) == ["real-time"]


def test_a_user_models_save_override_runs_where_it_is_saved_without_importing_django_db(tmp_path):
    """``class Member(AbstractUser)`` in a module importing only ``django.contrib.auth.models``: the
    base is a model base (``catalog/orm.MODEL_BASES``), so its ``save`` runs where a member is saved."""
    models = EMBEDDED.format(name="Post", method="save").replace(
        "from django.db import models", "from django.contrib.auth.models import AbstractUser").replace(
        "(models.Model)", "(AbstractUser)").replace("    text = models.TextField()\n", "")
    files = {"blog/utils.py": "", "blog/models.py": models, "blog/tasks.py": TASKS.format(save="pass"),
             "blog/views.py": VIEWS.format(view="edit", body="Post.objects.create(text='x')")}
    assert classify(tmp_path, files) == ["real-time"]
