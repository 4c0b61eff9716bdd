"""Groq (OpenAI-shaped): batch rewrite and needless-stream rewrite for chat completions.

Checked with ``inspect`` against groq 1.7.0: ``files.create(*, file, purpose: Literal["batch"])``;
``batches.create(*, completion_window: str, endpoint: Literal["/v1/chat/completions"],
input_file_id)``; ``files.content(id)`` returns ``BinaryAPIResponse`` whose ``text()`` is a
method; batch ``status`` has OpenAI's eight values. Groq's flex tier (``service_tier="flex"``)
costs the same as on-demand (console.groq.com/docs/flex-processing, catalog/tiers.py), so the
flex fix is refused there: no saving.
"""
from __future__ import annotations

from llm_latency_lint.catalog.tiers import tier
from llm_latency_lint.fixes.batch import BatchFixer, Client, Endpoint, catalog_endpoint
from llm_latency_lint.fixes.flex import FlexFixer
from llm_latency_lint.fixes.providers import _openai_shaped as shaped
from llm_latency_lint.fixes.stream import ChunkShape, StreamFixer

SDK = shaped.Sdk(
    module="groq",
    label="Groq",
    client="Groq",
    async_client="AsyncGroq",
    error="GroqError",
    text_access=".text()",
    http_access=".http_response",  # BinaryAPIResponse.http_response
    endpoints=(catalog_endpoint("groq", "chat.completions.create"),),
    # batches.create docstring (groq 1.7.0): "The file can be up to 100 MB in size". It names no
    # request count; OpenAI's 50,000 per file is assumed (UNVERIFIED for Groq).
    limits=shaped.Limits(50_000, "OpenAI's figure, Groq documents none: UNVERIFIED", 100_000_000, "groq batches.create docstring"),
    file_id="str(upload.id)",  # FileCreateResponse.id is Optional[str]
)
_SYNC = Client(shaped.helper(SDK))
_ASYNC = Client(shaped.helper(SDK, is_async=True), is_async=True)

BATCH = BatchFixer(
    provider="groq",
    label="Groq",
    endpoints={
        "chat.completions.create": Endpoint(catalog_endpoint("groq", "chat.completions.create"), "groq.types.chat.ChatCompletion.model_validate", "groq.types.chat"),
    },
    clients={"groq.Groq": _SYNC, "groq.Client": _SYNC, "groq.AsyncGroq": _ASYNC, "groq.AsyncClient": _ASYNC},
)

FLEX = FlexFixer(
    provider="groq",
    label="Groq",
    operations=("chat.completions.create",),
    known_models=(),
    source="Groq flex processing has no discount (console.groq.com/docs/flex-processing)",
    clients=("groq.Groq", "groq.Client", "groq.AsyncGroq", "groq.AsyncClient"),
    tier=tier("groq", "flex"),
)

STREAM = StreamFixer(
    provider="groq",
    shapes={
        "chat.completions.create": ChunkShape(
            chunk='{chunk}.choices[0].delta.content or ""',
            whole='{response}.choices[0].message.content or ""',
            refuse_kwargs=("n", "stream_options", "tools", "functions"),
        ),
    },
)

FIXERS = [BATCH, FLEX, STREAM]
