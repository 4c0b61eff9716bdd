# Canonical usage: https://docs.aiohttp.org/en/stable/web_quickstart.html
from aiohttp import web
from openai import OpenAI

client = OpenAI()

routes = web.RouteTableDef()


@routes.post("/chat")
async def chat(request):
    text = (await request.json())["text"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return web.json_response({"reply": reply.choices[0].message.content})


app = web.Application()
app.add_routes(routes)
web.run_app(app)
