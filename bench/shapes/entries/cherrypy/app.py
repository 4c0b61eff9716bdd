# Canonical usage: https://docs.cherrypy.dev/en/latest/tutorials.html
import cherrypy
from openai import OpenAI

client = OpenAI()


class Chat:
    @cherrypy.expose
    def ask(self, text=""):
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        return reply.choices[0].message.content


if __name__ == "__main__":
    cherrypy.quickstart(Chat())
