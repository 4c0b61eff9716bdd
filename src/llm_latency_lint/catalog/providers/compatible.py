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

from llm_latency_lint.catalog.providers.anthropic import (
    OPERATIONS as ANTHROPIC_OPERATIONS,
)
from llm_latency_lint.catalog.providers.http import ANTHROPIC_SERVED_BY, HOSTS
from llm_latency_lint.catalog.providers.openai import OPERATIONS as OPENAI_OPERATIONS
from llm_latency_lint.catalog.providers.spec import (
    FACTORY,
    STREAM,
    SYNC,
    Operation,
    Provider,
)

OPENAI_CLIENTS = (
    "openai.OpenAI", "openai.AsyncOpenAI", "openai.Client", "openai.AsyncClient",
)
_ONLINE: Dict[str, Operation] = {
    path: op for path, op in OPENAI_OPERATIONS.items() if op.kind in ("sync", "stream")
}


# Anthropic's Messages API served by others (``Anthropic(base_url="https://api.z.ai/api/anthropic")``;
# DeepSeek, Moonshot and MiniMax document an ``/anthropic`` base URL too): the server's provider.
_ANTHROPIC_ONLINE: Dict[str, Operation] = {
    path: op for path, op in ANTHROPIC_OPERATIONS.items() if op.kind in ("sync", "stream")
}


def anthropic_clients(provider_id: str) -> Dict[str, Dict[str, Operation]]:
    """The Anthropic client types pointed at ``provider_id``'s Anthropic-compatible endpoint."""
    return {f"anthropic.{c}#base_url={provider_id}": _ANTHROPIC_ONLINE for c in ("Anthropic", "AsyncAnthropic")}


def _elsewhere_anthropic_clients() -> Dict[str, Dict[str, Operation]]:
    """The Anthropic SDK pointed at a known host that serves no Anthropic-compatible API
    (``http.ANTHROPIC_SERVED_BY`` lists those that do): OpenRouter, Groq, a server on this machine
    (a LiteLLM proxy). Like a raw POST to the same host, it is ``anthropic-compatible``: Anthropic's
    Message Batches API does not apply there. A base URL this file cannot read keeps Anthropic."""
    elsewhere = dict.fromkeys(pid for _, pid in HOSTS if pid not in ("anthropic", "openai", *ANTHROPIC_SERVED_BY))
    return {client: ops for pid in elsewhere for client, ops in anthropic_clients(pid).items()}


def compatible_clients(provider_id: str) -> Tuple[str, ...]:
    """The OpenAI client types pointed at ``provider_id``'s server (see the facts pass)."""
    return tuple(f"{client}#base_url={provider_id}" for client in OPENAI_CLIENTS)


def _no_batch(provider_id: str, label: str, reason: str, **fields) -> Provider:
    """``fields``: the provider's own SDK (``client_operations``, ``module_functions``, ``import_roots``)."""
    return Provider(
        id=provider_id,
        label=label,
        batch_api="none",
        clients=compatible_clients(provider_id),
        operations=_ONLINE,
        batch_supported=False,
        no_batch_reason=f"{label}: {reason}; the OpenAI Batch API does not apply to this endpoint",
        **fields,
    )


def _sync(*paths: str, embedding: Tuple[str, ...] = ()) -> Dict[str, Operation]:
    ops = {path: Operation(SYNC) for path in paths}
    ops.update({path: Operation(SYNC, embedding=True) for path in embedding})
    return ops


# Providers' own SDKs, from their docs (cited per entry). OpenAI-shaped SDKs keep OpenAI's paths.
# zhipuai / zai-sdk: https://github.com/MetaGLM/zhipuai-sdk-python-v4
_ZHIPU = _sync("chat.completions.create", "chat.asyncCompletions.create", "images.generations",
               embedding=("embeddings.create",))
# volcengine Ark runtime: https://www.volcengine.com/docs/82379/1263482, https://pypi.org/project/arkruntime/
_ARK = _sync("chat.completions.create", "bot_chat.completions.create", "responses.create",
             embedding=("embeddings.create", "multimodal_embeddings.create"))
