from openai import OpenAI


def make():
    return OpenAI(), "gpt-4o-mini"
