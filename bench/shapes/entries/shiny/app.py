# Canonical usage: https://shiny.posit.co/py/docs/reactive-patterns.html
from shiny import App, reactive, render, ui
from openai import OpenAI

client = OpenAI()

app_ui = ui.page_fluid(ui.input_text("question", "Question"), ui.input_action_button("go", "Ask"), ui.output_text("answer"))


def server(input, output, session):
    @render.text
    @reactive.event(input.go)
    def answer():
        text = input.question()
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        return reply.choices[0].message.content


app = App(app_ui, server)
