# library: mistralai (1.x client)
# source: https://docs.mistral.ai/getting-started/clients/ ; https://github.com/mistralai/client-python
from mistralai import Mistral

client = Mistral(api_key="k")


def chat(text):
    return client.chat.complete(model="mistral-large-latest", messages=[{"role": "user", "content": text}])  # expect: mistral


def embed(texts):
    return client.embeddings.create(model="mistral-embed", inputs=texts)  # expect: mistral


class Bot:
    def __init__(self):
        self.client = Mistral(api_key="k")

    async def answer(self, text):
        return await self.client.chat.complete_async(model="mistral-small-latest", messages=[])  # expect: mistral
