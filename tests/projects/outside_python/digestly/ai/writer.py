"""The one place the OpenAI client is built; every service imports it from here."""
from openai import OpenAI

client = OpenAI()
MODEL = "gpt-4o-mini"


def messages(prompt: str) -> list:
    return [{"role": "user", "content": prompt}]
