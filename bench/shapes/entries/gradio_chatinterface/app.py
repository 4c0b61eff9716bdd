# Canonical usage: https://www.gradio.app/guides/creating-a-chatbot-fast
import gradio as gr
from openai import OpenAI

client = OpenAI()


def respond(message, history):
    text = message
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return reply.choices[0].message.content


gr.ChatInterface(fn=respond, type="messages").launch()
