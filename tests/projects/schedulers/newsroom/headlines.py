"""Homepage headline scoring: clarity and accuracy, 0-10."""
from newsroom.ai import co
from newsroom.models import Article


def score_headline(article: Article) -> float:
    reply = co.chat(  # expect: cohere chat scheduled LLM001
        model="command-r-08-2024",
        messages=[{"role": "user", "content": f"Score this headline 0-10 for clarity and accuracy: {article.headline}"}],
    )
    return float(reply.message.content[0].text.strip() or 0)


def rescore_homepage(slots: int) -> list:
    top = Article.objects.order_by("-published_at")[:slots]
    return sorted(top, key=score_headline, reverse=True)
