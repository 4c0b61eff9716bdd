"""Long-lived consumers (Redis list pops, aio-pika iterators, kombu's ConsumerMixin, a pika wrapper
handed its callback): the message handler is near-real-time work."""
from __future__ import annotations

import textwrap

import pytest
from support.fixlib import write_project

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.facts.visitor import extract

LLM = "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef answer(text):\n    return client.responses.create(model='gpt-4o', input=text)\n"


def found(source: str):
    facts = extract(textwrap.dedent(source), "app/worker.py", "app.worker")
    return sorted((t.kind, t.source, t.target[1]) for t in facts.triggers if t.kind != "entry")  # not the list's queue key


@pytest.mark.parametrize("pop", ["blpop", "brpop", "brpoplpush", "blmove"])
def test_a_loop_popping_a_redis_list_is_a_consumer(pop):
    source = f"""
    import redis
    r = redis.Redis()

    def work():
        while True:
            _, item = r.{pop}("jobs")
            handle(item)

    def once():
        r.{pop}("jobs")  # not in a loop: one read
    """
    assert found(source) == [("near-real-time", "redis-list-consumer", "app.worker.work")]


@pytest.mark.parametrize("loop", [
    "async with queue.iterator() as it:\n            async for message in it:\n                await handle(message)",
    "async for message in queue.iterator():\n            await handle(message)",
])
def test_an_aio_pika_iterator_loop_is_a_consumer(loop):
    source = f"""
    import aio_pika

    async def main(queue):
        {loop}
    """
    assert found(source) == [("near-real-time", "rabbitmq-consumer", "app.worker.main")]


def test_kombu_consumer_mixin_callbacks():
    source = """
    from kombu.mixins import ConsumerMixin

    class Worker(ConsumerMixin):
        def get_consumers(self, Consumer, channel):
            return [Consumer(queues=[self.queue], callbacks=[self.on_message])]

        def on_message(self, body, message):
            message.ack()
    """
    facts = extract(textwrap.dedent(source), "app/worker.py", "app.worker")
    assert [(t.kind, t.source, t.target[0], t.target[2]) for t in facts.triggers] == [
        ("near-real-time", "kombu-consumer", "attr", "on_message")]  # ``self.on_message`` of ``Worker``


def test_a_pika_wrapper_given_its_callback_runs_what_its_callers_pass(tmp_path):
    files = {
        "svc/__init__.py": "",
        "svc/llm.py": LLM,
        "svc/rabbit.py": textwrap.dedent("""
            import pika

            class Rabbit:
                def __init__(self):
                    self.channel = pika.BlockingConnection().channel()

                def bind(self, func):
                    self.channel.basic_consume(queue="jobs", on_message_callback=func)

                def start(self):
                    self.channel.start_consuming()
            """),
        "svc/consumer.py": textwrap.dedent("""
            from svc.llm import answer
            from svc.rabbit import Rabbit

            def on_message(channel, method, properties, body):
                answer(body.decode())

            def run_consumer():
                rabbit = Rabbit()
                rabbit.bind(on_message)
                rabbit.start()
            """),
    }
    result = run([write_project(tmp_path, files)], Config(), root=tmp_path)
    assert [s.latency_class for s in result.sites] == ["near-real-time"]
