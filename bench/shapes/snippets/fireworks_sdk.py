# library: fireworks-ai
# source: https://docs.fireworks.ai/tools-sdks/python-client/the-tutorial ; https://docs.fireworks.ai/tools-sdks/openai-compatibility
from fireworks.client import Fireworks
from openai import OpenAI

client = Fireworks(api_key="k")
compatible = OpenAI(base_url="https://api.fireworks.ai/inference/v1", api_key="k")


def chat(text):
    return client.chat.completions.create(model="accounts/fireworks/models/llama-v3p1-8b-instruct", messages=[])  # expect: fireworks


def compatible_chat(text):
    return compatible.chat.completions.create(model="accounts/fireworks/models/x", messages=[])  # expect: fireworks
