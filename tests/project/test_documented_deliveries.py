"""A Cloud Function subscribed to an event whose README says Cloud Scheduler fires it (round 18's
yutoo89/trend-curator-cloud-function): the function's events are the schedule's; a helper another
event function shares stays an event path (policy 4), and prose naming no subscribed function adds
nothing (round 17's MailBot)."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of, evidence_notes

from llm_latency_lint.catalog.sources import doc_sections

HELPERS = ("from openai import OpenAI\n\n\ndef write_news():\n"
           "    return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
           "def clean(text):\n    return OpenAI().chat.completions.create(model='m', messages=[])\n")
MAIN = ("import functions_framework\n\nfrom helpers import clean, write_news\n\n\n"
        "@functions_framework.cloud_event\ndef on_daily_update(cloud_event):\n    write_news()\n    clean('x')\n\n\n"
        "@functions_framework.cloud_event\ndef on_article_created(cloud_event):\n    clean('y')\n")
README = ("# News backend\n\n## on_daily_update\n\n{prose}\n\n## on_article_created\n\n"
          "Fired when an article is stored in Firestore.\n")


def test_a_section_naming_the_function_and_cloud_scheduler_schedules_its_events(tmp_path):
    files = {"helpers.py": HELPERS, "main.py": MAIN, "README.md": README.format(prose="Triggered daily by Cloud Scheduler.")}
    result = project(tmp_path, files)
    assert classes_of(result) == {("helpers.py", 5): "scheduled", ("helpers.py", 9): "near-real-time"}
    assert "README.md says Cloud Scheduler triggers on_daily_update (prose)" in evidence_notes(result, ("helpers.py", 5))


def test_prose_in_another_language_names_the_product_the_same(tmp_path):
    prose = "Cloud Schedulerによって1日1回トリガーされる。"
    files = {"helpers.py": HELPERS, "main.py": MAIN, "README.md": README.format(prose=prose)}
    assert classes_of(project(tmp_path, files))[("helpers.py", 5)] == "scheduled"


def test_without_the_scheduler_the_function_is_an_event(tmp_path):
    files = {"helpers.py": HELPERS, "main.py": MAIN, "README.md": README.format(prose="Publishes the news.")}
    assert set(classes_of(project(tmp_path, files)).values()) == {"near-real-time"}


def test_a_named_function_subscribed_to_nothing_is_not_scheduled_by_prose(tmp_path):
    handler = ("from helpers import write_news\n\n\ndef lambda_handler(event, context):\n    write_news()\n")
    files = {"helpers.py": HELPERS, "lambda_function.py": handler,
             "README.md": "# Bot\n\n## lambda_handler\n\nTriggered daily by Cloud Scheduler.\n"}
    assert classes_of(project(tmp_path, files))[("helpers.py", 5)] == "unknown"


def test_code_blocks_and_other_sections_name_nothing():
    text = ("## Setup\n\n```\n# on_daily_update runs via Cloud Scheduler\n```\n\n"
            "## on_article_created\n\nStored articles fire it.\n\n"
            "See `on_daily_update`: Cloud Scheduler publishes to its topic.\n")
    (trigger,) = doc_sections.triggers("README.md", text)
    assert trigger.target == ["entry", "cloud-function:on_daily_update"] and trigger.line == 11 and trigger.weak
    assert doc_sections.triggers("README.md", "## on_daily_update\n\nRuns every day.\n") == []
