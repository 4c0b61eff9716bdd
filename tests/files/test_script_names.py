"""Module names of scripts outside packages: same-named scripts in sibling folders (one per cloud
function) are distinct modules named by their path; of copies at several depths the shallowest stays
bare, and a nested project's copy keeps the name its own scan gives it."""
from __future__ import annotations

import pytest

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.facts.prefilter import relevant
from llm_latency_lint.files.discover import discover


def test_same_named_scripts_take_their_paths_name(tmp_path):
    for rel in ("functions/digest/main.py", "functions/chat/main.py", "main.py", "tools/main.py",
                "pkg/__init__.py", "pkg/main.py", "odd-name/x/util.py", "ok/x/util.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x = 1\n", encoding="utf-8")
    modules = {c.relpath: c.module for c in discover([tmp_path], Config(), root=tmp_path).files}
    assert modules == {
        "functions/digest/main.py": "functions.digest.main", "functions/chat/main.py": "functions.chat.main",
        "main.py": "main", "tools/main.py": "tools.main",  # at two depths: the shallowest keeps the name
        "pkg/__init__.py": "pkg", "pkg/main.py": "pkg.main",  # a package module is never renamed
        "odd-name/x/util.py": "util", "ok/x/util.py": "ok.x.util",  # no dotted name for a folder with a dash
    }


def test_same_named_scripts_in_several_dashed_folders_take_their_paths_as_written(tmp_path):
    """Two services' ``src/main.py`` under folders with dashes: no dotted name imports either, and
    one bare name would merge them (a producer service and its consumer, prakharps)."""
    for rel in ("services/ingest-svc/src/main.py", "services/ai-engine/src/main.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x = 1\n", encoding="utf-8")
    modules = {c.relpath: c.module for c in discover([tmp_path], Config(), root=tmp_path).files}
    assert modules == {"services/ingest-svc/src/main.py": "services.ingest-svc.src.main",
                       "services/ai-engine/src/main.py": "services.ai-engine.src.main"}


_HELPERS = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
            "def ask(q):\n    return client.chat.completions.create(model='gpt-4o', messages=[])\n")


def _classes(tmp_path, files, config=None):
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    result = run([tmp_path], config or Config(), root=tmp_path)
    return {(s.resolved.facts.path, s.resolved.site.line): str(s.latency_class) for s in result.sites}


def test_a_renamed_scripts_bare_import_is_its_own_folders_sibling(tmp_path):
    """Each Lambda folder holds ``lambda_function.py`` and ``helpers.py``: both pairs are named by
    their paths, and each handler's ``helpers`` is the file beside it (``sys.path[0]`` is the
    script's folder), whether imported by name or whole; a root ``helpers.py`` does not shadow it."""
    found = _classes(tmp_path, {
        "fns/a/lambda_function.py": "from helpers import ask\n\n\n"
                                    "def lambda_handler(event, context):  # llm-latency: scheduled\n"
                                    "    return ask(event['q'])\n",
        "fns/a/helpers.py": _HELPERS,
        "fns/b/lambda_function.py": "import helpers\n\n\n"
                                    "def lambda_handler(event, context):  # llm-latency: real-time\n"
                                    "    return helpers.ask(event['q'])\n",
        "fns/b/helpers.py": _HELPERS,
        "helpers.py": _HELPERS,
    })
    assert found == {("fns/a/helpers.py", 7): "scheduled", ("fns/b/helpers.py", 7): "real-time",
                     ("helpers.py", 7): "unknown"}


def test_config_names_a_renamed_scripts_function_by_its_paths_dotted_name(tmp_path):
    """``scheduled-functions`` names a renamed script's function by the dotted path the site's
    "unknown" hint prints (``fns.a.lambda_function.lambda_handler``)."""
    files = {f"fns/{d}/{name}": text for d in ("a", "b") for name, text in (
        ("lambda_function.py", "from helpers import ask\n\n\ndef lambda_handler(event, context):\n    return ask(1)\n"),
        ("helpers.py", _HELPERS))}
    config = Config(scheduled_functions=["fns.a.lambda_function.lambda_handler"])
    assert _classes(tmp_path, files, config) == {("fns/a/helpers.py", 7): "scheduled", ("fns/b/helpers.py", 7): "unknown"}


