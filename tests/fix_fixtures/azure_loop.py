"""Azure OpenAI: the batch goes to the configured Global-Batch deployment."""
from typing import List

from openai import AzureOpenAI

az = AzureOpenAI(api_version="2024-10-21")


def run(texts: List[str], rows: List[str]) -> List[str]:  # llm-latency: scheduled
    out: List[str] = []
    for text in texts:
        reply = az.chat.completions.create(model="gpt-4o-mini-std", messages=[{"role": "user", "content": text}])
        out.append(reply.choices[0].message.content or "")
        rows.append(reply.model)
    return out
