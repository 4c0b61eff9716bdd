# Canonical usage: https://docs.djangoproject.com/en/5.1/topics/http/urls/
from django.http import JsonResponse
from openai import OpenAI

client = OpenAI()


def chat(request):
    text = request.POST["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return JsonResponse({"reply": reply.choices[0].message.content})
