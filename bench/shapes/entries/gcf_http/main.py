# Canonical usage: https://cloud.google.com/functions/docs/writing/write-http-functions
import functions_framework
from openai import OpenAI

client = OpenAI()


@functions_framework.http
def chat(request):
    text = request.get_json(silent=True)["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return reply.choices[0].message.content