def test_a_url_constant_is_read_from_the_scripts_own_folder(tmp_path):
    """``from env import ENDPOINT`` in two renamed Lambda folders: each POST reads its own folder's
    constant (review 3, finding 7), and a folder whose constant names no LLM endpoint has no site."""
    handler = ("import requests\nfrom env import ENDPOINT\n\n\n"
               "def lambda_handler(event, context):  # llm-latency: scheduled\n"
               "    data = {'model': 'mistral-small', 'messages': event['messages']}\n"
               "    return requests.post(ENDPOINT, json=data)\n")
    found = _classes(tmp_path, {
        "fns/a/lambda_function.py": handler, "fns/a/env.py": "ENDPOINT = 'https://api.mistral.ai/v1/chat/completions'\n",
        "fns/b/lambda_function.py": handler, "fns/b/env.py": "ENDPOINT = 'https://api.openai.com/v1/chat/completions'\n",
        "fns/c/lambda_function.py": handler, "fns/c/env.py": "ENDPOINT = 'https://example.com/hook'\n",
    })
    assert found == {("fns/a/lambda_function.py", 7): "scheduled", ("fns/b/lambda_function.py", 7): "scheduled"}


def test_a_url_constant_of_a_module_named_from_a_package_is_read_through_its_alias(tmp_path):
    """The scan root holds ``__init__.py``: ``env.py`` is ``<root>.env`` and ``from env import
    ENDPOINT`` names it by its bare name, which the module aliases resolve (no suffix search)."""
    handler = ("import requests\nfrom env import ENDPOINT\n\n\n"
               "def ask(messages):  # llm-latency: real-time\n"
               "    return requests.post(ENDPOINT, json={'model': 'm', 'messages': messages})\n")
    found = _classes(tmp_path, {"__init__.py": "", "env.py": "ENDPOINT = 'https://api.mistral.ai/v1/chat/completions'\n",
                                "ask.py": handler})
    assert found == {("ask.py", 6): "real-time"}


def test_the_selection_keeps_a_renamed_scripts_own_siblings(tmp_path):
    """The prefilter matches imports by the names importers may use (``helpers`` for
    ``fns.a.helpers``): the chain through each folder's own siblings is kept; a sibling that names
    no SDK and leads to none (``fns/b/llm.py``) is not."""
    texts = {
        "fns/a/lambda_function.py": "from helpers import ask\n\n\ndef lambda_handler(e, c):\n    return ask(1)\n",
        "fns/a/helpers.py": "from llm import call\n\n\ndef ask(q):\n    return call(q)\n",
        "fns/a/llm.py": "from openai import OpenAI\n\n\ndef call(q):\n    return OpenAI().chat.completions.create(model='m', messages=[])\n",
        "fns/b/lambda_function.py": "from helpers import ask\n\n\ndef lambda_handler(e, c):\n    return ask(1)\n",
        "fns/b/helpers.py": "from llm import call\n\n\ndef ask(q):\n    return call(q)\n",
        "fns/b/llm.py": "import json\n\n\ndef call(q):\n    return json.dumps(q)\n",
    }
    for rel, text in texts.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    modules = {c.relpath: c.module for c in discover([tmp_path], Config(), root=tmp_path).files}
    kept = relevant(texts, modules, {key: False for key in texts})
    assert {"fns/a/lambda_function.py", "fns/a/helpers.py", "fns/a/llm.py"} <= kept
    assert "fns/b/llm.py" not in kept


def test_a_deeper_copy_is_distinct_unless_in_a_nested_project(tmp_path):
    for rel in ("main.py", "old/my-copy/main.py", "nested/pyproject.toml", "nested/app/main.py", "solo/x/run.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x = 1\n", encoding="utf-8")
    modules = {c.relpath: c.module for c in discover([tmp_path], Config(), root=tmp_path).files if c.module}
    assert modules == {
        "main.py": "main",
        "old/my-copy/main.py": "old.my-copy.main",  # no identifier, but distinct: nothing imports it by its path
        "nested/app/main.py": "main",  # a nested project's own scan names it so
        "solo/x/run.py": "run",  # a name of its own stays bare
    }


