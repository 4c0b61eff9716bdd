# library: openai (chat, responses, parse, Assistants)
# source: https://platform.openai.com/docs/api-reference/responses/create ;
#         https://github.com/openai/openai-python/blob/main/helpers.md (beta.chat.completions.parse, create_and_poll)
import openai
from openai import AsyncOpenAI, OpenAI
from pydantic import BaseModel

client = OpenAI()


class Event(BaseModel):
    name: str


def module_level(text):
    a = client.responses.create(model="gpt-4.1", input=text)  # expect: openai
    b = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])  # expect: openai
    c = client.beta.chat.completions.parse(model="gpt-4o", messages=[], response_format=Event)  # expect: openai
    d = client.responses.parse(model="gpt-4o", input=text, text_format=Event)  # expect: openai
    e = openai.chat.completions.create(model="gpt-4o", messages=[])  # expect: openai
    return a, b, c, d, e


def assistants(thread_id, assistant_id):
    run = client.beta.threads.runs.create_and_poll(thread_id=thread_id, assistant_id=assistant_id)  # expect: openai
    return run


class Summarizer:
    def __init__(self):
        self.client = OpenAI()

    def embed(self, texts):
        return self.client.embeddings.create(model="text-embedding-3-small", input=texts)  # expect: openai

    def stream(self, text):
        with self.client.responses.stream(model="gpt-4o", input=text) as events:  # expect: openai
            return list(events)


def make_client() -> OpenAI:
    return OpenAI(timeout=30)


def factory(text):
    return make_client().chat.completions.create(model="gpt-4o", messages=[])  # expect: openai


async def async_shape(text):
    aclient = AsyncOpenAI()
    return await aclient.responses.create(model="gpt-4o", input=text)  # expect: openai
