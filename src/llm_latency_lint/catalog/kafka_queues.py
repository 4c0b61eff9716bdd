"""Kafka as a queue between a project's producers and its consumers: the keys, classes and methods
``triggers/kafka_topics.py`` reads and ``project/fed_queues.py`` joins.

A producer's ``send("orders", ...)`` sends to ``kafka-topic:orders``, a consumer built on it
(``KafkaConsumer("orders")``, ``subscribe(["orders"])``) reads it; a topic a constant names is
``kafka-topic:@<its qualified name>`` until the project stage reads the constant's literal. A send
whose topic the scan cannot name goes to ``KAFKA_ANY_TOPIC``: every consumer of the project may be
fed from outside the scan. A consumer built in a factory (``return KafkaConsumer(...)``) is declared
there (``KAFKA_BUILT_SOURCE``); the loop over the factory's result is the consumer.
"""
from __future__ import annotations

KAFKA_TOPIC_KEY = "kafka-topic:"
KAFKA_ANY_TOPIC = "kafka-topic-unnamed:"
KAFKA_CONSUMER_SOURCE, KAFKA_BUILT_SOURCE = "kafka-consumer", "kafka-consumer-built"
KAFKA_PRODUCERS = frozenset({
    "kafka.KafkaProducer", "kafka.producer.KafkaProducer", "aiokafka.AIOKafkaProducer",
    "confluent_kafka.Producer", "confluent_kafka.SerializingProducer", "confluent_kafka.avro.AvroProducer",
})
KAFKA_SEND_METHODS = frozenset({"send", "send_and_wait", "produce"})
