"""``unknown`` sites explain themselves; entry points nothing runs are run by hand; the CI policy."""
from __future__ import annotations

from support.scan import lint_project as project

from llm_latency_lint.catalog.sources import github_actions
from llm_latency_lint.config import Config
from llm_latency_lint.engine import run

CLIENT = "from openai import OpenAI\nclient = OpenAI()\n\n"


def by_line(result):
    return {(s.resolved.facts.path, s.resolved.site.line): s for s in result.sites}


def test_unknown_site_says_no_caller_found_and_how_to_settle_it(tmp_path):
    result = project(tmp_path, {"lib.py": CLIENT + "def summarise(text):\n    return client.chat.completions.create(model='m', messages=[])\n"})
    site = by_line(result)[("lib.py", 5)]
    assert site.latency_class == "unknown"
    notes = [e.note for e in site.evidence]
    assert notes[0].startswith("no caller found for summarise")
    assert "# llm-latency: scheduled" in notes[-1] and "scheduled-functions" in notes[-1]


def test_unknown_site_names_the_call_on_an_untyped_receiver(tmp_path):
    # four classes define ``run``: too common a name for the name-based fallback to link it
    others = "".join(f"\n\nclass Other{i}:\n    def run(self, text):\n        return text\n" for i in range(3))
    result = project(tmp_path, {
        "svc.py": CLIENT + (
            "class Summarizer:\n"
            "    def run(self, text):\n"
            "        return client.chat.completions.create(model='m', messages=[])\n"
        ) + others,
        "jobs.py": (
            "import svc\n\n"
            "def nightly(summarizer):  # no type: the graph cannot tell what summarizer is\n"
            "    summarizer.run('x')\n"
        ),
    })
    site = by_line(result)[("svc.py", 6)]
    assert site.latency_class == "unknown"
    first = site.evidence[0]
    assert (first.path, first.line) == ("jobs.py", 4)
    assert "nightly" in first.note and "summarizer.run()" in first.note and "no known type" in first.note


def test_unknown_trail_walks_back_through_known_callers(tmp_path):
    result = project(tmp_path, {"lib.py": CLIENT + (
        "def ask(text):\n    return client.chat.completions.create(model='m', messages=[])\n\n"
        "def helper():\n    return ask('x')\n"
    )})
    notes = [e.note for e in by_line(result)[("lib.py", 5)].evidence]
    assert notes[0].startswith("no caller found for helper")


def test_a_script_nothing_runs_is_run_by_hand(tmp_path):
    result = project(tmp_path, {"tool.py": CLIENT + (
        "def ask(text):\n    return client.chat.completions.create(model='m', messages=[])\n\n"
        "if __name__ == '__main__':\n    ask('x')\n"
    )})
    site = by_line(result)[("tool.py", 5)]
    assert site.latency_class == "real-time"
    assert "run by hand" in site.evidence[0].note


def test_a_script_a_schedule_runs_is_not_also_run_by_hand(tmp_path):
    result = project(tmp_path, {
        "tool.py": CLIENT + (
            "def ask(text):\n    return client.chat.completions.create(model='m', messages=[])\n\n"
            "if __name__ == '__main__':\n    ask('x')\n"
        ),
        "crontab": "0 2 * * * python tool.py\n",
    })
    assert by_line(result)[("tool.py", 5)].latency_class == "scheduled"


def test_name_evidence_outranks_run_by_hand(tmp_path):
    result = project(tmp_path, {"tool.py": CLIENT + (
        "def nightly_digest():\n    return client.chat.completions.create(model='m', messages=[])\n\n"
        "if __name__ == '__main__':\n    nightly_digest()\n"
    )})
    assert by_line(result)[("tool.py", 5)].latency_class == "scheduled"


# ---- CI policy -------------------------------------------------------------------------------
def _workflow(on: str) -> str:
    return f"name: w\non: {on}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python digest.py\n"


def test_runs_nobody_waits_on_are_weak_and_bot_events_are_strong():
    def runs(text):  # without the triggers of workflows chained after this one
        return [t for t in github_actions.parse(".github/workflows/a.yml", text)
                if not str(t.target[1]).startswith(github_actions.DONE)]

    push = runs(_workflow("[push, workflow_dispatch]"))
    assert [(t.kind, t.weak) for t in push] == [("near-real-time", True)]
    comment = runs(_workflow("[issue_comment, push]"))
    assert sorted((t.kind, t.weak) for t in comment) == [("near-real-time", False), ("near-real-time", True)]


