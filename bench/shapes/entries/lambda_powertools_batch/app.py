# Canonical usage: https://docs.powertools.aws.dev/lambda/python/latest/utilities/batch/ (SQS partial batch response)
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from openai import OpenAI

processor = BatchProcessor(event_type=EventType.SQS)
client = OpenAI()


def record_handler(record: SQSRecord):
    text = record.json_body["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    return reply.choices[0].message.content


def lambda_handler(event, context):
    return process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
