# Canonical usage: https://www.twilio.com/docs/messaging/tutorials/how-to-receive-and-reply/python
from flask import Flask, request
from twilio.twiml.messaging_response import MessagingResponse
from openai import OpenAI

client = OpenAI()

app = Flask(__name__)


@app.route("/sms", methods=["GET", "POST"])
def sms_reply():
    text = request.values.get("Body", "")
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    resp = MessagingResponse()
    resp.message(reply.choices[0].message.content)
    return str(resp)
