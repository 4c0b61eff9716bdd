# Canonical usage: https://quart.palletsprojects.com/en/latest/how_to_guides/blueprints.html
from quart import Blueprint, Quart, request
from openai import OpenAI

client = OpenAI()

blueprint = Blueprint("chat", __name__)


@blueprint.post("/chat")
async def chat():
    text = (await request.get_json())["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return {"reply": reply.choices[0].message.content}


app = Quart(__name__)
app.register_blueprint(blueprint)
