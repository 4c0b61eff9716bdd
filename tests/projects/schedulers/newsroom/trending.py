"""Trending topics get a one-line explainer."""
from django.conf import settings

from newsroom.ai import gemini
from newsroom.models import Topic


def explain_trend(topic: Topic) -> str:
    resp = gemini.models.generate_content(  # expect: google models.generate_content scheduled LLM001
        model=settings.GEMINI_MODEL,
        contents=f"In one sentence, why are readers following '{topic.name}' right now?",
    )
    return resp.text


def refresh_trending_topics() -> None:
    for topic in Topic.objects.order_by("-id")[:10]:
        topic.summary = explain_trend(topic)
        topic.save(update_fields=["summary"])
