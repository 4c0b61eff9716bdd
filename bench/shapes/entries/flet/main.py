# Canonical usage: https://flet.dev/docs/getting-started/
import flet as ft
from openai import OpenAI

client = OpenAI()


def main(page: ft.Page):
    question = ft.TextField(label="Question")
    answer = ft.Text()

    def ask(e):
        text = question.value
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        answer.value = reply.choices[0].message.content
        page.update()

    page.add(question, ft.ElevatedButton("Ask", on_click=ask), answer)


ft.app(main)