_ARK_CLIENTS = tuple(f"{m}.{c}" for m in ("volcenginesdkarkruntime", "arkruntime") for c in ("Ark", "AsyncArk"))
# DashScope's own SDK: https://help.aliyun.com/zh/model-studio/use-qwen-by-calling-api (``Generation.call``)
_DASHSCOPE_CALLS = {
    **{f"{m}.{c}.call": Operation(SYNC) for m in ("dashscope", "dashscope.aigc", "dashscope.aigc.generation")
       for c in ("Generation", "AioGeneration")},
    **{f"{m}.MultiModalConversation.call": Operation(SYNC) for m in (
        "dashscope", "dashscope.aigc", "dashscope.aigc.multimodal_conversation")},
    **{f"{m}.{c}.call": Operation(SYNC) for m in ("dashscope", "dashscope.app") for c in ("Application",)},
    **{f"{m}.TextEmbedding.call": Operation(SYNC, embedding=True) for m in ("dashscope", "dashscope.embeddings")},
    # speech synthesis by a hosted model, a class method naming it: ``SpeechSynthesizer.call(model=
    # "qwen-tts", text=...)`` (https://help.aliyun.com/zh/model-studio/qwen-tts) and the Sambert v1 API
    **{f"dashscope.audio.{m}.SpeechSynthesizer.call": Operation(SYNC) for m in ("tts", "qwen_tts")},
}
# CosyVoice (``dashscope.audio.tts_v2``): the model is given to the synthesizer, each ``call(text)`` is
# one request (https://help.aliyun.com/zh/model-studio/cosyvoice-python-sdk); ``streaming_call`` feeds
# text to a live session whose audio a callback plays
_DASHSCOPE_SYNTHESIZER = {"call": Operation(SYNC, takes_model=False), "streaming_call": Operation(STREAM, takes_model=False)}
_DASHSCOPE_CLIENTS = {f"dashscope.audio.tts_v2.{m}SpeechSynthesizer": _DASHSCOPE_SYNTHESIZER
                      for m in ("", "speech_synthesizer.")}
# huggingface_hub InferenceClient / AsyncInferenceClient (https://huggingface.co/docs/huggingface_hub/
# guides/inference, package reference ``InferenceClient``): every task method sends one request to a
# hosted model (HF Inference, or an Inference Provider named by ``provider=``), whether the model is
# given to the client (``InferenceClient(model=...)``) or per call. ``chat.completions.create`` is the
# OpenAI-style alias of ``chat_completion``: on a receiver of unknown type it yields to OpenAI's own
# path (``Operation.alias``), since files importing huggingface_hub (for ``hf_hub_download``) and
# openai are common. ``close``, ``health_check`` and ``get_endpoint_info`` send no model request.
_HF_TASKS = ("chat_completion", "text_generation", "summarization", "translation", "question_answering",
             "text_to_image", "text_to_video", "text_to_speech", "image_to_text", "image_to_image",
             "image_to_video", "image_classification", "image_segmentation", "object_detection",
             "automatic_speech_recognition", "audio_classification", "audio_to_audio",
             "zero_shot_classification", "zero_shot_image_classification", "text_classification",
             "token_classification", "fill_mask", "table_question_answering", "document_question_answering",
             "visual_question_answering", "tabular_classification", "tabular_regression")
_HF = {**_sync(*_HF_TASKS, embedding=("feature_extraction", "sentence_similarity")),
       "chat.completions.create": Operation(SYNC, alias=True)}
_HF_CLIENTS = ("huggingface_hub.InferenceClient", "huggingface_hub.AsyncInferenceClient",
               "huggingface_hub.inference._client.InferenceClient",
               "huggingface_hub.inference._generated._async_client.AsyncInferenceClient")
# The legacy ``InferenceApi(repo_id=...)`` (removed in huggingface_hub 1.0) is called directly:
# ``inference(inputs=...)`` posts to api-inference.huggingface.co.
_HF_LEGACY = {f"huggingface_hub.{m}InferenceApi": {"__call__": Operation(SYNC)} for m in ("", "inference_api.")}
_HF_REASON = ("the Inference API and the Inference Providers it routes to (provider='together', 'groq', "
              "'fireworks-ai', ...) answer online requests only: a provider's own batch API (Together's, "
              "Groq's) applies only when that provider is called directly with its own SDK or host")
