# Canonical usage: https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html (proxy integration event; no IaC)
import json

from openai import OpenAI

client = OpenAI()


def lambda_handler(event, context):
    question = (event.get("queryStringParameters") or {}).get("q", "")
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])  # expect-class: real-time
    return {"statusCode": 200, "body": json.dumps({"answer": reply.choices[0].message.content})}
