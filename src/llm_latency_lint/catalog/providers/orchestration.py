"""Orchestration frameworks and structured-output libraries in front of a provider (issue 15,
coverage of canonical usage). None has a batch API of its own; where a class is bound to one
provider (Haystack's ``OpenAIChatGenerator``, Semantic Kernel's ``OpenAIChatCompletion``), that
provider is its backend (``Provider.backends``), whose batch API a scheduled call can move to.

- Haystack 2 (``haystack-ai`` and ``haystack_integrations``): a generator's or embedder's
  ``run`` / ``run_async`` is one model request (docs.haystack.deepset.ai/docs/openaichatgenerator);
  ``Pipeline(...).run`` runs the components added to it (this file cannot see which: reported as
  a site, as LlamaIndex's ``IngestionPipeline``); ``haystack.components.agents.Agent.run`` loops.
- Semantic Kernel (learn.microsoft.com/semantic-kernel): a chat service's
  ``get_chat_message_content(s)`` / streaming forms, an embedding service's
  ``generate_embeddings``, ``Kernel.invoke_prompt`` / ``invoke_prompt_stream``, and an agent's
  ``get_response`` / ``invoke`` / ``invoke_stream``. ``Kernel.invoke(function)`` is left out: the
  function may be native code.
- Strands Agents (strandsagents.com, ``strands.agent.base.AgentBase``): the agent is called
  directly, ``agent("...")``; ``invoke_async``, ``stream_async``, ``structured_output[_async]``.
- Agno / phidata (docs.agno.com): ``Agent`` / ``Team`` ``run`` / ``arun`` / ``print_response`` /
  ``aprint_response``.
- CAMEL (docs.camel-ai.org/key_modules/agents): ``ChatAgent.step`` / ``astep``.
- Marvin 3 (askmarvin.ai): ``marvin.run`` / ``extract`` / ``classify`` / ``cast`` / ``generate`` /
  ``summarize`` and their ``_async`` forms. Functions decorated with ``@marvin.fn`` (and Mirascope's
  or magentic's prompt decorators) are not matched: the catalog types calls, not decorated functions.
- Outlines (dottxt-ai.github.io/outlines): ``outlines.from_openai(OpenAI(), model)`` builds a model
  that is called directly, ``model(prompt, OutputType)``; its backend is the wrapped SDK's provider.
- instructor ``from_provider("openai/gpt-4o-mini")``: a client whose provider is named in a string.
- Prompt decorators, Mirascope ``@openai.call("gpt-4o-mini")`` / ``@llm.call(provider=..., model=...)``
  (mirascope.com/docs/mirascope/learn/calls) and magentic ``@prompt("...")`` / ``@chatprompt(...)``
  (magentic.dev): the decorated function sends one request each time it is called. The decorator
  call is the site, inside the decorated function (the facts pass visits a decorator in the scope of
  the function it decorates), so the function's callers decide its latency class. A bare decorator
  (``@marvin.fn``) is no call and is not matched.
"""
from typing import Dict, Tuple

from llm_latency_lint.catalog.providers.agents import LOOP as _LOOP
from llm_latency_lint.catalog.providers.spec import (
    FACTORY,
    STREAM,
    SYNC,
    Operation,
    Provider,
)

_NO_BATCH = "no batch API: each call is an online request; for scheduled work call the provider SDK's batch API"


def _ops(*names: str, stream: Tuple[str, ...] = (), embedding: Tuple[str, ...] = (),
         note: str = "") -> Dict[str, Operation]:
    ops = {name: Operation(SYNC, note=note) for name in names}
    ops.update({name: Operation(STREAM, note=note) for name in stream})
    ops.update({name: Operation(SYNC, embedding=True, note=note) for name in embedding})
    return ops


def _framework(provider_id: str, label: str, reason: str = _NO_BATCH, **fields) -> Provider:
    return Provider(id=provider_id, label=label, batch_api="none", batch_supported=False,
                    no_batch_reason=f"{label}: {reason}", **fields)


