"""Apify actors (issue 15, round 15's techstar9797/AgenticStockActor): the actor's Dockerfile
``CMD`` is its run; an Apify schedule the docs set up names the actor by its deployed id
(``user/name``: console steps ``Actor:`` beside ``Cron expression:``, or an API call's JSON
``"cronExpression"`` / ``"actorId"``), so the code the actor runs is scheduled (label policy 2)."""
from __future__ import annotations

import pytest
from test_graph import project
from test_reach import classes_of

from llm_latency_lint.catalog.command_lines import entry_keys
from llm_latency_lint.catalog.sources import apify, dockerfile, docs, source_for

DOCKERFILE = 'FROM apify/actor-python:3.11\nCOPY . ./\nCMD ["python", "-m", "src.main"]\n'
MAIN = ("import asyncio\n\nfrom apify import Actor\nfrom openai import OpenAI\n\n\nasync def main():\n"
        "    async with Actor:\n        OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
        "if __name__ == '__main__':\n    asyncio.run(main())\n")
CONSOLE = ("## Schedule\n\n1. Create a new schedule\n   - **Cron expression**: `0 * * * *` (hourly)\n"
           "   - **Timezone**: `America/Chicago`\n\n   - Actor: `someone/stock-actor`\n")
API = ('```bash\ncurl https://api.apify.com/v2/schedules -d \'{\n  "name": "hourly",\n'
       '  "cronExpression": "0 * * * *",\n  "actions": [{\n    "type": "RUN_ACTOR",\n'
       '    "actorId": "someone~stock-actor"\n  }]\n}\'\n```\n')


def test_an_actor_json_names_the_actor_and_the_dockerfile_it_runs():
    assert source_for(".actor/actor.json", "actor.json") is apify.SOURCE
    found = apify.parse(".actor/actor.json", '{"actorSpecification": 1, "name": "stock-actor",\n'
                                             ' "dockerfile": "../Dockerfile"}\n')
    assert [(t.entry_key, t.target, t.line) for t in found] == [("apify:stock-actor", ["entry", "docker:Dockerfile"], 2)]
    assert [t.target for t in apify.parse(".actor/actor.json", '{"name": "x"}')] == [["entry", "docker:.actor/Dockerfile"]]


def test_an_image_on_an_apify_base_is_the_actor_the_repository_deploys():
    found = [(t.entry_key, t.target) for t in dockerfile.parse("Dockerfile", DOCKERFILE)]
    assert ("apify:", ["entry", "docker:Dockerfile"]) in found
    assert not any(t.entry_key == "apify:" for t in dockerfile.parse("Dockerfile", DOCKERFILE.replace("apify/", "")))


@pytest.mark.parametrize("command, keys", [
    ("apify call someone/stock-actor --input-file=test_input.json", ["apify:someone/stock-actor"]),
    ("apify call -i '{}' someone~stock-actor", ["apify:someone/stock-actor"]),
    ("apify run", ["apify:"]),
    ("apify login", []),
])
def test_apify_call_runs_the_actor_it_names(command, keys):
    assert entry_keys(command) == keys


@pytest.mark.parametrize("text, line", [(CONSOLE, 7), (API, 7)])
def test_a_documented_apify_schedule_runs_the_actor_by_its_id(text, line):
    found = docs.parse("SCHEDULE_SETUP.md", text)
    assert [(t.kind, t.target, t.line, t.schedule) for t in found] == [
        ("scheduled", ["entry", "apify:someone/stock-actor"], line, "hourly")]


@pytest.mark.parametrize("extra", [
    {},  # no actor.json: the one actor the Dockerfile's base shows
    {".actor/actor.json": '{"name": "stock-actor", "dockerfile": "../Dockerfile"}'},  # named as the schedule names it
])
def test_the_documented_schedule_of_the_actor_reaches_its_code(tmp_path, extra):
    files = {"Dockerfile": DOCKERFILE, "src/__init__.py": "", "src/main.py": MAIN, "SCHEDULE_SETUP.md": CONSOLE, **extra}
    assert classes_of(project(tmp_path, files)) == {("src/main.py", 9): "scheduled"}


def test_a_schedule_naming_another_actor_of_a_repository_with_two_runs_neither(tmp_path):
    files = {"a/.actor/actor.json": '{"name": "a-actor", "dockerfile": "../Dockerfile"}',
             "b/.actor/actor.json": '{"name": "b-actor", "dockerfile": "../Dockerfile"}',
             "a/Dockerfile": DOCKERFILE, "b/Dockerfile": DOCKERFILE, "src/__init__.py": "", "src/main.py": MAIN,
             "SCHEDULE_SETUP.md": CONSOLE}
    assert classes_of(project(tmp_path, files)) == {("src/main.py", 9): "real-time"}  # run by hand only


@pytest.mark.parametrize("actor_json", [
    '{"name": "news-summarizer", "dockerfile": "../Dockerfile"}',  # named otherwise: not this actor
    None,  # unnamed, but ``apify/`` is Apify's store: its crawler, not this repository's actor
])
def test_a_workflow_calling_another_actor_does_not_run_the_repositorys_own(tmp_path, actor_json):
    workflow = ("on:\n  schedule:\n    - cron: '0 * * * *'\njobs:\n  scrape:\n    runs-on: ubuntu-latest\n    steps:\n"
                "      - run: npm i -g apify-cli\n      - run: apify call apify/website-content-crawler --input-file c.json\n")
    files = {"Dockerfile": DOCKERFILE, "src/__init__.py": "", "src/main.py": MAIN, ".github/workflows/scrape.yml": workflow}
    files.update({".actor/actor.json": actor_json} if actor_json else {})
    assert classes_of(project(tmp_path, files)) == {("src/main.py", 9): "real-time"}  # run by hand only
    unnamed = {"Dockerfile": DOCKERFILE, "src/__init__.py": "", "src/main.py": MAIN,
               ".github/workflows/scrape.yml": workflow.replace("apify/website-content-crawler", "someone/crawler")}
    assert classes_of(project(tmp_path / "own", unnamed)) == {("src/main.py", 9): "scheduled"}  # deployed under any name
