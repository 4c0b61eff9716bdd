# Canonical usage: https://nicegui.io/documentation/button
from nicegui import ui
from openai import OpenAI

client = OpenAI()

question = ui.input("Question")
answer = ui.label()


def ask():
    text = question.value
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    answer.set_text(reply.choices[0].message.content)


ui.button("Ask", on_click=ask)
ui.run()
