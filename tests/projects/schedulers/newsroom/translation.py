"""Machine translation of the most-read stories, reviewed by the language desks."""
from newsroom.ai import gemini
from newsroom.models import Article


def translate(article: Article, language: str) -> str:
    resp = gemini.models.generate_content(  # expect: google models.generate_content scheduled LLM001
        model="gemini-2.5-pro",
        contents=f"Translate into {language}, keep names and quotes exact:\n\n{article.body}",
    )
    return resp.text


def translate_pending(languages) -> int:
    count = 0
    for article in Article.objects.order_by("-published_at")[:20]:
        for language in languages:
            article.translations.update_or_create(language=language, defaults={"body": translate(article, language)})
            count += 1
    return count
