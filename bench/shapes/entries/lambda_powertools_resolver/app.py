# Canonical usage: https://docs.powertools.aws.dev/lambda/python/latest/core/event_handler/api_gateway/
from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from openai import OpenAI

app = APIGatewayRestResolver()
client = OpenAI()


@app.get("/answer")
def answer():
    question = app.current_event.get_query_string_value(name="q", default_value="")
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])  # expect-class: real-time
    return {"answer": reply.choices[0].message.content}


def lambda_handler(event, context):
    return app.resolve(event, context)
