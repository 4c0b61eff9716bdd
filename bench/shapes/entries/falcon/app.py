# Canonical usage: https://falcon.readthedocs.io/en/stable/user/tutorial.html
import falcon
from openai import OpenAI

client = OpenAI()


class ChatResource:
    def on_post(self, req, resp):
        text = req.get_media()["text"]
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        resp.media = {"reply": reply.choices[0].message.content}


app = falcon.App()
app.add_route("/chat", ChatResource())
