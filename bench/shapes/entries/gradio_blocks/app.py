# Canonical usage: https://www.gradio.app/guides/blocks-and-event-listeners
import gradio as gr
from openai import OpenAI

client = OpenAI()


def answer(text):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return reply.choices[0].message.content


with gr.Blocks() as demo:
    question = gr.Textbox(label="Question")
    output = gr.Textbox(label="Answer")
    button = gr.Button("Ask")
    button.click(fn=answer, inputs=question, outputs=output)

demo.launch()
