# Canonical usage: https://faust-streaming.github.io/faust/playbooks/quickstart.html
import faust
from openai import OpenAI

client = OpenAI()

app = faust.App("enricher", broker="kafka://localhost")
topic = app.topic("documents", value_type=str)


@app.agent(topic)
async def enrich(documents):
    async for text in documents:
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
        print(reply.choices[0].message.content)
