# Canonical usage: https://solara.dev/documentation/getting_started
import solara
from openai import OpenAI

client = OpenAI()

question = solara.reactive("")
answer = solara.reactive("")


def ask():
    text = question.value
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    answer.value = reply.choices[0].message.content


@solara.component
def Page():
    solara.InputText("Question", value=question)
    solara.Button("Ask", on_click=ask)
    solara.Markdown(answer.value)
