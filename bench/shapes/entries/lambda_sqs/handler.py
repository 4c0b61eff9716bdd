# Canonical usage: https://www.serverless.com/framework/docs/providers/aws/events/sqs
from openai import OpenAI

client = OpenAI()


def handler(event, context):
    text = str(event["Records"])
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    return {"statusCode": 200, "body": reply.choices[0].message.content}
