# library: xAI (xai-sdk and OpenAI-compatible)
# source: https://docs.x.ai/docs/guides/chat ; https://docs.x.ai/api/integrations
from openai import OpenAI
from xai_sdk import Client
from xai_sdk.chat import user

client = Client(api_key="k")
compatible = OpenAI(api_key="k", base_url="https://api.x.ai/v1")


def sample(text):
    chat = client.chat.create(model="grok-4")
    chat.append(user(text))
    return chat.sample()  # expect: xai


def compatible_chat(text):
    return compatible.chat.completions.create(model="grok-4", messages=[])  # expect: xai
