# Canonical usage: https://docs.taipy.io/en/latest/userman/gui/callbacks/
from taipy.gui import Gui
from openai import OpenAI

client = OpenAI()

question = ""
answer = ""


def on_ask(state):
    text = state.question
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    state.answer = reply.choices[0].message.content


page = """
<|{question}|input|>
<|Ask|button|on_action=on_ask|>
<|{answer}|text|>
"""

Gui(page).run()
