# Canonical usage: https://panel.holoviz.org/reference/chat/ChatInterface.html
import panel as pn
from openai import OpenAI

client = OpenAI()

pn.extension()


def callback(contents, user, instance):
    text = contents
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return reply.choices[0].message.content


pn.chat.ChatInterface(callback=callback).servable()
