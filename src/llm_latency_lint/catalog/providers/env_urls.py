"""Raw HTTP to a URL the code reads from the environment or its configuration: which server the
request goes to is set elsewhere, so the body says what it is (``facts/url_choices.py`` reads it in
the file; ``project/url_constants.py`` and ``project/deferred_urls.py`` for another module's
constant or a URL a caller passes)."""
from __future__ import annotations

from typing import Iterable, Optional, Sequence

from llm_latency_lint.catalog.providers.hosts import PREFIX, own_body
from llm_latency_lint.catalog.providers.http import RECORD_KEYS, SOME_PATH, is_llm_body

__all__ = ["ENV_ENDPOINT", "ENV_READS", "environment_endpoint", "environment_read"]

# A URL read only from the environment and sent an LLM body (``is_llm_body``: chat, completion,
# Responses, embeddings): some OpenAI-compatible server.
ENV_ENDPOINT = f"{PREFIX}<openai-compatible>{SOME_PATH}"
ENV_READS = ("os.getenv", "os.environ.get")


def environment_read(expr: Sequence[object]) -> bool:
    """A module constant's stored value that reads the environment: ``os.getenv("X")``,
    ``os.environ.get("X")``, ``os.environ["X"]``."""
    if len(expr) == 3 and expr[0] == "call" and isinstance(expr[1], list) and expr[1][:1] == ["name"]:
        return expr[1][1] in ENV_READS
    return len(expr) == 2 and expr[0] == "item" and expr[1] == ["name", "os.environ"]


def environment_endpoint(body: Iterable[str]) -> Optional[str]:
    """A POST to a URL set elsewhere: an LLM body is some OpenAI-compatible server's; a provider's
    own body (``hosts.own_body``: Hugging Face's ``inputs`` with a text-generation parameter) is
    that provider's; anything else is no site."""
    keys = frozenset(body)
    found = own_body(keys) if not keys & RECORD_KEYS else None
    return ENV_ENDPOINT if is_llm_body(keys) else f"{PREFIX}<{found}>{SOME_PATH}" if found else None
