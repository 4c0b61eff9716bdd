"""The obituary index: one line per person, written from the archive entry."""
from newsroom.ai import groq
from newsroom.models import Article


def index_line(article: Article) -> str:
    resp = groq.chat.completions.create(  # expect: groq chat.completions.create scheduled LLM001
        model="llama-3.3-70b-versatile",
        messages=[{"role": "user", "content": f"One index line (name, dates, role) for:\n{article.body[:3000]}"}],
    )
    return resp.choices[0].message.content


def refresh_obituary_index() -> int:
    done = 0
    for article in Article.objects.filter(section__slug="obituaries", seo_title=""):
        article.seo_title = index_line(article)
        article.save(update_fields=["seo_title"])
        done += 1
    return done
