# Canonical usage: https://aws.github.io/chalice/topics/events.html#scheduled-events
from chalice import Chalice, Rate
from openai import OpenAI

client = OpenAI()

app = Chalice(app_name="digest")


@app.schedule(Rate(1, unit=Rate.DAYS))
def summarize_news(event):
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)
