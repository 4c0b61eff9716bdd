"""Article vectors for related-story search."""
from newsroom.ai.clients import openai_client
from newsroom.models import Article

EMBEDDING_MODEL = "text-embedding-3-small"


def refresh_article_vectors(batch_size: int = 500) -> int:
    client = openai_client()
    stale = list(Article.objects.filter(vector__isnull=True)[:batch_size])
    for article in stale:
        resp = client.embeddings.create(model=EMBEDDING_MODEL, input=f"{article.headline}\n{article.body[:6000]}")  # expect: openai embeddings.create scheduled LLM001 LLM003
        article.vector = resp.data[0].embedding
        article.save(update_fields=["vector"])
    return len(stale)
