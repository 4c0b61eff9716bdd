"""Queue consumers started without a decorator (round 18's UmairJibran/waltzes-python): a
serverless handler bound to an instance's method (``handler = Handler().handler``) runs for its
SQS event, and a local loop long-polling the queue (no nap: the receive blocks) drains queued
requests whoever starts it (``catalog/triggers/poll_workers.py``): near-real-time (policy 4)."""
from __future__ import annotations

from textwrap import dedent

from test_graph import project, sites

SDK = "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(text):\n    return client.chat.completions.create(model='m', messages=[])\n"
SITE = ("llm.py", 7)
HANDLERS = dedent("""\
    import json
    from llm import ask


    class BaseHandler:
        def process_message(self, body):
            raise NotImplementedError

        def handler(self, event, context=None):
            return [self.process_message(json.loads(r["body"])) for r in event["Records"]]

        def local_invoke(self, message):
            return self.handler({"Records": [{"body": message}]})


    class LetterHandler(BaseHandler):
        def process_message(self, body):
            return ask(body["text"])


    instance = LetterHandler()
    handler = instance.handler
    local_invoke = instance.local_invoke
""")
SERVERLESS = dedent("""\
    service: letters
    provider:
      name: aws
      runtime: python3.12
    functions:
      letters:
        handler: src/handlers/letters.handler
        events:
          - sqs:
              arn: arn:aws:sqs:us-east-1:123456789012:letters
""")


def klass(tmp_path, files):
    return sites(project(tmp_path, {"src/llm.py": SDK, **files})).get(("src/" + SITE[0], SITE[1]), (None, None))[1]


def test_a_serverless_handler_bound_to_an_instance_method_runs_for_its_event(tmp_path):
    files = {"serverless.yml": SERVERLESS, "src/handlers/__init__.py": "", "src/handlers/letters.py": HANDLERS}
    assert klass(tmp_path, files) == "near-real-time"


POLLER = dedent("""\
    import os
    from aws.sqs import fetch_messages
    from handlers.letters import local_invoke


    def main():
        queue_url = os.getenv("LETTERS_QUEUE_URL")
        while True:
            messages = fetch_messages(queue_url)
            for message in messages or []:
                local_invoke(message["Body"])


    if __name__ == "__main__":
        main()
""").replace("messages or []", "messages")
SQS = dedent("""\
    import boto3


    def fetch_messages(queue_url):
        sqs = boto3.client("sqs")
        return sqs.receive_message(QueueUrl=queue_url, WaitTimeSeconds=10).get("Messages", [])
""")


def test_a_loop_long_polling_a_queue_drains_queued_requests_though_started_by_hand(tmp_path):
    files = {"src/poll_letters.py": POLLER, "src/aws/__init__.py": "", "src/aws/sqs.py": SQS,
             "src/handlers/__init__.py": "", "src/handlers/letters.py": HANDLERS}
    assert klass(tmp_path, files) == "near-real-time"


def test_a_loop_over_something_that_is_no_queue_keeps_its_reading(tmp_path):
    poller = POLLER.replace("fetch_messages(queue_url)", "fetch_feed(feed_url)").replace(
        "from aws.sqs import fetch_messages", "from aws.sqs import fetch_feed").replace("queue_url =", "feed_url =")
    files = {"src/poll_letters.py": poller, "src/aws/__init__.py": "", "src/aws/sqs.py": SQS.replace("fetch_messages", "fetch_feed"),
             "src/handlers/__init__.py": "", "src/handlers/letters.py": HANDLERS}
    assert klass(tmp_path, files) == "real-time"


def test_a_queue_loop_sleeping_an_hour_is_a_schedule(tmp_path):
    poller = POLLER.replace("local_invoke(message[\"Body\"])", "local_invoke(message[\"Body\"])\n        time.sleep(3600)")
    poller = "import time\n" + poller
    files = {"src/poll_letters.py": poller, "src/aws/__init__.py": "", "src/aws/sqs.py": SQS,
             "src/handlers/__init__.py": "", "src/handlers/letters.py": HANDLERS}
    assert klass(tmp_path, files) == "scheduled"


def test_an_interactive_loop_iterating_over_planned_tasks_is_no_queue_consumer(tmp_path):
    # a task list an agent plans from a person's goal is no queue: the person waits (interactive CLI)
    agent = dedent("""\
        import time
        from llm import ask


        def main():
            while True:
                goal = input("Goal> ")
                steps = plan_tasks(goal)
                for step in steps:
                    print(step)
                time.sleep(1)


        def plan_tasks(goal):
            return ask(goal).splitlines()


        if __name__ == "__main__":
            main()
    """)
    assert klass(tmp_path, {"src/agent.py": agent}) == "real-time"
