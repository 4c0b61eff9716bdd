"""A Kafka topic the project both produces to and consumes: the consumer runs for its producers
(``catalog/triggers/kafka_topics.py``, ``project/fed_queues.py``), so a timer streaming into the
topic makes the consumer's work scheduled and a route's send keeps it near-real-time."""
from __future__ import annotations

from support.scan import project_classes

SDK = """
    from openai import OpenAI

    client = OpenAI()


    def ask(text):
        return client.chat.completions.create(model='m', messages=[])
"""
SETTINGS = """
    class AppSettings:
        TOPIC_INCOMING = 'incoming-tickets'
"""
FACTORY = """
    from kafka import KafkaConsumer
    from config.settings import AppSettings


    def make_consumer():
        return KafkaConsumer(AppSettings.TOPIC_INCOMING, bootstrap_servers=['kafka:9092'])
"""
CONSUMER = """
    from config.kafka_client import make_consumer
    from llm import ask


    def consume():
        consumer = make_consumer()
        for message in consumer:
            ask(message.value)


    if __name__ == '__main__':
        consume()
"""
TIMER = """
    import time
    from kafka import KafkaProducer


    def stream():
        producer = None
        while not producer:
            producer = KafkaProducer(bootstrap_servers=['kafka:9092'])
        while True:
            producer.send('incoming-tickets', value=b'{}')
            time.sleep(3600)


    if __name__ == '__main__':
        stream()
"""
ROUTE = """
    from fastapi import FastAPI
    from kafka import KafkaProducer

    app = FastAPI()
    producer = KafkaProducer(bootstrap_servers=['kafka:9092'])


    @app.post('/tickets')
    def create(text: str):
        producer.send('incoming-tickets', value=text.encode())
        return {'queued': True}
"""
SITE = ("engine/llm.py", 7)
ENGINE = {"engine/llm.py": SDK, "engine/config/__init__.py": "", "engine/config/settings.py": SETTINGS,
          "engine/config/kafka_client.py": FACTORY, "engine/worker.py": CONSUMER}


def test_a_consumer_fed_only_by_a_timed_producer_runs_on_its_schedule(tmp_path):
    classes = project_classes(tmp_path, {**ENGINE, "ingest/producer.py": TIMER})
    assert classes[SITE] == "scheduled"


def test_a_route_producing_to_the_topic_keeps_the_consumer_near_real_time(tmp_path):
    classes = project_classes(tmp_path, {**ENGINE, "ingest/producer.py": TIMER, "api/app.py": ROUTE})
    assert classes[SITE] == "near-real-time"


def test_a_consumer_of_a_topic_no_producer_in_the_scan_names_keeps_its_event(tmp_path):
    other = TIMER.replace("'incoming-tickets'", "'audit-log'")
    classes = project_classes(tmp_path, {**ENGINE, "ingest/producer.py": other})
    assert classes[SITE] == "near-real-time"
