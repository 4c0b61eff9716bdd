"""Turns sections into briefing text."""
from newsroom.ai.summaries import summarize_section


def compose_sections(sections, since) -> str:
    parts = []
    for section in sections:
        stories = [a for a in section.articles.all() if a.published_at and a.published_at >= since]
        if stories:
            parts.append(f"{section.title}\n{summarize_section(section.title, stories)}")
    return "\n\n".join(parts)
