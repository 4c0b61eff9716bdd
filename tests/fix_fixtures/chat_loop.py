"""Nightly ticket summaries: the common loop shape, with a guard before the call."""
from dataclasses import dataclass
from typing import List, Optional

from openai import OpenAI

SUMMARY_MODEL = "gpt-4o-mini"

client = OpenAI()


@dataclass
class Ticket:
    id: int
    text: str
    skip: bool = False
    summary: Optional[str] = None


def run(tickets: List[Ticket], rows: List[str]) -> int:  # llm-latency: scheduled
    done = 0
    for ticket in tickets:
        if ticket.skip:
            rows.append(f"skipped {ticket.id}")
            continue
        resp = client.chat.completions.create(
            model=SUMMARY_MODEL,  # the cheap model is enough
            messages=[{"role": "user", "content": ticket.text}],
            temperature=0.2,
        )
        ticket.summary = resp.choices[0].message.content
        rows.append(f"{ticket.id}: {ticket.summary} ({resp.usage.total_tokens if resp.usage else 0} tokens)")
        done += 1
    return done
