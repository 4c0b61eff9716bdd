# Canonical usage: https://www.tornadoweb.org/en/stable/websocket.html
import tornado.web
import tornado.websocket
from openai import OpenAI

client = OpenAI()


class ChatSocket(tornado.websocket.WebSocketHandler):
    def on_message(self, message):
        text = message
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        self.write_message(reply.choices[0].message.content)


app = tornado.web.Application([(r"/ws", ChatSocket)])
