# Canonical usage: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-s3.html
from openai import OpenAI

client = OpenAI()


def handler(event, context):
    text = str(event["Records"])
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    return {"statusCode": 200, "body": reply.choices[0].message.content}
