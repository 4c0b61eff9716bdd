# Canonical usage: https://flask.palletsprojects.com/en/stable/views/
from flask import Flask, request
from flask.views import MethodView
from openai import OpenAI

client = OpenAI()

app = Flask(__name__)


class ChatAPI(MethodView):
    def post(self):
        text = request.json["text"]
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        return {"reply": reply.choices[0].message.content}


app.add_url_rule("/chat", view_func=ChatAPI.as_view("chat"))