def test_an_old_copy_of_the_root_script_keeps_its_own_functions_and_siblings(tmp_path):
    """The root ``main.py`` and an old copy's ``main.py`` (each with its own ``helpers.py``) were one
    module: the copy's ``main`` and imports replaced the root's. Now each reaches its own helper."""
    script = ("import argparse\nfrom helpers import ask\n\n\ndef main():\n    argparse.ArgumentParser().parse_args()\n"
              "    return ask('x')\n\n\nif __name__ == '__main__':\n    main()\n")
    copy = script.replace("def main():", "def main():  # llm-latency: scheduled")
    found = _classes(tmp_path, {"main.py": script, "helpers.py": _HELPERS,
                                "old/v1/main.py": copy, "old/v1/helpers.py": _HELPERS})
    assert found == {("helpers.py", 7): "real-time", ("old/v1/helpers.py", 7): "scheduled"}


def test_scripts_of_sibling_nested_projects_sharing_a_name_stay_distinct(tmp_path):
    """``lambda/agent`` and ``lambda/embedding`` each hold a ``pyproject.toml`` and a
    ``lambda_function.py``: each project's own scan names it bare, but as one module here each
    Lambda's handler would take the other's triggers."""
    for rel in ("lambda/agent/pyproject.toml", "lambda/agent/lambda_function.py",
                "lambda/embedding/pyproject.toml", "lambda/embedding/lambda_function.py", "app/pyproject.toml",
                "app/main.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x = 1\n", encoding="utf-8")
    modules = {c.relpath: c.module for c in discover([tmp_path], Config(), root=tmp_path).files if c.module}
    assert modules == {
        "lambda/agent/lambda_function.py": "lambda.agent.lambda_function",
        "lambda/embedding/lambda_function.py": "lambda.embedding.lambda_function",
        "app/main.py": "main",  # a name of its own stays as its project's scan gives it
    }


def test_a_module_beside_a_package_of_its_name_is_a_script_nothing_imports(tmp_path):
    """``app.py`` beside ``app/__init__.py``: ``import app`` finds the package, so the file's own
    top-level call runs only when a person runs it (real-time, policy 3), and the package's routes
    stay what they are."""
    found = _classes(tmp_path, {
        "app.py": "from groq import Groq\n\nclient = Groq()\nclient.chat.completions.create(model='m', messages=[])\n",
        "app/__init__.py": "",
        "app/urls.py": "from django.urls import path\nfrom app import views\n\nurlpatterns = [path('a/', views.ask)]\n",
        "app/views.py": "from groq import Groq\n\n\ndef ask(request):\n"
                        "    return Groq().chat.completions.create(model='m', messages=[])\n",
        "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'app.settings')\n",
        "app/settings.py": "ROOT_URLCONF = 'app.urls'\n",
    })
    assert found[("app.py", 4)] == "real-time"
    assert found[("app/views.py", 5)] == "real-time"
    modules = {c.relpath: c.module for c in discover([tmp_path], Config(), root=tmp_path).files}
    assert modules["app.py"] == "app-py" and modules["app/__init__.py"] == "app"


def test_a_module_beside_its_package_is_named_in_config_and_hints_by_its_path(tmp_path):
    """``app.py`` beside ``app/``: discovery's ``app-py`` is no name a user can write, so the
    ``unknown`` hint prints ``app.py:summarize`` and ``scheduled-functions`` accepts it."""
    files = {"app/__init__.py": "", "app/util.py": "def clean(t):\n    return t.strip()\n",
             "app.py": ("from openai import OpenAI\n\nfrom app.util import clean\n\n\ndef summarize(text):\n"
                        "    return OpenAI().chat.completions.create(model='m', messages=[clean(text)])\n")}
    result = run_files(tmp_path, files)
    hint = result.sites[0].evidence[-1].note
    assert "list app.py:summarize under scheduled-functions" in hint and "app-py" not in hint, hint
    assert _classes(tmp_path, {}, Config(scheduled_functions=["app.py:summarize"])) == {("app.py", 7): "scheduled"}


def run_files(tmp_path, files):
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return run([tmp_path], Config(), root=tmp_path)


