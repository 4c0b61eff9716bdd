"""A stream nobody reads live (LLM004, safe fix), then the whole call goes to a batch (LLM001)."""
from typing import List

from openai import OpenAI

client = OpenAI()


def run(topic: str, rows: List[str]) -> str:  # llm-latency: scheduled
    text = ""
    for chunk in client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": topic}], stream=True):
        text += chunk.choices[0].delta.content or ""
    rows.append(text)
    return text