# ---- Haystack 2 -----------------------------------------------------------------------------
_HS_GEN = "haystack.components.generators"
_HS_EMB = "haystack.components.embedders"
_HS_INT = "haystack_integrations.components"
_HS_OPENAI = (
    *(f"{_HS_GEN}.{c}" for c in ("OpenAIGenerator", "AzureOpenAIGenerator")),
    *(f"{_HS_GEN}.chat.{c}" for c in ("OpenAIChatGenerator", "AzureOpenAIChatGenerator")),
    *(f"{_HS_EMB}.{c}" for c in ("OpenAITextEmbedder", "OpenAIDocumentEmbedder", "AzureOpenAITextEmbedder",
                                  "AzureOpenAIDocumentEmbedder")),
)
_HS_ANTHROPIC = tuple(f"{_HS_INT}.generators.anthropic.{c}" for c in ("AnthropicGenerator", "AnthropicChatGenerator"))
_HS_OTHER = (
    f"{_HS_GEN}.HuggingFaceAPIGenerator", f"{_HS_GEN}.chat.HuggingFaceAPIChatGenerator",
    f"{_HS_EMB}.HuggingFaceAPITextEmbedder", f"{_HS_EMB}.HuggingFaceAPIDocumentEmbedder",
    *(f"{_HS_INT}.generators.{m}" for m in (
        "google_genai.GoogleGenAIChatGenerator", "google_ai.GoogleAIGeminiChatGenerator",
        "amazon_bedrock.AmazonBedrockChatGenerator", "amazon_bedrock.AmazonBedrockGenerator",
        "ollama.OllamaGenerator", "ollama.OllamaChatGenerator", "cohere.CohereChatGenerator",
        "mistral.MistralChatGenerator", "openrouter.OpenRouterChatGenerator", "togetherai.TogetherAIChatGenerator")),
    *(f"{_HS_INT}.embedders.{m}" for m in (
        "cohere.CohereTextEmbedder", "cohere.CohereDocumentEmbedder", "ollama.OllamaTextEmbedder",
        "ollama.OllamaDocumentEmbedder", "mistral.MistralTextEmbedder", "mistral.MistralDocumentEmbedder")),
)
_HS_COMPONENT = _ops("run", "run_async")
_HS_PIPELINES = ("haystack.Pipeline", "haystack.AsyncPipeline", "haystack.core.pipeline.Pipeline")
_HS_AGENTS = ("haystack.components.agents.Agent",)

# ---- Semantic Kernel ------------------------------------------------------------------------
_SK_AI = "semantic_kernel.connectors.ai"
_SK_CHAT = _ops("get_chat_message_content", "get_chat_message_contents", "get_text_content", "get_text_contents",
                stream=("get_streaming_chat_message_content", "get_streaming_chat_message_contents"),
                embedding=("generate_embeddings", "generate_raw_embeddings"))
_SK_OPENAI = tuple(f"{_SK_AI}.open_ai.{c}" for c in (
    "OpenAIChatCompletion", "AzureChatCompletion", "OpenAITextCompletion", "AzureTextCompletion",
    "OpenAITextEmbedding", "AzureTextEmbedding"))
_SK_OTHER = tuple(f"{_SK_AI}.{m}" for m in (
    "anthropic.AnthropicChatCompletion", "google.google_ai.GoogleAIChatCompletion",
    "google.vertex_ai.VertexAIChatCompletion", "ollama.OllamaChatCompletion", "mistral_ai.MistralAIChatCompletion",
    "bedrock.BedrockChatCompletion", "azure_ai_inference.AzureAIInferenceChatCompletion",
    "hugging_face.HuggingFaceTextCompletion"))
_SK_KERNEL = _ops("invoke_prompt", stream=("invoke_prompt_stream",))
_SK_AGENT = _ops("get_response", "invoke", stream=("invoke_stream",), note=_LOOP)
_SK_AGENTS = tuple(f"semantic_kernel.agents.{c}" for c in (
    "ChatCompletionAgent", "AzureAIAgent", "OpenAIAssistantAgent", "AzureAssistantAgent", "OpenAIResponsesAgent"))

# ---- Agents called directly -----------------------------------------------------------------
_STRANDS = _ops("__call__", "invoke_async", "structured_output", "structured_output_async",
                stream=("stream_async",), note=_LOOP)
_AGNO = _ops("run", "arun", "print_response", "aprint_response", note=_LOOP)
_AGNO_CLASSES = ("agno.agent.Agent", "agno.agent.agent.Agent", "agno.team.Team", "agno.team.team.Team",
                 "phi.agent.Agent", "phi.agent.agent.Agent", "phi.assistant.Assistant")
