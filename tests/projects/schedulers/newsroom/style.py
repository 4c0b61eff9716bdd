"""House-style review of the last days' copy."""
from django.utils import timezone

from newsroom.ai import co
from newsroom.models import Article


def build_style_report(days: int) -> str:
    since = timezone.now() - timezone.timedelta(days=days)
    headlines = "\n".join(a.headline for a in Article.objects.filter(published_at__gte=since))
    reply = co.chat(  # expect: cohere chat scheduled LLM001
        model="command-a-03-2025",
        messages=[{"role": "user", "content": f"List house-style violations in these headlines:\n{headlines}"}],
    )
    return reply.message.content[0].text
