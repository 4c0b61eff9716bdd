"""LiteLLM on Azure: the batch goes to the configured Global-Batch deployment."""
from typing import List

import litellm


def run(texts: List[str], rows: List[str]) -> List[str]:  # llm-latency: scheduled
    out: List[str] = []
    for text in texts:
        reply = litellm.completion(model="azure/gpt-4o-mini-std", messages=[{"role": "user", "content": text}])
        out.append(str(reply.choices[0].message.content))
        rows.append(str(reply.model))
    return out
