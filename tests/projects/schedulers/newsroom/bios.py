"""Author bios, rewritten from each writer's recent bylines."""
from openai import AsyncOpenAI

from newsroom.models import Article

aclient = AsyncOpenAI()


async def write_bio(author: str, headlines: list) -> str:
    resp = await aclient.chat.completions.create(  # expect: openai chat.completions.create scheduled LLM001
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Two-sentence bio for {author}, who recently wrote: {headlines}"}],
    )
    return resp.choices[0].message.content


async def refresh_author_bios(limit: int) -> int:
    authors = {}
    async for article in Article.objects.order_by("-published_at")[:500]:
        authors.setdefault(article.byline, []).append(article.headline)
    for author, headlines in list(authors.items())[:limit]:
        await write_bio(author, headlines[:10])
    return min(limit, len(authors))
