"""One scheduled LiteLLM call through ``from litellm import completion``: a batch of one on OpenAI."""
from typing import List

from litellm import completion


def run(subject: str, rows: List[str]) -> str:  # llm-latency: scheduled
    response = completion(model="gpt-4o-mini", custom_llm_provider="openai", messages=[{"role": "user", "content": subject}])
    rows.append(str(response.id))
    text: str = response.choices[0].message.content or ""
    return text.strip()