_MARVIN = ("run", "extract", "classify", "cast", "generate", "summarize", "say")
_OUTLINES_MODEL = "outlines.models.Model"
_OUTLINES = {"__call__": Operation(SYNC), "stream": Operation(STREAM)}
_INSTRUCTED = "instructor.Instructor#provider"
_MIRASCOPE = tuple(f"mirascope.core.{p}.call" for p in (
    "openai", "anthropic", "gemini", "google", "groq", "mistral", "cohere", "litellm", "azure", "bedrock",
    "vertex", "xai", "together")) + ("mirascope.llm.call", "mirascope.core.llm.call")
_MAGENTIC = ("magentic.prompt", "magentic.chatprompt", "magentic.prompt_chain")
_DECORATED = "the decorated function sends one model request per call"

PROVIDERS = [
    _framework(
        "haystack", "Haystack",
        client_operations={
            **{name: _HS_COMPONENT for name in (*_HS_OPENAI, *_HS_ANTHROPIC, *_HS_OTHER)},
            **{name: _ops("run", "run_async", note="runs the pipeline's components; a generator or embedder "
                          "among them is a model request") for name in _HS_PIPELINES},
            **{name: _ops("run", "run_async", note=_LOOP) for name in _HS_AGENTS},
        },
        backends={**dict.fromkeys(_HS_OPENAI, "openai"), **dict.fromkeys(_HS_ANTHROPIC, "anthropic")},
        import_roots=("haystack", "haystack_integrations"),
    ),
    _framework(
        "semantic-kernel", "Semantic Kernel",
        client_operations={
            **{name: _SK_CHAT for name in (*_SK_OPENAI, *_SK_OTHER)},
            **{name: _SK_KERNEL for name in ("semantic_kernel.Kernel", "semantic_kernel.kernel.Kernel")},
            **{name: _SK_AGENT for name in _SK_AGENTS},
        },
        backends={**dict.fromkeys(_SK_OPENAI, "openai"), f"{_SK_AI}.anthropic.AnthropicChatCompletion": "anthropic"},
        import_roots=("semantic_kernel",),
    ),
    _framework("strands", "Strands Agents", _LOOP,
               client_operations={name: _STRANDS for name in ("strands.Agent", "strands.agent.Agent",
                                                              "strands.agent.agent.Agent")},
               import_roots=("strands",)),
    _framework("agno", "Agno", _LOOP, client_operations={name: _AGNO for name in _AGNO_CLASSES},
               import_roots=("agno", "phi")),
    _framework("camel", "CAMEL", _LOOP,
               client_operations={name: _ops("step", "astep", note=_LOOP) for name in (
                   "camel.agents.ChatAgent", "camel.agents.chat_agent.ChatAgent")},
               import_roots=("camel",)),
    _framework("marvin", "Marvin",
               module_functions={f"marvin.{name}{suffix}": Operation(SYNC) for name in _MARVIN
                                 for suffix in ("", "_async")},
               anchors=(r"import marvin\b", r"from marvin\b")),
    _framework(
        "outlines", "Outlines",
        client_operations={_OUTLINES_MODEL: _OUTLINES, "outlines.models.OpenAI": _OUTLINES},
        module_functions={f"outlines.{f}": Operation(FACTORY, returns=_OUTLINES_MODEL) for f in (
            "from_openai", "from_anthropic", "from_gemini", "from_mistral", "from_ollama", "from_vllm")},
        import_roots=("outlines",),
    ),
    _framework("mirascope", "Mirascope",
               module_functions={name: Operation(SYNC, note=_DECORATED) for name in _MIRASCOPE},
               import_roots=("mirascope",)),
    _framework("magentic", "magentic",
               module_functions={name: Operation(SYNC, note=_DECORATED) for name in _MAGENTIC},
               import_roots=("magentic",)),
    _framework(
        "instructor", "instructor (provider named in a string)",
        "the provider is the prefix of the from_provider string: batch through that provider's SDK",
        client_operations={_INSTRUCTED: _ops("chat.completions.create", "create", "create_with_completion",
                                             "messages.create", "create_partial", "create_iterable")},
        module_functions={"instructor.from_provider": Operation(FACTORY, returns=_INSTRUCTED)},
        anchors=(r"instructor\.from_provider",),
    ),
]
