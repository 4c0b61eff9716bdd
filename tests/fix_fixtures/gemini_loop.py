"""Nightly product blurbs with Gemini: a loop with a config dict, a guard and rows per item."""
from typing import List, Tuple

from google import genai
from google.genai import types

BLURB_MODEL = "gemini-2.5-flash"

client = genai.Client()


def run(products: List[Tuple[str, str]], rows: List[str]) -> int:  # llm-latency: scheduled
    tokens = 0
    for sku, description in products:
        if not description:
            rows.append(f"{sku}: no description")
            continue
        response = client.models.generate_content(
            model=BLURB_MODEL,
            contents=f"Write a blurb: {description}",
            config=types.GenerateContentConfig(temperature=0.3),
        )
        rows.append(f"{sku}: {response.text}")
        tokens += (response.usage_metadata.total_token_count or 0) if response.usage_metadata else 0
    return tokens
