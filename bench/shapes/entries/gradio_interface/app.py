# Canonical usage: https://www.gradio.app/guides/the-interface-class
import gradio as gr
from openai import OpenAI

client = OpenAI()


def summarize(text):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return reply.choices[0].message.content


demo = gr.Interface(fn=summarize, inputs="text", outputs="text")
demo.launch()
