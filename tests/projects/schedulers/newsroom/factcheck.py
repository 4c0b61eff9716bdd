"""Claim verification with Claude through LangChain (structured verdicts)."""
import re

from django.utils import timezone
from langchain_anthropic import ChatAnthropic
from pydantic import BaseModel

from newsroom.models import Article

NUMBER_CLAIM = re.compile(r"[^.]*\b\d[\d,.]*\s*(?:%|percent|million|billion)[^.]*\.")


class Verdict(BaseModel):
    claim: str
    supported: bool
    note: str


checker = ChatAnthropic(model="claude-sonnet-4-5", temperature=0).with_structured_output(Verdict)


def claims_from_today() -> list:
    start = timezone.now().replace(hour=0, minute=0)
    return [c for a in Article.objects.filter(published_at__gte=start) for c in NUMBER_CLAIM.findall(a.body)]


def verify_claims(claims: list) -> int:
    flagged = 0
    for claim in claims:
        verdict = checker.invoke(f"Is this claim supported by public data? {claim}")  # expect: langchain invoke scheduled LLM001
        flagged += not verdict.supported
    return flagged
