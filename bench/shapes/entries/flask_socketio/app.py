# Canonical usage: https://flask-socketio.readthedocs.io/en/latest/getting_started.html
from flask import Flask
from flask_socketio import SocketIO, emit
from openai import OpenAI

client = OpenAI()

app = Flask(__name__)
socketio = SocketIO(app)


@socketio.on("message")
def handle_message(data):
    text = data["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    emit("reply", reply.choices[0].message.content)


if __name__ == "__main__":
    socketio.run(app)
