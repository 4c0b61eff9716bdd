# Canonical usage: https://itchat.readthedocs.io/zh/latest/
import itchat
from itchat.content import TEXT
from openai import OpenAI

client = OpenAI()


@itchat.msg_register(TEXT)
def text_reply(msg):
    text = msg.text
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return reply.choices[0].message.content


itchat.auto_login()
itchat.run()
