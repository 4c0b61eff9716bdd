# Canonical usage: https://bottlepy.org/docs/dev/tutorial.html
from bottle import post, request, run
from openai import OpenAI

client = OpenAI()


@post("/chat")
def chat():
    text = request.json["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return {"reply": reply.choices[0].message.content}


run(host="localhost", port=8080)
