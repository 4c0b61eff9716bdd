"""Responses API in a loop, with a call-free assignment before the call and an alias import."""
from typing import Dict, List

from openai import OpenAI as OAI

labeller = OAI()


def run(items: List[str], rows: List[str]) -> Dict[str, str]:  # llm-latency: scheduled
    labels: Dict[str, str] = {}
    for index, item in enumerate(items):
        prompt = f"label #{index}: {item}"
        result = labeller.responses.create(model="gpt-4.1-mini", input=prompt)
        labels[item] = result.output_text
        rows.append(f"{index}={result.output_text}")
    return labels