# xai-sdk: https://docs.x.ai/docs/guides/chat (``client.chat.create(model)`` then ``chat.sample()``)
_XAI_CHAT = "xai_sdk.chat.Chat"
_XAI_CLIENT = {"chat.create": Operation(FACTORY, returns=_XAI_CHAT)}
# fireworks-ai: https://docs.fireworks.ai/tools-sdks/python-client/the-tutorial
_FIREWORKS = _sync("chat.completions.create", "completions.create", embedding=("embeddings.create",))


_NONE = "no batch API known to this catalog (UNVERIFIED)"
PROVIDERS = [
    _no_batch("openai-compatible", "OpenAI-compatible server",
              "an OpenAI-compatible endpoint whose base URL is set elsewhere: the OpenAI Batch API applies "
              "only when it is api.openai.com"),
    _no_batch("openrouter", "OpenRouter", "OpenRouter has no batch API (openrouter.ai/docs)"),
    Provider(
        id="anthropic-compatible", label="Anthropic-compatible server", batch_api="none", batch_supported=False,
        client_operations=_elsewhere_anthropic_clients(),
        no_batch_reason="Anthropic-compatible server: Anthropic's Messages API (a POST to /v1/messages, or the "
                        "Anthropic SDK's base_url) on a host that is not api.anthropic.com: the Message Batches "
                        "API does not apply to this endpoint"),
    _no_batch("deepseek", "DeepSeek", "DeepSeek has no batch API; off-peak pricing applies instead",
              client_operations=anthropic_clients("deepseek")),
    _no_batch("fireworks", "Fireworks AI", _NONE,
              client_operations={c: _FIREWORKS for c in (
                  "fireworks.client.Fireworks", "fireworks.client.AsyncFireworks", "fireworks.LLM")},
              import_roots=("fireworks",)),
    _no_batch("xai", "xAI", _NONE,
              client_operations={"xai_sdk.Client": _XAI_CLIENT, "xai_sdk.AsyncClient": _XAI_CLIENT,
                                 _XAI_CHAT: _sync("sample", "stream", "parse")},
              import_roots=("xai_sdk",)),
    _no_batch("perplexity", "Perplexity", _NONE),
    _no_batch("volcengine-ark", "Volcengine Ark", _NONE,
              client_operations={c: _ARK for c in _ARK_CLIENTS},
              shape_paths=frozenset({"bot_chat.completions.create", "multimodal_embeddings.create"}),
              module_functions={f"arkruntime.{c}.{f}": Operation(FACTORY, returns=f"arkruntime.{c}")
                                for c in ("Ark", "AsyncArk") for f in ("volc", "byteplus")},
              import_roots=("volcenginesdkarkruntime", "arkruntime")),
    _no_batch("dashscope", "Alibaba DashScope", _NONE, module_functions=_DASHSCOPE_CALLS,
              client_operations=_DASHSCOPE_CLIENTS,
              import_roots=("dashscope",)),
    _no_batch("moonshot", "Moonshot", _NONE, client_operations=anthropic_clients("moonshot")),
    _no_batch("zhipu", "Zhipu", _NONE,
              client_operations={**{c: _ZHIPU for c in ("zhipuai.ZhipuAI", "zai.ZhipuAiClient", "zai.ZaiClient")},
                                 **anthropic_clients("zhipu")},
              shape_paths=frozenset({"chat.asyncCompletions.create"}),
              import_roots=("zhipuai", "zai")),
    _no_batch("siliconflow", "SiliconFlow", _NONE),
    _no_batch("textsynth", "TextSynth", _NONE),  # raw HTTP only (``catalog.providers.hosts``)
    _no_batch("minimax", "MiniMax", _NONE, client_operations=anthropic_clients("minimax")),
    _no_batch("huggingface", "Hugging Face Inference", _HF_REASON,
              client_operations={**{c: _HF for c in _HF_CLIENTS}, **_HF_LEGACY}, import_roots=("huggingface_hub",)),
    _no_batch("llm-http", "an LLM HTTP gateway",
              "a model named in the URL of a host this catalog does not know: no batch API to vouch for"),
    _no_batch("local-openai-compatible", "a local OpenAI-compatible server",
              "a model served on this machine: no batch pricing"),
]
