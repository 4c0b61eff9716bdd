"""Groq is OpenAI-shaped: the same loop rewrite with the Groq helper."""
from typing import List

from groq import Groq

client = Groq()


def run(texts: List[str], rows: List[str]) -> List[str]:  # llm-latency: scheduled
    out: List[str] = []
    for text in texts:
        completion = client.chat.completions.create(model="llama-3.1-8b-instant", messages=[{"role": "user", "content": text}])
        out.append(completion.choices[0].message.content or "")
        rows.append(completion.id)
    return out
