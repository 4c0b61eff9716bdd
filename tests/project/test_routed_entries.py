"""Round 18's reach (TheTelematic/monkey): a consumer handed its callback out of a routing table
(``ROUTES[kind]["callback"]``) through ``partial``, and a container command naming ``main.py`` in a
repository holding three of them."""
from __future__ import annotations

from support.scan import project_classes

WORK = """
    from openai import OpenAI

    def translate(x):
        return OpenAI().chat.completions.create(model="m", messages=[])

    def summarise(x):
        return OpenAI().chat.completions.create(model="m", messages=[])
"""


def test_a_container_element_passed_as_an_argument_binds_the_parameter_to_its_members(tmp_path):
    """``_run_consumer(ROUTES[kind]["queue"], ROUTES[kind]["callback"])``: the callback parameter
    holds every table entry's callback, which the consumer's message callback awaits."""
    found = project_classes(tmp_path, {
        "work.py": WORK,
        "routes.py": """
            from work import summarise, translate

            ROUTES = {"translations": {"queue": "t", "callback": translate},
                      "summaries": {"queue": "s", "callback": summarise}}
        """,
        "consumer.py": """
            import asyncio
            from functools import partial

            from aio_pika import connect_robust

            from routes import ROUTES

            async def _consume_callback(channel, queue_name, callback, message):
                await callback(message.body)

            async def _run_consumer(queue_name, callback):
                connection = await connect_robust("amqp://")
                channel = await connection.channel()
                queue = await channel.declare_queue(queue_name, durable=True)
                await queue.consume(partial(_consume_callback, channel, queue_name, callback))

            def run_consumer(kind):
                asyncio.new_event_loop().run_until_complete(_run_consumer(ROUTES[kind]["queue"], ROUTES[kind]["callback"]))
        """,
    })
    assert found == {("work.py", 4): "near-real-time", ("work.py", 7): "near-real-time"}


def test_a_command_naming_a_script_by_its_file_name_runs_the_copy_nearest_the_root(tmp_path):
    """A CronJob's ``python main.py cronjobs crawl`` runs in an image that copies ``src/`` to its
    working directory: ``src/main.py``, not ``src/cronjobs/main.py`` (module-level script code of
    its own) nor ``src/consumers/main.py``."""
    found = project_classes(tmp_path, {
        "k8s/cron.yaml": """
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: crawler
            spec:
              schedule: "0 8 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                        - name: c
                          command: ["/bin/sh", "-c"]
                          args: ["python main.py cronjobs crawl"]
        """,
        "src/main.py": """
            import sys

            if __name__ == "__main__":
                match sys.argv[1]:
                    case "cronjobs":
                        from cronjobs.main import run_cronjob
                        run_cronjob(sys.argv[2])
        """,
        "src/cronjobs/__init__.py": "",
        "src/cronjobs/main.py": """
            import types

            from openai import OpenAI

            def crawl():
                return OpenAI().embeddings.create(model="m", input=["x"])

            cronjobs = types.SimpleNamespace()
            cronjobs.CRAWL = "crawl"
            _routes = {cronjobs.CRAWL: crawl}

            def run_cronjob(name):
                _routes[name]()
        """,
        "src/consumers/__init__.py": "",
        "src/consumers/main.py": "import logging\n\nlogging.basicConfig()\n",
    })
    assert found == {("src/cronjobs/main.py", 6): "scheduled"}


def test_copies_in_sibling_folders_are_not_chosen_by_depth(tmp_path):
    """The nearest-root reading holds where the other copies sit under the nearest one's folder
    (an image copying ``src/``); ``app/main.py`` beside ``jobs/digest/main.py`` (the image the
    CronJob runs is built from ``jobs/digest``) gives depth no say: the longest tail decides, as before."""
    found = project_classes(tmp_path, {
        "k8s/cron.yaml": """
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: digest
            spec:
              schedule: "0 2 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                        - name: digest
                          image: ghcr.io/me/digest:latest
                          command: ["python", "main.py"]
        """,
        "build.sh": "docker build -t ghcr.io/me/digest:latest jobs/digest\n",
        "jobs/digest/Dockerfile": 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "main.py"]\n',
        "app/main.py": """
            import sys

            from openai import OpenAI

            if __name__ == "__main__":
                OpenAI().chat.completions.create(model="m", messages=[{"role": "user", "content": sys.argv[1]}])
        """,
        "jobs/digest/main.py": """
            from openai import OpenAI

            if __name__ == "__main__":
                OpenAI().chat.completions.create(model="m", messages=[])
        """,
    })
    assert found == {("app/main.py", 6): "real-time", ("jobs/digest/main.py", 4): "scheduled"}
