# Canonical usage: https://docs.python.org/3/library/http.server.html
import json
from http.server import BaseHTTPRequestHandler, HTTPServer
from openai import OpenAI

client = OpenAI()


class ChatHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        text = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["text"]
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        self.send_response(200)
        self.end_headers()
        self.wfile.write(reply.choices[0].message.content.encode())


if __name__ == "__main__":
    HTTPServer(("", 8000), ChatHandler).serve_forever()