def test_a_manual_test_workflow_does_not_outrank_the_schedule(tmp_path):
    files = {
        "digest.py": CLIENT + (
            "def main():\n    return client.chat.completions.create(model='m', messages=[])\n\n"
            "if __name__ == '__main__':\n    main()\n"
        ),
        ".github/workflows/nightly.yml": _workflow("\n  schedule:\n    - cron: '0 2 * * *'"),
        ".github/workflows/test.yml": _workflow("workflow_dispatch"),
    }
    assert by_line(project(tmp_path, files))[("digest.py", 5)].latency_class == "scheduled"


def test_a_manual_workflow_running_another_script_beside_the_schedule_is_near_real_time(tmp_path):
    """Dispatch-only, but not a re-run of the nightly job: ``earnings.py`` no schedule runs reaches
    the scheduled job's helper too (policy 4: a schedule and a run nobody waits on)."""
    files = {
        "lib.py": CLIENT + "def ask():\n    return client.chat.completions.create(model='m', messages=[])\n",
        "digest.py": "import lib\n\nif __name__ == '__main__':\n    lib.ask()\n",
        "earnings.py": "import lib\n\nif __name__ == '__main__':\n    lib.ask()\n",
        ".github/workflows/nightly.yml": _workflow("\n  schedule:\n    - cron: '0 2 * * *'"),
        ".github/workflows/test.yml": _workflow("workflow_dispatch").replace("digest.py", "earnings.py"),
    }
    assert by_line(project(tmp_path, files))[("lib.py", 5)].latency_class == "near-real-time"
    # pushed runs of another script stay weak (CI policy)
    files[".github/workflows/test.yml"] = _workflow("push").replace("digest.py", "earnings.py")
    assert by_line(project(tmp_path / "b", files))[("lib.py", 5)].latency_class == "scheduled"


def test_module_level_script_nobody_imports_is_run_by_hand(tmp_path):
    result = project(tmp_path, {
        "notebook_like.py": CLIENT + "client.chat.completions.create(model='m', messages=[])\n",
        "lib.py": CLIENT + "def ask():\n    return client.chat.completions.create(model='m', messages=[])\n",
        "app.py": "import lib\nlib.ask()\n",
    })
    sites = by_line(result)
    assert sites[("notebook_like.py", 4)].latency_class == "real-time"
    assert "runs top to bottom as a script" in sites[("notebook_like.py", 4)].evidence[0].note
    # app.py is a script too (nothing imports it), and it calls lib.ask; lib's own module code is imported
    assert sites[("lib.py", 5)].latency_class == "real-time"


def test_explanations_skip_test_callers(tmp_path):
    result = project(tmp_path, {
        "lib.py": CLIENT + "def ask(text):\n    return client.chat.completions.create(model='m', messages=[])\n",
        "tests/test_lib.py": "from lib import ask\n\ndef test_ask():\n    ask('x')\n",
    })
    notes = [e.note for e in by_line(result)[("lib.py", 5)].evidence]
    assert notes[0].startswith("no caller found for ask")


def test_runner_given_by_its_full_path():
    from llm_latency_lint.catalog.command_lines import entry_keys

    assert entry_keys("/usr/local/bin/uv run entrypoints/process.py", "/opt/app") == ["script:/opt/app/entrypoints/process.py"]


def test_star_imports_and_their_re_exports(tmp_path):
    result = project(tmp_path, {
        "app/__init__.py": "",
        "app/llm.py": CLIENT + "def ask(text):\n    return client.chat.completions.create(model='m', messages=[])\n",
        "app/helpers.py": "from .llm import *\n\ndef summarise(text):\n    return ask(text)\n",
        "app/views.py": "from fastapi import FastAPI\nfrom app.helpers import *\n\napi = FastAPI()\n\n"
                        "@api.get('/x')\ndef route():\n    return summarise('x')\n\n@api.get('/y')\ndef other():\n    return ask('y')\n",
    })
    assert by_line(result)[("app/llm.py", 5)].latency_class == "real-time"


