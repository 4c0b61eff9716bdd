# library: google-genai (sync, aio, chats, embeddings)
# source: https://googleapis.github.io/python-genai/ ; https://ai.google.dev/gemini-api/docs/text-generation
from google import genai
from google.genai import types

client = genai.Client()


def module_level(text):
    return client.models.generate_content(model="gemini-2.5-flash", contents=text)  # expect: google


def streamed(text):
    for chunk in client.models.generate_content_stream(model="gemini-2.5-flash", contents=text):  # expect: google
        yield chunk.text


def chat(text):
    session = client.chats.create(model="gemini-2.5-flash")
    return session.send_message(text)  # expect: google


class Embedder:
    def __init__(self):
        self.client = genai.Client(vertexai=True, project="p", location="us-central1")

    def embed(self, texts):
        return self.client.models.embed_content(model="gemini-embedding-001", contents=texts)  # expect: google


async def async_shape(text):
    return await client.aio.models.generate_content(model="gemini-2.5-flash", contents=text, config=types.GenerateContentConfig())  # expect: google
