# Canonical usage: https://django-ninja.dev/tutorial/
from ninja import NinjaAPI
from openai import OpenAI

client = OpenAI()

api = NinjaAPI()


@api.post("/chat")
def chat(request, text: str):
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return {"reply": reply.choices[0].message.content}
