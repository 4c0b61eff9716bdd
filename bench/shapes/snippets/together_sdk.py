# library: together
# source: https://docs.together.ai/docs/quickstart
from together import AsyncTogether, Together

client = Together()


def chat(text):
    return client.chat.completions.create(model="meta-llama/Llama-3.3-70B-Instruct-Turbo", messages=[])  # expect: together


async def achat(text):
    return await AsyncTogether().chat.completions.create(model="m", messages=[])  # expect: together
