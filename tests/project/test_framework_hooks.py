"""Hooks a framework runs on classes a view names, and library methods that run a subclass's overrides."""
from __future__ import annotations

from test_graph import project, sites

SDK = "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(text):\n    return client.chat.completions.create(model='m', messages=[])\n"
SITE = ("llm.py", 7)


def klass(tmp_path, files):
    found = sites(project(tmp_path, {"llm.py": SDK, **files}))
    return found.get(SITE, (None, None))[1]


def evidence(tmp_path, files):
    result = project(tmp_path, {"llm.py": SDK, **files})
    site = next(s for s in result.sites if (s.resolved.facts.path, s.resolved.site.line) == SITE)
    return site.latency_class, [e.note for e in site.evidence]


SERIALIZER = (
    "from rest_framework import serializers\nfrom llm import ask\n\n\n"
    "class NoteSerializer(serializers.ModelSerializer):\n"
    "    def {method}(self, *args):\n        ask('x')\n        return super().{method}(*args)\n"
)


def test_a_generic_views_serializer_create_runs_for_its_request(tmp_path):
    cls, notes = evidence(tmp_path, {
        "serializers.py": SERIALIZER.format(method="create"),
        "views.py": ("from rest_framework import generics\nfrom serializers import NoteSerializer\n\n\n"
                     "class NoteCreateView(generics.ListCreateAPIView):\n    serializer_class = NoteSerializer\n"),
    })
    assert cls == "real-time"
    assert notes[0] == "DRF runs NoteSerializer.create for NoteCreateView (serializer_class)"


def test_the_action_a_view_runs_decides_which_serializer_hooks_run(tmp_path):
    # A list-only view never saves: its serializer's ``update`` is not run by it.
    assert klass(tmp_path, {
        "serializers.py": SERIALIZER.format(method="update"),
        "views.py": ("from rest_framework import generics\nfrom serializers import NoteSerializer\n\n\n"
                     "class Notes(generics.ListAPIView):\n    serializer_class = NoteSerializer\n"),
    }) == "unknown"


def test_get_serializer_class_returns_name_the_classes_and_viewsets_run_all_actions(tmp_path):
    cls, notes = evidence(tmp_path, {
        "serializers.py": SERIALIZER.format(method="update") + "\n\nclass Plain(serializers.Serializer):\n    pass\n",
        "views.py": ("from rest_framework import viewsets\nfrom serializers import NoteSerializer, Plain\n\n\n"
                     "class Notes(viewsets.ModelViewSet):\n    serializer_class = Plain\n\n"
                     "    def get_serializer_class(self):\n        if self.action == 'update':\n"
                     "            return NoteSerializer\n        return Plain\n"),
    })
    assert (cls, notes[0]) == ("real-time", "DRF runs NoteSerializer.update for Notes (serializer_class)")


def test_validators_and_method_fields_follow_their_pattern(tmp_path):
    for method in ("validate_title", "get_summary", "validate"):
        assert klass(tmp_path / method, {
            "serializers.py": SERIALIZER.format(method=method),
            "views.py": ("from rest_framework.generics import CreateAPIView\nfrom serializers import NoteSerializer\n\n\n"
                         "class V(CreateAPIView):\n    serializer_class = NoteSerializer\n"),
        }) == "real-time", method


def test_filter_backends_permissions_and_webhook_views(tmp_path):
    backend = ("from rest_framework.filters import BaseFilterBackend\nfrom rest_framework.permissions import BasePermission\n"
               "from llm import ask\n\n\nclass Semantic(BaseFilterBackend):\n"
               "    def filter_queryset(self, request, queryset, view):\n        ask('x')\n\n\n"
               "class Moderated(BasePermission):\n    def has_permission(self, request, view):\n        return True\n")
    view = ("from rest_framework import generics\nfrom backends import Semantic, Moderated\n\n\n"
            "class {name}(generics.ListAPIView):\n    filter_backends = [Semantic]\n    permission_classes = (Moderated,)\n")
    assert evidence(tmp_path / "a", {"backends.py": backend, "views.py": view.format(name="Items")}) == (
        "real-time", ["DRF runs Semantic.filter_queryset for Items (filter_backends)", "Semantic.filter_queryset calls ask"])
    assert klass(tmp_path / "b", {"backends.py": backend, "views.py": view.format(name="StripeWebhook")}) == "near-real-time"


def test_settings_default_filter_backends_run_for_every_view(tmp_path):
    cls, notes = evidence(tmp_path, {
        "api/__init__.py": "",
        "api/backends.py": ("from rest_framework.filters import BaseFilterBackend\nfrom llm import ask\n\n\n"
                            "class QueryFilter(BaseFilterBackend):\n    def filter_queryset(self, request, qs, view):\n"
                            "        return ask(request)\n"),
        "proj/settings.py": ("REST_FRAMEWORK = {\n    'DEFAULT_FILTER_BACKENDS': [\n"
                             "        'rest_framework.filters.SearchFilter',\n        'api.backends.QueryFilter',\n    ],\n}\n"),
    })
    assert (cls, notes[0]) == ("real-time", "DRF runs QueryFilter.filter_queryset for every view (DEFAULT_FILTER_BACKENDS)")


