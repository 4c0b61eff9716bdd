"""A ``.delay()`` that only a registered Celery task nothing sends can reach is no event
(``project/unsent_tasks.run_only_by``): where the project sends its tasks as objects, a task none of
its hand-offs names never runs, and neither does what it queues (pkushal23/myapp: a fetch task
whose beat entry is commented out queues per-article summaries)."""
from __future__ import annotations

from support.scan import project_classes

SDK = """
    from openai import OpenAI

    client = OpenAI()


    def ask(text):
        return client.chat.completions.create(model='m', messages=[{'role': 'user', 'content': text}])
"""
TASKS = """
    from celery import Celery, shared_task
    from llm import ask

    app = Celery('app')
    app.conf.beat_schedule = {'nightly': {'task': 'tasks.nightly', 'schedule': 3600.0}}


    @shared_task
    def summarize(text):
        return ask(text)


    def save_all(texts):
        for text in texts:
            summarize.delay(text)


    @shared_task
    def fetch():
        save_all(['a', 'b'])


    @shared_task
    def nightly():
        summarize.delay('digest')
"""
SUMMARY = ("llm.py", 7)


def test_what_only_an_unsent_task_queues_is_unknown_not_an_event(tmp_path):
    classes = project_classes(tmp_path, {"llm.py": SDK, "tasks.py": TASKS.replace("summarize.delay('digest')", "pass")})
    assert classes[SUMMARY] == "unknown"


def test_a_helper_queuing_work_that_something_else_may_call_is_still_an_event(tmp_path):
    outside = TASKS.replace("summarize.delay('digest')", "pass") + """

    def import_now(texts):
        save_all(texts)
"""
    classes = project_classes(tmp_path, {"llm.py": SDK, "tasks.py": outside})
    assert classes[SUMMARY] == "near-real-time"
