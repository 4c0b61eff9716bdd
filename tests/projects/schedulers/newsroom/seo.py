"""Search-friendly titles."""
from newsroom.ai.clients import openai_client
from newsroom.models import Article


def headlines_needing_seo(limit: int) -> list:
    return list(Article.objects.filter(seo_title="").values_list("id", flat=True)[:limit])


def seo_title(article: Article) -> str:
    resp = openai_client().responses.create(  # expect: openai responses.create scheduled LLM001
        model="gpt-4o-mini",
        instructions="Write a search-friendly title under 60 characters. No clickbait.",
        input=f"{article.headline}\n\n{article.body[:1500]}",
    )
    return resp.output_text.strip()


def rewrite_seo_titles(article_ids: list) -> int:
    for article in Article.objects.filter(id__in=article_ids):
        article.seo_title = seo_title(article)
        article.save(update_fields=["seo_title"])
    return len(article_ids)
