"""Reader-submitted corrections, pre-checked before an editor sees them."""
import litellm

from newsroom.models import Article

CHECK_PROMPT = "A reader says this article contains an error. Is the claim plausible? Answer yes/no and why."


def check_correction(article: Article, claim: str) -> str:
    resp = litellm.completion(  # expect: litellm litellm.completion scheduled LLM001
        model="anthropic/claude-haiku-4-5",
        messages=[
            {"role": "system", "content": CHECK_PROMPT},
            {"role": "user", "content": f"Article:\n{article.body[:5000]}\n\nClaim: {claim}"},
        ],
    )
    return resp.choices[0].message.content


def review_corrections() -> None:
    from newsroom.feeds.inbox import pending_corrections

    for article, claim in pending_corrections():
        verdict = check_correction(article, claim)
        article.corrections.create(claim=claim, verdict=verdict)
