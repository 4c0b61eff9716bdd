"""Dagster runs nobody scheduled, and selections that run upstream assets.

A job or asset no schedule or sensor starts is launched from the Dagster UI and its result read
later: near-real-time, as weak evidence that a schedule of the same job outranks. ``"*name"``,
``"*" + asset.key.path[0]`` and ``AssetSelection.assets(a).upstream()`` run ``name`` and the
assets it reads (its parameters, ``deps=``), so a schedule of such a job reaches them too."""
from __future__ import annotations

import pytest
from test_graph import project
from test_reach import classes_of

CLIENT = "from openai import OpenAI\n\nclient = OpenAI()\n\n"
ASSETS = CLIENT + (
    "from dagster import asset\n\n"
    "@asset\ndef articles(context):\n    return client.chat.completions.create(model='m', messages=[])\n\n"
    "@asset\ndef summaries(articles, openai_settings):\n    return client.embeddings.create(model='e', input=[])\n\n"
    "@asset\ndef unrelated():\n    return client.chat.completions.create(model='m', messages=[])\n"
)
SITES = (("pipe/assets.py", 9), ("pipe/assets.py", 13), ("pipe/assets.py", 17))


def tree(jobs: str, schedules: str = ""):
    return {"pipe/__init__.py": "", "pipe/assets.py": ASSETS, "pipe/jobs.py": jobs,
            "pipe/definitions.py": "from dagster import Definitions\nfrom pipe import assets, jobs\n" + schedules}


def test_an_asset_job_nobody_schedules_is_launched_by_hand_and_read_later(tmp_path):
    jobs = ("from dagster import define_asset_job\nfrom pipe.assets import summaries\n\n"
            "embed_job = define_asset_job('embed_job', selection=['*' + summaries.key.path[0]])\n")
    result = project(tmp_path, tree(jobs))
    assert {classes_of(result)[site] for site in SITES} == {"near-real-time"}
    note = next(s for s in result.sites if s.resolved.site.line == 13).evidence[0].note
    assert "launched from the Dagster UI" in note


@pytest.mark.parametrize("selection", [
    "['*' + summaries.key.path[0]]",
    "'*summaries'",
    "AssetSelection.assets(summaries).upstream()",
])
def test_a_schedule_of_an_upstream_selection_reaches_the_upstream_assets(tmp_path, selection):
    jobs = ("from dagster import AssetSelection, define_asset_job\nfrom pipe.assets import summaries\n\n"
            f"embed_job = define_asset_job('embed_job', selection={selection})\n")
    schedules = ("from dagster import ScheduleDefinition\n\n"
                 "nightly = ScheduleDefinition(job=jobs.embed_job, cron_schedule='0 2 * * *')\n")
    result = project(tmp_path, tree(jobs, schedules))
    classes = classes_of(result)
    assert (classes[SITES[0]], classes[SITES[1]]) == ("scheduled", "scheduled")
    assert classes[SITES[2]] == "near-real-time"  # not selected: only the UI materialises it


def test_a_plain_selection_does_not_reach_upstream(tmp_path):
    jobs = ("from dagster import define_asset_job\n\n"
            "embed_job = define_asset_job('embed_job', selection=['summaries'])\n")
    schedules = ("from dagster import ScheduleDefinition\n\n"
                 "nightly = ScheduleDefinition(job=jobs.embed_job, cron_schedule='0 2 * * *')\n")
    classes = classes_of(project(tmp_path, tree(jobs, schedules)))
    assert [classes[site] for site in SITES] == ["near-real-time", "scheduled", "near-real-time"]


def test_an_op_job_nobody_schedules_is_near_real_time(tmp_path):
    result = project(tmp_path, {"ops.py": CLIENT + (
        "from dagster import job, op\n\n@op\ndef summarize():\n"
        "    return client.chat.completions.create(model='m', messages=[])\n\n"
        "@job\ndef summary_job():\n    summarize()\n")})
    assert classes_of(result) == {("ops.py", 9): "near-real-time"}


CHAIN = (
    "from langchain_core.prompts import PromptTemplate\nfrom langchain_core.runnables import RunnableSerializable\n"
    "from langchain_openai import ChatOpenAI\n\n\nclass Enricher:\n"
    "    def __build_chain(self) -> RunnableSerializable:\n"
    "        return PromptTemplate.from_template('q') | ChatOpenAI()\n\n"
    "    def __answer(self, *, chain: RunnableSerializable):\n        return chain.invoke('q')\n\n"
    "    def enrich(self):  # llm-latency: scheduled\n        return self.__answer(chain=self.__build_chain())\n"
)


