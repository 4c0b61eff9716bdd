# Canonical usage: https://www.tornadoweb.org/en/stable/guide/structure.html
import asyncio

import tornado.web
from openai import OpenAI

client = OpenAI()


class ChatHandler(tornado.web.RequestHandler):
    def post(self):
        text = self.get_body_argument("text")
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        self.write({"reply": reply.choices[0].message.content})


def make_app():
    return tornado.web.Application([(r"/chat", ChatHandler)])


async def main():
    app = make_app()
    app.listen(8888)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
