"""What a match made from a call's shape (``providers.match_unresolved`` / ``match_shape``, on a
receiver of no known type) requires and says: the model named with its provider's keyword, and
evidence that names how the provider was inferred."""
from __future__ import annotations

from dataclasses import replace

from llm_latency_lint.catalog.providers.spec import STREAM, SYNC, Match

__all__ = ["inferred", "is_model_request", "names_its_model", "off_catalog", "unpacked_model"]

_UNTYPED = "the receiver has no known type"


def inferred(match: Match, why: str) -> Match:
    """``match`` made from the call's shape on a receiver of no known type: the evidence says so."""
    return replace(match, inferred=f"{_UNTYPED}: {match.provider.label} {match.operation} "
                                   f"inferred from the call shape ({why})")


def off_catalog(match: Match, client: str) -> Match:
    """``match`` made from the call's shape on a receiver typed as ``client``, a catalogued SDK
    object with no operation of that path (``ChatOpenAI().chat.completions.create``): the evidence
    names the type it had and why it did not decide."""
    typed = f"the receiver is a {client}, which has no {match.operation} operation"
    return replace(match, inferred=match.inferred.replace(_UNTYPED, typed, 1))


def is_model_request(match: Match) -> bool:
    """An online request (sync or stream), as opposed to a batch job, a poll or a factory."""
    return match.op.kind in (SYNC, STREAM)


def names_its_model(match: Match, keyword: str) -> bool:
    """Does a call on a receiver of unknown type pass the model the way ``match``'s provider names
    it (``model=``; Bedrock's ``modelId=``)? A model request (sync or stream) on an untyped receiver
    is one only then: Twilio's ``sms.messages.create(to=..., body=...)`` names none, nor does a
    local server's ``invoke_model(model_name=...)``. Batch and polling operations name no model."""
    if match.op.kind not in (SYNC, STREAM):
        return True
    return match.op.takes_model and keyword.lstrip("*") in match.provider.model_keywords


def unpacked_model(match: Match, keyword: str) -> Match:
    """The evidence of a request unpacked from a mapping (``create(**params)``, keyword ``**model``)."""
    if not keyword.startswith("**"):
        return match
    return replace(match, inferred=f"{match.inferred}; its {keyword[2:]}= comes from the unpacked mapping".lstrip("; "))
