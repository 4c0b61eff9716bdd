"""Section summaries on OpenAI."""
from django.conf import settings

from newsroom.ai.clients import openai_client
from newsroom.ai.prompts import section_messages


def summarize_section(title: str, stories: list) -> str:
    client = openai_client()
    resp = client.chat.completions.create(  # expect: openai chat.completions.create scheduled LLM001
        model=settings.SUMMARY_MODEL,
        messages=section_messages(title, stories),
        temperature=0.2,
    )
    return resp.choices[0].message.content or ""