def test_django_form_views_and_admin_forms(tmp_path):
    form = ("from django import forms\nfrom llm import ask\n\n\nclass NoteForm(forms.ModelForm):\n"
            "    def clean_body(self):\n        return ask(self.cleaned_data['body'])\n")
    assert klass(tmp_path / "a", {"forms.py": form, "views.py": (
        "from django.views.generic.edit import CreateView\nfrom forms import NoteForm\n\n\n"
        "class NoteCreate(CreateView):\n    form_class = NoteForm\n")}) == "real-time"
    assert klass(tmp_path / "b", {"forms.py": form, "admin.py": (
        "from django.contrib import admin\nfrom forms import NoteForm\n\n\n"
        "class NoteAdmin(admin.ModelAdmin):\n    form = NoteForm\n")}) == "real-time"
    # A class named in an attribute of something that is not a view runs nothing.
    assert klass(tmp_path / "c", {"forms.py": form, "other.py": (
        "from forms import NoteForm\n\n\nclass Config:\n    form_class = NoteForm\n")}) == "unknown"


def test_an_explicit_serializer_save_runs_the_serializers_create(tmp_path):
    cls, notes = evidence(tmp_path, {
        "serializers.py": SERIALIZER.format(method="create"),
        "views.py": ("from rest_framework.views import APIView\nfrom serializers import NoteSerializer\n\n\n"
                     "class Notes(APIView):\n    def post(self, request):\n"
                     "        serializer = NoteSerializer(data=request.data)\n        serializer.is_valid(raise_exception=True)\n"
                     "        serializer.save(user=request.user)\n"),
    })
    assert cls == "real-time"
    assert "Notes.post calls NoteSerializer.create" in notes


THREAD = (
    "import threading\nimport multiprocessing\nfrom llm import ask\n\n\n"
    "class SummaryThread(threading.Thread):\n    def __init__(self, text):\n        super().__init__()\n"
    "        self.text = text\n\n    def run(self):\n        ask(self.text)\n\n\n"
    "class Worker(multiprocessing.Process):\n    def run(self):\n        ask('x')\n"
)


def test_a_thread_subclass_started_by_a_request_is_a_hand_off(tmp_path):
    cls, notes = evidence(tmp_path, {"work.py": THREAD, "views.py": (
        "from fastapi import FastAPI\nfrom work import SummaryThread\n\napp = FastAPI()\n\n\n"
        "@app.post('/notes')\ndef add(text: str):\n    SummaryThread(text).start()\n    return {}\n")})
    assert cls == "near-real-time"
    assert "add starts SummaryThread.run with .start() and does not wait" in notes


def test_a_joined_thread_or_process_is_waited_for(tmp_path):
    assert klass(tmp_path / "a", {"work.py": THREAD, "views.py": (
        "from fastapi import FastAPI\nfrom work import SummaryThread\n\napp = FastAPI()\n\n\n"
        "@app.post('/notes')\ndef add(text: str):\n    t = SummaryThread(text)\n    t.start()\n    t.join()\n")}) == "real-time"
    assert klass(tmp_path / "b", {"work.py": THREAD, "views.py": (
        "from fastapi import FastAPI\nfrom work import Worker\n\napp = FastAPI()\n\n\n"
        "@app.post('/notes')\ndef add(text: str):\n    workers = []\n    for _ in range(3):\n"
        "        w = Worker()\n        w.start()\n        workers.append(w)\n"
        "    for w in workers:\n        w.join()\n")}) == "real-time"
    assert klass(tmp_path / "c", {"work.py": THREAD, "views.py": (
        "from fastapi import FastAPI\nfrom work import Worker\n\napp = FastAPI()\n\n\n"
        "@app.post('/notes')\ndef add(text: str):\n    w = Worker()\n    w.start()\n    return {}\n")}) == "near-real-time"


def test_a_start_the_subclass_defines_itself_is_an_ordinary_call(tmp_path):
    assert klass(tmp_path, {"work.py": (
        "import threading\nfrom llm import ask\n\n\nclass Poller(threading.Thread):\n"
        "    def start(self):\n        ask('x')\n\n    def run(self):\n        pass\n"),
        "views.py": ("from fastapi import FastAPI\nfrom work import Poller\n\napp = FastAPI()\n\n\n"
                     "@app.post('/p')\ndef add():\n    Poller().start()\n")}) == "real-time"


