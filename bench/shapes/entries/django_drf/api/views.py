# Canonical usage: https://www.django-rest-framework.org/api-guide/viewsets/
from rest_framework import viewsets
from rest_framework.response import Response
from openai import OpenAI

client = OpenAI()


class SummaryViewSet(viewsets.ViewSet):
    def create(self, request):
        text = request.data["text"]
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        return Response({"summary": reply.choices[0].message.content})