def test_a_handler_beside_a_sibling_named_like_its_top_folder_keeps_its_own_names(tmp_path):
    """``aws/a/lambda_function.py`` imports its sibling ``aws.py`` (``from aws import Textract``):
    the bare ``aws`` is the sibling, but the handler's own ``aws.a.lambda_function.lambda_handler``
    (the trigger read from its event) and its calls of its own functions spell a module of the
    project by its whole path, never an attribute of the sibling."""
    handler = ("from aws import Textract\nfrom gpt import summarize\n\n\n"
               "def build(body):\n    return {'statusCode': 200, 'body': body}\n\n\n"
               "def lambda_handler(event, context):\n"
               "    params = event['queryStringParameters']\n"
               "    Textract().run()\n"
               "    return build(summarize(params['text']))\n")
    files = {}
    for folder in ("a", "b"):
        files[f"aws/{folder}/lambda_function.py"] = handler
        files[f"aws/{folder}/aws.py"] = "class Textract:\n    def run(self):\n        return 1\n"
        files[f"aws/{folder}/gpt.py"] = ("import openai\n\n\ndef summarize(text):\n"
                                         "    return openai.ChatCompletion.create(model='gpt-4o', messages=[])\n")
    assert _classes(tmp_path, files) == {("aws/a/gpt.py", 5): "real-time", ("aws/b/gpt.py", 5): "real-time"}


def test_a_package_module_beside_a_file_named_like_the_root_package_keeps_its_imports(tmp_path):
    """A Django app's ``apps/main/apps.py`` (its ``AppConfig``) shares its stem with the root package
    ``apps``: ``apps/main/tasks.py``'s ``from apps.main.summary import summarize`` is the package's
    module (its empty ``__init__.py`` files hold no facts), and the task reaches the call."""
    found = _classes(tmp_path, {
        "apps/__init__.py": "", "apps/main/__init__.py": "",
        "apps/main/apps.py": "from django.apps import AppConfig\n\n\nclass MainConfig(AppConfig):\n    name = 'apps.main'\n\n"
                             "    def ready(self):\n        from apps.main.summary import summarize  # noqa\n",
        "apps/main/summary.py": _HELPERS.replace("def ask(q)", "def summarize(q)"),
        "apps/main/tasks.py": "from apps.main.summary import summarize\n\n\n"
                              "def nightly():  # llm-latency: scheduled\n    return summarize('x')\n",
    })
    assert found == {("apps/main/summary.py", 7): "scheduled"}


def test_a_sibling_defining_the_name_shadows_a_package_module_of_that_name(tmp_path):
    """``bots/a/main.py``'s ``from utils import summarize`` beside ``bots/a/utils.py`` defining
    ``summarize``: the script's folder comes first on ``sys.path``, so it is the sibling's function
    even though the root package ``utils`` has a module ``utils/summarize.py``."""
    files = {"utils/__init__.py": "", "utils/summarize.py": _HELPERS.replace("def ask(q)", "def run(q)")}
    for folder, imported, called in (("a", "from utils import summarize", "summarize"),
                                     ("b", "import utils", "utils.summarize")):
        files[f"bots/{folder}/utils.py"] = _HELPERS.replace("def ask(q)", "def summarize(q)")
        files[f"bots/{folder}/main.py"] = (f"{imported}\n\n\ndef nightly():  # llm-latency: scheduled\n"
                                           f"    return {called}('x')\n")
    assert _classes(tmp_path, files) == {("bots/a/utils.py", 7): "scheduled", ("bots/b/utils.py", 7): "scheduled",
                                         ("utils/summarize.py", 7): "unknown"}


@pytest.mark.parametrize("summary", ["apps/news/summary.py", "apps/news/services/summary.py"])
def test_an_app_under_a_namespace_folder_beside_its_apps_py_keeps_its_path_imports(tmp_path, summary):
    """The same app where ``apps/`` holds no ``__init__.py`` (a namespace folder: the app's modules
    are ``news.*``) and the helper may sit in a folder without one: ``from apps.news...`` in
    ``apps/news/tasks.py`` spells a project file by its path from the root, no attribute of the
    sibling ``apps.py`` (round 21's mattoakes1985/clearbrief)."""
    dotted = summary[:-3].replace("/", ".")
    found = _classes(tmp_path, {
        "apps/news/__init__.py": "",
        "apps/news/apps.py": "from django.apps import AppConfig\n\n\nclass NewsConfig(AppConfig):\n"
                             "    default_auto_field = 'django.db.models.BigAutoField'\n    name = 'apps.news'\n",
        "apps/news/models.py": "from django.db import models\n\n\nclass Article(models.Model):\n"
                               "    title = models.TextField()\n",
        summary: _HELPERS.replace("def ask(q)", "def summarize(q)"),
        "apps/news/tasks.py": f"from apps.news.models import Article\nfrom {dotted} import summarize\n\n\n"
                              "def nightly():  # llm-latency: scheduled\n    return summarize('x')\n",
    })
    assert found == {(summary, 7): "scheduled"}
