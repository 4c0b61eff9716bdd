"""Nightly tag suggestions with Mistral: a loop with an assignment before the call."""
import os
from typing import List

from mistralai.client import Mistral

client = Mistral(api_key=os.environ.get("MISTRAL_API_KEY"), server_url=os.environ.get("MISTRAL_SERVER_URL"))


def run(titles: List[str], rows: List[str]) -> int:  # llm-latency: scheduled
    total = 0
    for title in titles:
        prompt = f"Suggest tags for: {title}"
        response = client.chat.complete(
            model="mistral-small-latest",
            messages=[{"role": "user", "content": prompt}],
            temperature=0.1,
            timeout_ms=20_000,
        )
        message = response.choices[0].message
        rows.append(f"{title} -> {message.content if message else None}")
        total += response.usage.total_tokens or 0
    return total
