"""A request handler that checks a signature header over the body is a machine's webhook.

Services that call a webhook sign each delivery so the receiver can check who sent it: GitHub's
``X-Hub-Signature-256``, Stripe's ``Stripe-Signature``, Shopify's ``X-Shopify-Hmac-Sha256``, a feed
reader's ``X-Miniflux-Signature`` (round 19's Qetesh/miniflux-ai, ``POST /api/miniflux-ai``). A
handler reading such a header is called by that service, whatever its path says, and nobody waits
on a screen for the response: near-real-time (label policy 4), like a path naming a webhook. A chat
platform's signature (``X-Slack-Signature``, ``X-Line-Signature``, ``X-Twilio-Signature``) delivers a
person's message instead, who waits for the reply (policy 5): ``http_common.is_chat_webhook``.
Read off the handler's own fields (``chat_payloads.handler_fields``: its parameters, their aliases,
the string keys it reads, ``request.headers.get("X-Miniflux-Signature")``).
"""
from __future__ import annotations

import re
from typing import Optional

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context
from llm_latency_lint.catalog.triggers.chat_payloads import handler_fields
from llm_latency_lint.catalog.triggers.http_common import is_chat_webhook

# A header (``X-Hub-Signature-256``) or the parameter FastAPI reads it into (``x_hub_signature_256``).
_SIGNATURE_HEADER = re.compile(r"^(?:[a-z0-9]+-[a-z0-9-]*(?:signature|hmac)[a-z0-9-]*|x_[a-z0-9_]*(?:signature|hmac)[a-z0-9_]*)$",
                               re.IGNORECASE)


def signature_header(ctx: "Context", node: cst.FunctionDef) -> Optional[str]:
    """The signature header a handler checks, if it reads one a machine's webhook carries."""
    return next((field for field in sorted(handler_fields(ctx, node))
                 if _SIGNATURE_HEADER.match(field) and not is_chat_webhook(field)), None)
