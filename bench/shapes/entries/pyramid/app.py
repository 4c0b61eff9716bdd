# Canonical usage: https://docs.pylonsproject.org/projects/pyramid/en/latest/narr/viewconfig.html
from pyramid.config import Configurator
from pyramid.view import view_config
from openai import OpenAI

client = OpenAI()


@view_config(route_name="chat", renderer="json", request_method="POST")
def chat(request):
    text = request.json_body["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return {"reply": reply.choices[0].message.content}


if __name__ == "__main__":
    with Configurator() as config:
        config.add_route("chat", "/chat")
        config.scan()
        app = config.make_wsgi_app()
