"""Nightly release notes through LiteLLM: a loop with a guard, the model a module constant."""
from typing import Dict, List

import litellm

NOTES_MODEL = "openai/gpt-4o-mini"


def run(changes: Dict[str, str], rows: List[str]) -> int:  # llm-latency: scheduled
    tokens = 0
    for ref, text in changes.items():
        if not text:
            rows.append(f"{ref}: empty")
            continue
        reply = litellm.completion(
            model=NOTES_MODEL,
            messages=[{"role": "system", "content": "Write one line of release notes."}, {"role": "user", "content": text}],
            temperature=0.3,
            timeout=60,
        )
        note: str = reply.choices[0].message.content or ""
        rows.append(f"{ref}: {note}")
        tokens += int(reply.usage.total_tokens)
    return tokens
