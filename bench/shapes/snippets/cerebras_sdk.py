# library: cerebras-cloud-sdk
# source: https://inference-docs.cerebras.ai/quickstart
from cerebras.cloud.sdk import AsyncCerebras, Cerebras

client = Cerebras()


def chat(text):
    return client.chat.completions.create(model="llama3.1-8b", messages=[{"role": "user", "content": text}])  # expect: cerebras


async def achat(text):
    return await AsyncCerebras().chat.completions.create(model="llama3.1-8b", messages=[])  # expect: cerebras
