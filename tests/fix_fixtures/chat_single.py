"""A single scheduled call: becomes a batch of one."""
from typing import List

import openai

client = openai.OpenAI(max_retries=0)


def run(subject: str, rows: List[str]) -> str:  # llm-latency: scheduled
    response = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": subject}])
    text = (response.choices[0].message.content or "").strip()
    rows.append(text)
    return text
