"""OpenAI-compatible servers: the OpenAI SDK (or raw HTTP) pointed at another provider's API.

``OpenAI(base_url="https://openrouter.ai/api/v1")`` is typed ``openai.OpenAI#base_url=openrouter``
by the facts pass (``http.base_url_provider`` reads the literal or module constant), so the
call's provider is the server's, and so is the batch API that applies, if any:

- Groq and Together (``groq.py``, ``together.py``) take their compatible clients here too: their
  batch APIs accept ``/v1/chat/completions`` JSONL like OpenAI's.
- OpenRouter, DeepSeek, xAI, Perplexity, Fireworks, Moonshot, Zhipu, Volcengine Ark, DashScope,
  SiliconFlow, MiniMax, Hugging Face and local servers (Ollama, vLLM, LM Studio on localhost): no batch API this
  catalog can vouch for, so the audit counts no savings and says why.
- A ``base_url`` this file cannot read (an environment variable, a setting) keeps the plain
  OpenAI type: the OpenAI Batch API applies only if it points at api.openai.com.
- ``openai-compatible`` is raw HTTP to ``.../chat/completions`` on a host set elsewhere.
- ``llm-http`` is raw HTTP to a URL whose path names a model on a host this catalog does not know
  (an LLM gateway or reseller, ``https://ask.chadgpt.ru/api/public/gpt-4o-mini``).
"""
from typing import Dict, Tuple

from llm_latency_lint.catalog.providers.openai import OPERATIONS as OPENAI_OPERATIONS
from llm_latency_lint.catalog.providers.spec import Operation, Provider

OPENAI_CLIENTS = (
    "openai.OpenAI", "openai.AsyncOpenAI", "openai.Client", "openai.AsyncClient",
)
_ONLINE: Dict[str, Operation] = {
    path: op for path, op in OPENAI_OPERATIONS.items() if op.kind in ("sync", "stream")
}


def compatible_clients(provider_id: str) -> Tuple[str, ...]:
    """The OpenAI client types pointed at ``provider_id``'s server (see the facts pass)."""
    return tuple(f"{client}#base_url={provider_id}" for client in OPENAI_CLIENTS)


def _no_batch(provider_id: str, label: str, reason: str) -> Provider:
    return Provider(
        id=provider_id,
        label=label,
        batch_api="none",
        clients=compatible_clients(provider_id),
        operations=_ONLINE,
        batch_supported=False,
        no_batch_reason=f"{label}: {reason}; the OpenAI Batch API does not apply to this endpoint",
    )


_NONE = "no batch API known to this catalog (UNVERIFIED)"
PROVIDERS = [
    _no_batch("openai-compatible", "OpenAI-compatible server",
              "an OpenAI-compatible endpoint whose base URL is set elsewhere: the OpenAI Batch API applies "
              "only when it is api.openai.com"),
    _no_batch("openrouter", "OpenRouter", "OpenRouter has no batch API (openrouter.ai/docs)"),
    _no_batch("deepseek", "DeepSeek", "DeepSeek has no batch API; off-peak pricing applies instead"),
    _no_batch("fireworks", "Fireworks AI", _NONE),
    _no_batch("xai", "xAI", _NONE),
    _no_batch("perplexity", "Perplexity", _NONE),
    _no_batch("volcengine-ark", "Volcengine Ark", _NONE),
    _no_batch("dashscope", "Alibaba DashScope", _NONE),
    _no_batch("moonshot", "Moonshot", _NONE),
    _no_batch("zhipu", "Zhipu", _NONE),
    _no_batch("siliconflow", "SiliconFlow", _NONE),
    _no_batch("minimax", "MiniMax", _NONE),
    _no_batch("huggingface", "Hugging Face Inference", _NONE),
    _no_batch("llm-http", "an LLM HTTP gateway",
              "a model named in the URL of a host this catalog does not know: no batch API to vouch for"),
    _no_batch("local-openai-compatible", "a local OpenAI-compatible server",
              "a model served on this machine: no batch pricing"),
]
