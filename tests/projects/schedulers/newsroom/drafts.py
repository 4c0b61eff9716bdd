"""Stale drafts get a closing note before they are archived."""
from django.utils import timezone

from newsroom.ai import claude
from newsroom.models import Article


def closing_note(article: Article) -> str:
    text = ""
    with claude.messages.stream(  # expect: anthropic messages.stream scheduled LLM001 LLM004
        model="claude-haiku-4-5",
        max_tokens=300,
        messages=[{"role": "user", "content": f"Note for the archive: what was this draft about?\n{article.body[:3000]}"}],
    ) as stream:
        for chunk in stream.text_stream:
            text += chunk
    return text


def expire_stale_drafts(days: int) -> int:
    cutoff = timezone.now() - timezone.timedelta(days=days)
    stale = Article.objects.filter(published_at__isnull=True, updated_at__lt=cutoff)
    for article in stale:
        article.body = closing_note(article) + "\n\n" + article.body
        article.save(update_fields=["body"])
    return stale.count()


def remind_editors() -> int:
    return Article.objects.filter(published_at__isnull=True).count()
