"""Tags for articles published without any."""
from newsroom.ai import mistral_client
from newsroom.ai.prompts import TAGS_SYSTEM
from newsroom.models import Article


def suggest_tags(article: Article) -> list:
    client = mistral_client()
    resp = client.chat.complete(  # expect: mistral chat.complete scheduled LLM001
        model="mistral-small-latest",
        messages=[
            {"role": "system", "content": TAGS_SYSTEM},
            {"role": "user", "content": f"{article.headline}\n\n{article.body[:3000]}"},
        ],
    )
    return [t.strip() for t in resp.choices[0].message.content.split(",") if t.strip()]


def tag_untagged(limit: int) -> int:
    articles = Article.objects.filter(tags=[])[:limit]
    for article in articles:
        article.tags = suggest_tags(article)
        article.save(update_fields=["tags"])
    return len(articles)