def test_action_overrides_and_function_view_policy_decorators(tmp_path):
    assert klass(tmp_path / "a", {
        "serializers.py": SERIALIZER.format(method="create"),
        "views.py": ("from rest_framework import viewsets\nfrom rest_framework.decorators import action\n"
                     "from serializers import NoteSerializer\n\n\nclass Notes(viewsets.GenericViewSet):\n"
                     "    @action(detail=False, methods=['post'], serializer_class=NoteSerializer)\n"
                     "    def summarize(self, request):\n        return None\n"),
    }) == "real-time"
    cls, notes = evidence(tmp_path / "b", {
        "perms.py": ("from rest_framework.permissions import BasePermission\nfrom llm import ask\n\n\n"
                     "class NotSpam(BasePermission):\n    def has_permission(self, request, view):\n"
                     "        return ask(request) == 'ok'\n"),
        "views.py": ("from rest_framework.decorators import api_view, permission_classes\nfrom perms import NotSpam\n\n\n"
                     "@api_view(['POST'])\n@permission_classes([NotSpam])\ndef comment(request):\n    return None\n"),
    })
    assert (cls, notes[0]) == ("real-time", "DRF runs NotSpam.has_permission for comment (permission_classes)")


def test_model_admin_hooks_and_admin_actions(tmp_path):
    admin = ("from django.contrib import admin\nfrom llm import ask\n\n\n{extra}"
             "class NoteAdmin(admin.ModelAdmin):\n{body}")
    assert klass(tmp_path / "a", {"admin.py": admin.format(extra="", body=(
        "    def save_model(self, request, obj, form, change):\n        ask(obj)\n"))}) == "real-time"
    assert klass(tmp_path / "b", {"admin.py": admin.format(extra="", body=(
        "    actions = ['summarize']\n\n    def summarize(self, request, queryset):\n        ask(queryset)\n"))}) == "real-time"
    assert klass(tmp_path / "c", {"admin.py": admin.format(
        extra="def export(modeladmin, request, queryset):\n    ask(queryset)\n\n\n", body="    actions = [export]\n")}) == "real-time"
    # A helper method the admin does not call is not run by it.
    assert klass(tmp_path / "d", {"admin.py": admin.format(extra="", body=(
        "    def helper(self, obj):\n        ask(obj)\n"))}) == "unknown"


def test_a_view_on_a_project_base_from_another_file_that_names_a_serializer(tmp_path):
    files = {
        "serializers.py": SERIALIZER.format(method="create"),
        "base.py": "from rest_framework import generics\n\n\nclass BaseView(generics.GenericAPIView):\n    pass\n",
        "views.py": ("from rest_framework import mixins\nfrom base import BaseView\nfrom serializers import NoteSerializer\n\n\n"
                     "class Notes(BaseView):\n    serializer_class = NoteSerializer\n"),
    }
    assert klass(tmp_path / "a", files) == "real-time"
    # Without a base, a class holding ``serializer_class`` is configuration, not a view.
    files["views.py"] = "from serializers import NoteSerializer\n\n\nclass Meta:\n    serializer_class = NoteSerializer\n"
    assert klass(tmp_path / "b", files) == "unknown"


def test_get_permissions_returning_instances(tmp_path):
    assert klass(tmp_path, {
        "perms.py": ("from rest_framework.permissions import BasePermission\nfrom llm import ask\n\n\n"
                     "class NotSpam(BasePermission):\n    def has_permission(self, request, view):\n"
                     "        return ask(request) == 'ok'\n"),
        "views.py": ("from rest_framework import generics\nfrom rest_framework.permissions import IsAuthenticated\n"
                     "from perms import NotSpam\n\n\nclass Comments(generics.CreateAPIView):\n"
                     "    def get_permissions(self):\n        if self.request.method == 'POST':\n"
                     "            return [NotSpam(), IsAuthenticated()]\n        return [IsAuthenticated()]\n"),
    }) == "real-time"


def test_a_job_on_a_project_base_that_names_a_serializer_is_no_view(tmp_path):
    """``serializer_class = X`` on a class whose MRO reaches no view base (a plain project ``BaseJob``),
    in a module importing from DRF, runs none of X's hooks; the same on a project base built on a
    DRF view does."""
    files = {
        "serializers.py": SERIALIZER.format(method="create"),
        "jobs.py": "class BaseJob:\n    def run(self):\n        pass\n",
        "reports.py": ("from rest_framework.response import Response\nfrom jobs import BaseJob\n"
                       "from serializers import NoteSerializer\n\n\n"
                       "class NightlyReport(BaseJob):\n    serializer_class = NoteSerializer\n"),
    }
    assert klass(tmp_path / "job", files) == "unknown"
    files["jobs.py"] = "from rest_framework import generics\n\n\nclass BaseJob(generics.GenericAPIView):\n    pass\n"
    assert klass(tmp_path / "view", files) == "real-time"


def test_a_candidate_view_on_a_base_outside_the_project_is_a_view_by_its_name_or_methods(tmp_path):
    files = {
        "serializers.py": SERIALIZER.format(method="create"),
        "views.py": ("from rest_framework.response import Response\n"
                     "from rest_framework_simplejwt.views import TokenObtainPairView\n"
                     "from serializers import NoteSerializer\n\n\n"
                     "class TokenView(TokenObtainPairView):\n    serializer_class = NoteSerializer\n"),
    }
    assert klass(tmp_path / "named", files) == "real-time"
    files["views.py"] = files["views.py"].replace("class TokenView", "class Report")
    assert klass(tmp_path / "plain", files) == "unknown"
