"""Provider API hosts and the words that hint at one: the data ``http.classify_url`` reads.

``HOSTS`` names the provider behind a URL's authority (first match wins), ``HOST_HINTS`` the
provider a part of the URL the file does not show points at by its name (``{OLLAMA_API_HOST}``).
"""
from __future__ import annotations

from typing import FrozenSet, Tuple

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
# A provider's own request body, distinctive enough to name the server behind a URL read only from the
# environment or configuration (``http.environment_endpoint``): Hugging Face's Inference API / TGI text
# generation, ``{"inputs": prompt, "parameters": {"max_new_tokens": 500}}``. Keys needed -> provider id.
ENV_BODIES: Tuple[Tuple[FrozenSet[str], str], ...] = ((frozenset({"inputs", "parameters"}), "huggingface"),)
