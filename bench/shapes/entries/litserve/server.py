# Canonical usage: https://lightning.ai/docs/litserve/home
import litserve as ls
from openai import OpenAI

client = OpenAI()


class ChatAPI(ls.LitAPI):
    def setup(self, device):
        self.client = client

    def decode_request(self, request):
        return request["text"]

    def predict(self, text):
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        return reply.choices[0].message.content

    def encode_response(self, output):
        return {"reply": output}


if __name__ == "__main__":
    server = ls.LitServer(ChatAPI())
    server.run(port=8000)
