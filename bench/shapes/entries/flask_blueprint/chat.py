# Canonical usage: https://flask.palletsprojects.com/en/stable/blueprints/
from flask import Blueprint, request
from openai import OpenAI

client = OpenAI()

bp = Blueprint("chat", __name__, url_prefix="/chat")


@bp.route("/ask", methods=["POST"])
def ask():
    text = request.json["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return {"reply": reply.choices[0].message.content}