def test_a_parameter_declared_as_an_sdk_base_type_holds_what_callers_pass(tmp_path):
    """``chain: RunnableSerializable`` is the type of any chain: the pipe the caller built (with a
    model in it) is what runs, through a name-mangled private method."""
    assert classes_of(project(tmp_path, {"enrich.py": CHAIN})) == {("enrich.py", 11): "scheduled"}


def test_a_schedule_in_another_module_runs_an_imported_op_job(tmp_path):
    result = project(tmp_path, {
        "pipe/__init__.py": "",
        "pipe/jobs.py": CLIENT + ("from dagster import job, op\n\n@op\ndef summarize():\n"
                                  "    return client.chat.completions.create(model='m', messages=[])\n\n"
                                  "@job\ndef summary_job():\n    summarize()\n"),
        "pipe/schedules.py": ("from dagster import ScheduleDefinition\nfrom pipe.jobs import summary_job\n\n"
                              "nine = ScheduleDefinition(job=summary_job, cron_schedule='0 9 * * *')\n"),
    })
    assert classes_of(result) == {("pipe/jobs.py", 9): "scheduled"}


RESOURCE_ASSET = (
    "import dagster as dg\nfrom {module} import {resource}\n\n\n"
    "class Feed(dg.Component):\n"
    "    def build_defs(self, context):\n"
    "        @dg.asset\n"
    "        def tags(context: dg.AssetExecutionContext, llm: {resource}):\n"
    "            with llm.{method}(context) as client:\n"
    "                return client.{call}\n\n"
    "        return dg.Definitions(assets=[tags], schedules=[dg.ScheduleDefinition(\n"
    "            job=dg.define_asset_job(name='ingest', selection='*'), cron_schedule=self.cron)])\n"
)


@pytest.mark.parametrize("module, resource, method, call, provider", [
    ("dagster_openai", "OpenAIResource", "get_client", "chat.completions.create(model='m', messages=[])", "openai"),
    ("dagster_anthropic", "AnthropicResource", "get_client_for_asset", "messages.create(model='m', messages=[])",
     "anthropic"),
    ("dagster_gemini", "GeminiResource", "get_model", "generate_content('q')", "google-generativeai"),
])
def test_a_dagster_resources_client_in_a_components_nested_asset_is_a_site_on_its_schedule(
        tmp_path, module, resource, method, call, provider):
    """Dagster's LLM resources yield the SDK's client from ``with resource.get_client(context) as
    client`` (``get_model`` for Gemini); a Component's ``build_defs`` defines the asset inside the
    method and schedules ``selection='*'`` with the cron its YAML gives (``self.cron``)."""
    files = {"feed/component.py": RESOURCE_ASSET.format(module=module, resource=resource, method=method, call=call)}
    result = project(tmp_path, files)
    assert classes_of(result) == {("feed/component.py", 10): "scheduled"}
    assert result.sites[0].resolved.match.provider.id == provider


LOADED = ("from dagster import Definitions, ScheduleDefinition, define_asset_job, {loader}\n"
          "from pipe import assets\n\n"
          "defs = Definitions(\n"
          "    schedules=[ScheduleDefinition(name='daily', cron_schedule='0 0 * * *',\n"
          "                                  job=define_asset_job(name='all_job', selection='*'))],\n"
          "    assets={loaded},\n)\n")


@pytest.mark.parametrize("loader, loaded", [
    ("load_assets_from_modules", "load_assets_from_modules([assets])"),
    ("load_assets_from_package_module", "load_assets_from_package_module(pipe)"),
    ("load_assets_from_package_name", "load_assets_from_package_name('pipe')"),
])
def test_a_star_selection_runs_the_assets_the_file_loads_from_other_modules(tmp_path, loader, loaded):
    """Round 18's mazzasaverio/dagster-uv-docker-aws: ``definitions.py`` loads the assets of other
    modules and schedules a job selecting ``"*"`` (written before or after the loader)."""
    definitions = LOADED.format(loader=loader, loaded=loaded).replace("from pipe import assets", "import pipe\nfrom pipe import assets")
    files = {"pipe/__init__.py": "", "pipe/assets.py": ASSETS, "pipe/definitions.py": definitions}
    assert {classes_of(project(tmp_path, files))[site] for site in SITES} == {"scheduled"}


def test_a_star_selection_loading_nothing_runs_only_its_own_files_assets(tmp_path):
    definitions = LOADED.format(loader="Definitions", loaded="[]")
    files = {"pipe/__init__.py": "", "pipe/assets.py": ASSETS, "pipe/definitions.py": definitions}
    assert {classes_of(project(tmp_path, files))[site] for site in SITES} == {"near-real-time"}