def test_a_script_imports_its_sibling_by_bare_name(tmp_path):
    result = project(tmp_path, {
        "jobs/__init__.py": "",
        "jobs/generator.py": CLIENT + "def generate():\n    return client.chat.completions.create(model='m', messages=[])\n",
        "jobs/run.py": "import schedule\nfrom generator import generate\n\nschedule.every().day.at('07:00').do(generate)\n",
        # a package module importing ``openai`` beside ``openai.py`` means the SDK, not the sibling
        "jobs/openai.py": "x = 1\n",
    })
    assert by_line(result)[("jobs/generator.py", 5)].latency_class == "scheduled"


def test_a_worker_process_does_not_outrank_the_bot_handlers_it_runs(tmp_path):
    result = project(tmp_path, {
        "bot.py": CLIENT + (
            "from telegram.ext import Application, CommandHandler\n\n"
            "async def summary(update, context):\n    client.chat.completions.create(model='m', messages=[])\n\n"
            "def main():\n    app = Application.builder().build()\n    app.add_handler(CommandHandler('summary', summary))\n\n"
            "if __name__ == '__main__':\n    main()\n"
        ),
        "Procfile": "worker: python bot.py\n",
    })
    assert by_line(result)[("bot.py", 7)].latency_class == "real-time"


def test_a_sensor_runs_an_asset_job_defined_in_another_module(tmp_path):
    result = project(tmp_path, {
        "pipe/__init__.py": "",
        "pipe/assets.py": CLIENT + "from dagster import asset\n\n@asset\ndef summaries(context):\n"
                          "    return client.chat.completions.create(model='m', messages=[])\n",
        "pipe/jobs.py": "from dagster import define_asset_job, AssetSelection\n\n"
                        "summary_job = define_asset_job(name='s', selection=AssetSelection.keys('summaries'))\n",
        "pipe/sensors.py": "from dagster import sensor\nfrom .jobs import summary_job\n\n"
                           "@sensor(job=summary_job)\ndef new_rows(context):\n    pass\n",
        "pipe/definitions.py": "from dagster import Definitions\nfrom . import assets, jobs, sensors\n\n"
                               "defs = Definitions(assets=[assets.summaries], jobs=[jobs.summary_job], sensors=[sensors.new_rows])\n",
    })
    site = by_line(result)[("pipe/assets.py", 8)]
    assert site.latency_class == "near-real-time"
    assert any("asset job summary_job" in e.note for e in site.evidence)


def test_a_modules_own_command_line_beside_a_schedule_is_mixed(tmp_path):
    result = project(tmp_path, {
        "digest.py": CLIENT + (
            "import argparse\n\ndef build():\n    return client.chat.completions.create(model='m', messages=[])\n\n"
            "if __name__ == '__main__':\n    argparse.ArgumentParser().parse_args()\n    build()\n"
        ),
        "backfill.py": "import argparse\nfrom digest import build\n\nif __name__ == '__main__':\n"
                       "    argparse.ArgumentParser().parse_args()\n    build()\n",
        "jobs.py": "from digest import build\n\ndef nightly():  # llm-latency: scheduled\n    build()\n",
    })
    assert by_line(result)[("digest.py", 7)].latency_class == "mixed"


def test_another_modules_command_line_beside_a_schedule_is_mixed_whatever_its_file_name(tmp_path):
    """Policy 1: a different command-line tool nothing schedules reaching the site makes it mixed;
    its file name (``backfill.py``, name evidence) no longer hides it (issue 15, round 8)."""
    result = project(tmp_path, {
        "digest.py": CLIENT + "def build():\n    return client.chat.completions.create(model='m', messages=[])\n",
        "backfill.py": "import argparse\nfrom digest import build\n\nif __name__ == '__main__':\n"
                       "    argparse.ArgumentParser().parse_args()\n    build()\n",
        "jobs.py": "from digest import build\n\ndef nightly():  # llm-latency: scheduled\n    build()\n",
    })
    assert by_line(result)[("digest.py", 5)].latency_class == "mixed"


