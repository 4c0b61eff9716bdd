"""Comment ranking: constructive comments float up."""
from django.utils import timezone

from newsroom.ai import claude
from newsroom.ai.prompts import MODERATION_SYSTEM
from newsroom.models import Comment


def rank_comment(comment: Comment) -> float:
    msg = claude.messages.create(  # expect: anthropic messages.create scheduled LLM001
        model="claude-haiku-4-5",
        max_tokens=8,
        system=MODERATION_SYSTEM,
        messages=[{"role": "user", "content": comment.body[:4000]}],
    )
    try:
        return float(msg.content[0].text.strip())
    except ValueError:
        return 0.5


def rank_recent_comments(hours: int) -> int:
    since = timezone.now() - timezone.timedelta(hours=hours)
    ranked = 0
    for comment in Comment.objects.filter(score__isnull=True, article__published_at__gte=since):
        comment.score = rank_comment(comment)
        comment.save(update_fields=["score"])
        ranked += 1
    return ranked
