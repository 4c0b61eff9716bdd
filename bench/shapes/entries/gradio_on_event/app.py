# Canonical usage: https://www.gradio.app/guides/blocks-and-event-listeners#binding-multiple-triggers-to-a-function
import gradio as gr
from openai import OpenAI

client = OpenAI()


def answer(text):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return reply.choices[0].message.content


with gr.Blocks() as demo:
    question = gr.Textbox()
    button = gr.Button("Ask")
    output = gr.Textbox()
    gr.on(triggers=[button.click, question.submit], fn=answer, inputs=question, outputs=output)

demo.launch()
