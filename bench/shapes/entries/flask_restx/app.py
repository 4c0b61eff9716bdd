# Canonical usage: https://flask-restx.readthedocs.io/en/latest/quickstart.html
from flask import Flask, request
from flask_restx import Api, Resource
from openai import OpenAI

client = OpenAI()

app = Flask(__name__)
api = Api(app)


@api.route("/chat")
class Chat(Resource):
    def post(self):
        text = request.json["text"]
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        return {"reply": reply.choices[0].message.content}
