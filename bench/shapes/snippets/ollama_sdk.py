# library: ollama
# source: https://github.com/ollama/ollama-python
import ollama
from ollama import AsyncClient, Client


def chat(text):
    return ollama.chat(model="llama3.2", messages=[{"role": "user", "content": text}])  # expect: ollama


def embed(texts):
    return ollama.embed(model="nomic-embed-text", input=texts)  # expect: ollama


class Local:
    def __init__(self, host):
        self.client = Client(host=host)

    def generate(self, text):
        return self.client.generate(model="llama3.2", prompt=text)  # expect: ollama


async def achat(text):
    return await AsyncClient().chat(model="llama3.2", messages=[])  # expect: ollama
