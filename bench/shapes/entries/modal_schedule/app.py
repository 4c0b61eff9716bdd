# Canonical usage: https://modal.com/docs/guide/cron
import modal
from openai import OpenAI

client = OpenAI()

app = modal.App("digest")


@app.function(schedule=modal.Cron("0 7 * * *"))
def summarize_news():
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)
