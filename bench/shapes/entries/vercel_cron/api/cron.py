# Canonical usage: https://vercel.com/docs/functions/runtimes/python and https://vercel.com/docs/cron-jobs
# (the cron docs' own example path, /api/cron: a function that exists for the schedule)
from http.server import BaseHTTPRequestHandler
from openai import OpenAI

client = OpenAI()


class handler(BaseHTTPRequestHandler):
    def do_GET(self):
        text = "Write the daily digest"
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
        self.send_response(200)
        self.end_headers()
        self.wfile.write(reply.choices[0].message.content.encode())