def test_a_command_line_tool_a_schedule_runs_stays_scheduled(tmp_path):
    result = project(tmp_path, {
        "digest.py": CLIENT + (
            "import argparse\n\ndef build():\n    return client.chat.completions.create(model='m', messages=[])\n\n"
            "if __name__ == '__main__':\n    argparse.ArgumentParser().parse_args()\n    build()\n"
        ),
        "crontab": "0 6 * * * python digest.py --all\n",
    })
    assert by_line(result)[("digest.py", 7)].latency_class == "scheduled"


def test_a_launcher_script_runs_its_target(tmp_path):
    result = project(tmp_path, {
        "src/app.py": CLIENT + "def go():\n    return client.chat.completions.create(model='m', messages=[])\n\n"
                      "if __name__ == '__main__':\n    go()\n",
        "src/other.py": CLIENT + "def go():\n    return client.embeddings.create(model='m', input='x')\n\n"
                        "if __name__ == '__main__':\n    go()\n",
        "main.py": "import os, runpy, subprocess, sys\n\nif __name__ == '__main__':\n"
                   "    runpy.run_path(os.path.join(os.path.dirname(__file__), 'src', 'app.py'), run_name='__main__')\n"
                   "    subprocess.run([sys.executable, 'src/other.py'], check=True)\n",
        "crontab": "0 1 * * * python main.py\n",
    })
    sites = by_line(result)
    assert sites[("src/app.py", 5)].latency_class == "scheduled"
    assert sites[("src/other.py", 5)].latency_class == "scheduled"
    assert any("runpy.run_path" in e.note for e in sites[("src/app.py", 5)].evidence)


def test_a_sleep_loop_is_a_schedule_only_when_something_starts_it(tmp_path):
    result = project(tmp_path, {
        "loops.py": CLIENT + (
            "import asyncio\n\n"
            "async def started():\n    while True:\n"
            "        client.chat.completions.create(model='m', messages=[])\n        await asyncio.sleep(3600)\n\n"
            "async def never_started():\n    while True:\n"
            "        client.embeddings.create(model='m', input='x')\n        await asyncio.sleep(3600)\n\n"
            "async def boot():\n    asyncio.create_task(started())\n\n"
            "if __name__ == '__main__':\n    asyncio.run(boot())\n"
        ),
    })
    sites = by_line(result)
    assert sites[("loops.py", 8)].latency_class == "scheduled"
    assert any("sleeps" in e.note for e in sites[("loops.py", 8)].evidence)
    assert sites[("loops.py", 13)].latency_class != "scheduled"


def test_a_console_script_is_a_command_line_tool(tmp_path):
    result = project(tmp_path, {
        "tool/__init__.py": "",
        "tool/cli.py": CLIENT + "def main():\n    return client.chat.completions.create(model='m', messages=[])\n",
        "pyproject.toml": "[project]\nname = 'tool'\n\n[project.scripts]\nask = \"tool.cli:main\"\n",
    })
    site = by_line(result)[("tool/cli.py", 5)]
    assert site.latency_class == "real-time"
    assert "console script 'ask'" in site.evidence[0].note and site.evidence[0].line == 5


def test_locals_of_the_main_block_are_typed(tmp_path):
    result = project(tmp_path, {"bot.py": CLIENT + (
        "import asyncio\n\nclass Digest:\n"
        "    async def loop(self):\n        while True:\n"
        "            client.chat.completions.create(model='m', messages=[])\n"
        "            await asyncio.sleep(6 * 3600)\n\n"
        "if __name__ == '__main__':\n    digest = Digest()\n    asyncio.run(digest.loop())\n"
    )})
    assert by_line(result)[("bot.py", 9)].latency_class == "scheduled"


def test_a_wrapper_that_matches_nothing_is_reported(tmp_path):
    from llm_latency_lint.config import Wrapper

    (tmp_path / "llm.py").write_text(CLIENT + "def ask(q):\n    return client.chat.completions.create(model='m', messages=[])\n")
    config = Config(wrappers=[Wrapper(function="llm.ask", provider="openai", operation="chat.completions.create"),
                              Wrapper(function="llm.nope", provider="openai", operation="chat.completions.create")])
    result = run([tmp_path], config, root=tmp_path)
    assert [e.message for e in result.errors if "wrappers" in e.message] == [
        "[tool.llm-latency-lint] wrappers: 'llm.nope' names no function in the scanned code "
        "(give the qualified name, e.g. pkg.module.Class.method)"
    ]


