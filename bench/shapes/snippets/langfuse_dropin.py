# library: observability drop-ins (Langfuse OpenAI)
# source: https://langfuse.com/docs/integrations/openai/python/get-started
from langfuse.openai import OpenAI, openai

client = OpenAI()


def traced(text):
    return client.chat.completions.create(model="gpt-4o", messages=[])  # expect: openai


def module_proxy(text):
    return openai.chat.completions.create(model="gpt-4o", messages=[])  # expect: openai
