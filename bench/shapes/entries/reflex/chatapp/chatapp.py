# Canonical usage: https://reflex.dev/docs/state/overview/
import reflex as rx
from openai import OpenAI

client = OpenAI()


class State(rx.State):
    question: str = ""
    answer: str = ""

    def ask(self):
        text = self.question
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        self.answer = reply.choices[0].message.content


def index():
    return rx.vstack(rx.input(on_change=State.set_question), rx.button("Ask", on_click=State.ask), rx.text(State.answer))


app = rx.App()
app.add_page(index)
