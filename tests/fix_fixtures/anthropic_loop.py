"""Nightly digests with Claude: a loop with a guard, per-item writes and usage accounting."""
from typing import Dict, List

import anthropic
from anthropic.types import TextBlock

DIGEST_MODEL = "claude-haiku-4-5"

claude = anthropic.Anthropic()


def run(notes: Dict[str, str], rows: List[str]) -> int:  # llm-latency: scheduled
    tokens = 0
    for key, note in sorted(notes.items()):
        if not note:
            continue
        message = claude.messages.create(
            model=DIGEST_MODEL,
            max_tokens=300,  # a digest is short
            messages=[{"role": "user", "content": f"Digest: {note}"}],
        )
        text = "".join(block.text for block in message.content if isinstance(block, TextBlock))
        rows.append(f"{key}: {text} [{message.stop_reason}]")
        tokens += message.usage.output_tokens
    return tokens
