# library: anthropic (messages, beta, async, stream)
# source: https://docs.anthropic.com/en/api/messages ; https://github.com/anthropics/anthropic-sdk-python#streaming-helpers
import anthropic
from anthropic import Anthropic, AsyncAnthropic

client = anthropic.Anthropic()


def module_level(text):
    return client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, messages=[])  # expect: anthropic


def beta(text):
    return client.beta.messages.create(model="claude-sonnet-4-5", max_tokens=1024, messages=[], betas=["x"])  # expect: anthropic


class Agent:
    def __init__(self):
        self.client = AsyncAnthropic()

    async def answer(self, text):
        async with self.client.messages.stream(model="claude-sonnet-4-5", max_tokens=1024, messages=[]) as s:  # expect: anthropic
            return await s.get_final_message()


def get_client():
    return Anthropic()


def factory(text):
    return get_client().messages.create(model="claude-haiku-4-5", max_tokens=64, messages=[])  # expect: anthropic
