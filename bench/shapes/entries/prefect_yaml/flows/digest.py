# Canonical usage: https://docs.prefect.io/v3/deploy/infrastructure-concepts/prefect-yaml
from prefect import flow
from openai import OpenAI

client = OpenAI()


@flow
def summarize_news():
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)