def test_an_attribute_stored_on_a_module_level_object_is_read_back(tmp_path):
    result = project(tmp_path, {
        "main.py": "from fastapi import FastAPI\nfrom openai import AsyncOpenAI\n\napp = FastAPI()\n\n"
                   "@app.on_event('startup')\nasync def boot():\n    app.state.llm = AsyncOpenAI()\n",
        "service.py": "from main import app\n\nasync def complete(prompt):\n"
                      "    return await app.state.llm.chat.completions.create(model='m', messages=[])\n",
        "routes.py": "from fastapi import APIRouter\nfrom service import complete\n\nrouter = APIRouter()\n\n"
                     "@router.get('/x')\nasync def x():\n    return await complete('x')\n",
    })
    assert by_line(result)[("service.py", 4)].latency_class == "real-time"


def test_django_settings_is_the_settings_module_manage_py_names(tmp_path):
    result = project(tmp_path, {
        "proj/__init__.py": "",
        "proj/settings.py": "from langchain_openai import ChatOpenAI\n\nLLM = ChatOpenAI(model='m')\n",
        "manage.py": "import os\n\nif __name__ == '__main__':\n    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n",
        "blog/__init__.py": "",
        "blog/tasks.py": "from celery import shared_task\nfrom django.conf import settings\n\n"
                         "@shared_task\ndef write():  # llm-latency: scheduled\n    return settings.LLM.invoke('x')\n",
    })
    assert by_line(result)[("blog/tasks.py", 6)].latency_class == "scheduled"


def test_a_scan_root_that_is_itself_a_package(tmp_path):
    result = project(tmp_path, {
        "__init__.py": "",
        "app/__init__.py": "",
        "app/llm.py": CLIENT + "def ask():\n    return client.chat.completions.create(model='m', messages=[])\n",
        "app/jobs.py": "from app.llm import ask\n\ndef nightly():  # llm-latency: scheduled\n    ask()\n",
    })
    assert by_line(result)[("app/llm.py", 5)].latency_class == "scheduled"


def test_a_schedule_runs_an_asset_group_through_a_job_in_another_module(tmp_path):
    result = project(tmp_path, {
        "pipe/__init__.py": "from dagster import Definitions, ScheduleDefinition\nfrom pipe.jobs import digest_job\n\n"
                            "hourly = ScheduleDefinition(job=digest_job, cron_schedule='0 * * * *')\n"
                            "defs = Definitions(schedules=[hourly])\n",
        "pipe/constants.py": "DIGEST = 'digest'\n",
        "pipe/jobs.py": "from dagster import AssetSelection, define_asset_job\nfrom pipe.constants import DIGEST\n\n"
                        "digest_job = define_asset_job(name='d', selection=AssetSelection.groups(DIGEST) | AssetSelection.groups('raw'))\n",
        "pipe/assets/digest.py": CLIENT + "from dagster import asset\nfrom pipe.constants import DIGEST\n\n"
                                 "@asset(group_name=DIGEST)\ndef summary(context):\n"
                                 "    return client.chat.completions.create(model='m', messages=[])\n",
    })
    site = by_line(result)[("pipe/assets/digest.py", 9)]
    assert site.latency_class == "scheduled"
    assert any("asset group DIGEST" in e.note for e in site.evidence)


def test_unknown_names_a_call_typed_as_another_implementation(tmp_path):
    result = project(tmp_path, {"providers.py": CLIENT + (
        "class Base:\n    def complete(self):\n        raise NotImplementedError\n\n"
        "class A(Base):\n    def complete(self):\n        return 1\n\n"
        "class B(Base):\n    def complete(self):\n        return client.chat.completions.create(model='m', messages=[])\n\n"
        "def provider(name):\n    if name == 'a':\n        return A()\n    return B()\n\n"
        "def ask(name):  # llm-latency: real-time\n    return provider(name).complete()\n"
    )})
    site = by_line(result)[("providers.py", 14)]
    if site.latency_class != "real-time":  # an engine that follows only the factory's first return
        assert site.latency_class == "unknown"
        assert "typed as A.complete, not B.complete" in site.evidence[0].note
