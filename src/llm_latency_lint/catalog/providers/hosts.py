"""Provider API hosts and the words that hint at one: the data ``http.classify_url`` reads.

``HOSTS`` names the provider behind a URL's authority (first match wins), ``HOST_HINTS`` the
provider a part of the URL the file does not show points at by its name (``{OLLAMA_API_HOST}``).
"""
from __future__ import annotations

from typing import FrozenSet, NamedTuple, Optional, Tuple

PREFIX = "POST:"
ANY_HOST = "<base_url>"  # an OpenAI-compatible path on a host this file does not show
GATEWAY = "llm-http"  # a URL naming a model on a host the table does not know
LOCAL_SERVER = "local-openai-compatible"  # a model server on this machine (vLLM, LM Studio, llama.cpp)
ANTHROPIC_SHAPE = "anthropic-compatible"  # Anthropic's Messages API on a server the table does not know
# Known hosts documenting an Anthropic-compatible base URL: Z.ai, DeepSeek, Moonshot, MiniMax (their docs).
ANTHROPIC_SERVED_BY = ("zhipu", "deepseek", "moonshot", "minimax")

# Host (a substring of the URL's authority) -> provider id. First match wins.
HOSTS: Tuple[Tuple[str, str], ...] = (
    ("api.openai.com", "openai"),
    ("openai.azure.com", "openai"),
    ("api.anthropic.com", "anthropic"),
    ("generativelanguage.googleapis.com", "google"),
    ("aiplatform.googleapis.com", "vertexai"),
    ("api.groq.com", "groq"),
    ("api.together.xyz", "together"),
    ("api.together.ai", "together"),
    ("api.mistral.ai", "mistral"),
    ("api.cohere.com", "cohere"),
    ("api.cohere.ai", "cohere"),
    ("openrouter.ai", "openrouter"),
    ("api.deepseek.com", "deepseek"),
    ("api.fireworks.ai", "fireworks"),
    ("api.x.ai", "xai"),
    ("api.perplexity.ai", "perplexity"),
    ("volces.com", "volcengine-ark"),
    ("dashscope.aliyuncs.com", "dashscope"),
    ("dashscope-intl.aliyuncs.com", "dashscope"),
    ("api.moonshot.cn", "moonshot"),
    ("open.bigmodel.cn", "zhipu"),
    ("api-inference.huggingface.co", "huggingface"),
    ("router.huggingface.co", "huggingface"),
    ("api.replicate.com", "replicate"),
    ("api.textsynth.com", "textsynth"),  # TextSynth's hosted models (``/v1/engines/<model>/chat``)
    ("api.moonshot.ai", "moonshot"),
    ("api.z.ai", "zhipu"),
    ("api.siliconflow.cn", "siliconflow"),
    ("api.siliconflow.com", "siliconflow"),
    ("api.minimax.chat", "minimax"),
    ("api.minimaxi.com", "minimax"),
    ("api.minimax.io", "minimax"),
    (":11434", "ollama"),
    ("ollama.com", "ollama"),  # Ollama's cloud models (``https://ollama.com/api/chat``)
    # A server on this machine (vLLM, LM Studio, llama.cpp's server, or the project's own: see
    # ``classify_url``), or the machine a container runs on: after Ollama's port.
    ("localhost", LOCAL_SERVER),
    ("127.0.0.1", LOCAL_SERVER),
    ("0.0.0.0", LOCAL_SERVER),
    ("host.docker.internal", LOCAL_SERVER),
)
# A word in the name of a URL part this file does not show (``{OLLAMA_API_HOST}``,
# ``{settings.GROQ_URL}``) -> the provider whose server it names. Words, not hosts: case-insensitive.
HOST_HINTS: Tuple[Tuple[str, str], ...] = (
    ("ollama", "ollama"),
    ("anthropic", "anthropic"),
    ("claude", "anthropic"),
    ("gemini", "google"),
    ("groq", "groq"),
    ("mistral", "mistral"),
    ("deepseek", "deepseek"),
    ("openrouter", "openrouter"),
    ("perplexity", "perplexity"),
    ("cohere", "cohere"),
    ("huggingface", "huggingface"),
    ("inference_endpoint", "huggingface"),  # Hugging Face Inference Endpoints
    ("siliconflow", "siliconflow"),
    ("moonshot", "moonshot"),
    ("kimi", "moonshot"),
    ("zhipu", "zhipu"),
    ("bigmodel", "zhipu"),
    ("dashscope", "dashscope"),
    ("qwen", "dashscope"),
    ("xai_", "xai"),
    ("grok", "xai"),
    ("minimax", "minimax"),
    ("fireworks", "fireworks"),
)
# Calls that join a base URL and a path (``urljoin(OLLAMA_HOST, "/api/generate")``,
# ``os.path.join(BASE, "api", "chat")``): ``facts.url_joins`` reads them as the joined URL.
URL_JOINS = frozenset({"urllib.parse.urljoin", "urlparse.urljoin", "posixpath.join", "os.path.join"})
# The keys of a chat or completion request's JSON body, spelled as a dict literal writes them: a
# prefilter anchor, for a POST whose URL comes only from the environment (``facts.url_choices``).
LLM_BODY_ANCHORS = ('"messages":', "'messages':", '"prompt":', "'prompt':")
class OwnBody(NamedTuple):
    """A provider's own request body: the keys it needs and, for a key whose dict literal the code
    spells (``options``), the words one of its keys must be (``{"parameters": {"mode": "full"}}`` is
    a workflow runner's form, ``{"parameters": {"max_new_tokens": 500}}`` a text generation's)."""
    needed: FrozenSet[str]
    provider: str
    options: str
    option_words: FrozenSet[str]


# Hugging Face's text-generation parameters (Inference API / TGI ``parameters``, ``options``).
_HF_PARAMETERS = frozenset({
    "max_new_tokens", "max_length", "min_length", "max_time", "temperature", "top_p", "top_k", "typical_p",
    "do_sample", "return_full_text", "repetition_penalty", "frequency_penalty", "num_return_sequences",
    "num_beams", "early_stopping", "no_repeat_ngram_size", "length_penalty", "stop", "stop_sequences",
    "seed", "truncate", "watermark", "details", "decoder_input_details", "best_of", "top_n_tokens",
    "wait_for_model", "use_cache",
})
# A provider's own request body, distinctive enough to name the server behind a URL read only from the
# environment or configuration (``env_urls.environment_endpoint``): Hugging Face's Inference API / TGI text
# generation, ``{"inputs": prompt, "parameters": {"max_new_tokens": 500}}``; the same two keys with
# other parameters are the KServe v2 / Triton tensor protocol's or a job runner's.
ENV_BODIES: Tuple[OwnBody, ...] = (OwnBody(frozenset({"inputs", "parameters"}), "huggingface", "parameters",
                                           _HF_PARAMETERS),)
# Body keys whose dict literal the facts pass reads too, as ``parameters.max_new_tokens``.
NESTED_BODY_KEYS = frozenset(body.options for body in ENV_BODIES)


def own_body(keys: FrozenSet[str]) -> Optional[str]:
    """The provider whose own body ``keys`` (top-level, and ``options.word`` nested) are, else None."""
    for body in ENV_BODIES:
        nested = {key.partition(".")[2] for key in keys if key.startswith(body.options + ".")}
        if body.needed <= keys and (not nested or nested & body.option_words):
            return body.provider
    return None
