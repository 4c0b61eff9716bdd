"""Batch discounts per provider, as data: the rate, the page it comes from, when it was read.

``verified`` is True only when the rate was read on the provider's own page; otherwise the
figure is a best reading (a third-party write-up, an "up to" claim) and every report that uses
it says so. Users override rates in ``[tool.llm-latency-lint.discounts]``.

This is the one home of the rates: ``Provider.discount``, the rule messages and the audit all
read ``effective()``, so ``check`` and ``audit`` quote the same figure for the same settings.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Dict, Mapping, Optional


@dataclass(frozen=True)
class Discount:
    provider: str
    rate: float  # fraction of the online price saved by the batch API
    source: str  # URL of the page the rate was read from
    checked: str  # ISO date the page was read
    verified: bool
    note: str = ""
    overridden: bool = False  # set by configuration


CHECKED = "2026-11-25"

# Providers with no batch API this catalog can vouch for: no savings are counted (UNVERIFIED:
# the pages were not read for a batch product; "none known" is the claim).
_NO_BATCH = (
    ("openai-compatible", "https://platform.openai.com/docs/guides/batch",
     "an OpenAI-compatible server at a base URL set elsewhere: the OpenAI Batch API applies only to api.openai.com"),
    ("anthropic-compatible", "https://platform.claude.com/docs/en/build-with-claude/batch-processing",
     "an Anthropic-compatible server: the Message Batches API applies only to api.anthropic.com"),
    ("openrouter", "https://openrouter.ai/docs", "no batch API known"),
    ("deepseek", "https://api-docs.deepseek.com/", "no batch API known; off-peak discounts instead"),
    ("fireworks", "https://docs.fireworks.ai/", "no batch API known to this catalog"),
    ("xai", "https://docs.x.ai/", "no batch API known to this catalog"),
    ("perplexity", "https://docs.perplexity.ai/", "no batch API known"),
    ("volcengine-ark", "https://www.volcengine.com/docs/82379", "no batch API known to this catalog"),
    ("dashscope", "https://help.aliyun.com/zh/model-studio/", "no batch API known to this catalog"),
    ("moonshot", "https://platform.moonshot.cn/docs", "no batch API known"),
    ("zhipu", "https://open.bigmodel.cn/dev/api", "no batch API known to this catalog"),
    ("siliconflow", "https://docs.siliconflow.cn/", "no batch API known to this catalog"),
    ("textsynth", "https://textsynth.com/documentation.html", "no batch API known to this catalog"),
    ("lighton", "https://paradigm.lighton.ai/", "no batch API known to this catalog"),
    ("chroma", "https://docs.trychroma.com/docs/embeddings/embedding-functions",
     "the embedding function embeds online; the provider's own batch API is a rewrite away"),
    ("minimax", "https://platform.minimaxi.com/document", "no batch API known to this catalog"),
    ("huggingface", "https://huggingface.co/docs/inference-providers", "no batch API known"),
    ("local-openai-compatible", "https://github.com/vllm-project/vllm", "a local server: no per-token price"),
    ("ollama", "https://github.com/ollama/ollama/blob/main/docs/api.md", "a local model server: no per-token price"),
    ("lmstudio", "https://lmstudio.ai/docs/python", "a local model server: no per-token price"),
    ("crewai", "https://docs.crewai.com/", "agent loops of dependent calls: no batch API"),
    ("openai-agents", "https://openai.github.io/openai-agents-python/", "agent loops of dependent calls: no batch API"),
    ("pydantic-ai", "https://ai.pydantic.dev/", "agent loops of dependent calls: no batch API"),
    ("controlflow", "https://controlflow.ai/", "agent loops of dependent calls: no batch API"),
    ("autogen", "https://microsoft.github.io/autogen/", "agent conversations of dependent calls: no batch API"),
    ("open-interpreter", "https://docs.openinterpreter.com/", "agent loops of dependent calls: no batch API"),
    ("smolagents", "https://huggingface.co/docs/smolagents", "agent loops of dependent calls: no batch API"),
    ("swarm", "https://github.com/openai/swarm", "agent loops of dependent calls: no batch API"),
    ("letta", "https://docs.letta.com/api-reference/agents/messages/create",
     "a server-side agent loop of dependent calls: no batch API"),
    ("google-adk", "https://google.github.io/adk-docs/", "agent loops of dependent calls: no batch API"),
    ("vertex-agent-engine", "https://cloud.google.com/vertex-ai/generative-ai/docs/agent-engine/overview",
     "a deployed agent's loop of dependent calls: no batch API"),
    ("claude-agent-sdk", "https://docs.claude.com/en/docs/agent-sdk/python",
     "agent loops of dependent calls: no batch API"),
    ("llm-http", "https://platform.openai.com/docs/guides/batch",
     "an LLM gateway this catalog does not know: no batch API to vouch for"),
    ("llamaindex", "https://docs.llamaindex.ai/", "framework calls are online requests: no batch API"),
    ("llm", "https://llm.datasette.io/en/stable/python-api.html",
     "one API over many providers' models: no batch API of its own; the model's provider decides"),
    ("dspy", "https://dspy.ai/", "framework calls are online requests: no batch API"),
    ("replicate", "https://replicate.com/docs", "no batch API known"),
    ("semantic-router", "https://docs.aurelio.ai/semantic-router/", "routing embeds each text online: no batch API"),
    ("portkey", "https://portkey.ai/docs", "a gateway: batches go to the underlying provider (UNVERIFIED)"),
    # coverage of canonical usage (bench/shapes): SDKs and frameworks added from their docs
    ("azure-ai-inference", "https://learn.microsoft.com/en-us/python/api/overview/azure/ai-inference-readme",
     "the SDK has no batch operation"),
    ("cerebras", "https://inference-docs.cerebras.ai/", "no batch API known to this catalog"),
    ("voyageai", "https://docs.voyageai.com/docs/batch-inference", "a batch API is documented; its discount is not checked"),
    ("qianfan", "https://cloud.baidu.com/doc/WENXINWORKSHOP/", "no batch API known to this catalog"),
    ("gigachat", "https://github.com/ai-forever/gigachat", "no batch API known to this catalog"),
    ("yandex-foundation-models", "https://yandex.cloud/en/docs/foundation-models/sdk/",
     "deferred and batch modes are documented; their prices are not checked here"),
    ("haystack", "https://docs.haystack.deepset.ai/", "framework calls are online requests: no batch API"),
    ("semantic-kernel", "https://learn.microsoft.com/en-us/semantic-kernel/",
     "framework calls are online requests: no batch API"),
    ("strands", "https://strandsagents.com/", "agent loops of dependent calls: no batch API"),
    ("agno", "https://docs.agno.com/", "agent loops of dependent calls: no batch API"),
    ("camel", "https://docs.camel-ai.org/", "agent loops of dependent calls: no batch API"),
    ("marvin", "https://askmarvin.ai/", "framework calls are online requests: no batch API"),
    ("outlines", "https://dottxt-ai.github.io/outlines/", "framework calls are online requests: no batch API"),
    ("mirascope", "https://mirascope.com/docs/", "framework calls are online requests: no batch API"),
    ("magentic", "https://magentic.dev/", "framework calls are online requests: no batch API"),
    ("simpleaichat", "https://pypi.org/project/simpleaichat/", "a wrapper of OpenAI's chat API: no batch API of its own"),
    ("ell", "https://docs.ell.so/", "framework calls are online requests: no batch API"),
    ("langroid", "https://langroid.github.io/langroid/", "agent responses are online requests: no batch API"),
    ("unstructured-embed", "https://unstructured-io.github.io/unstructured/core/embedding.html",
     "a wrapper of OpenAI's embeddings API: no batch API of its own"),
    ("instructor", "https://python.useinstructor.com/", "the provider is named in a string: its batch API is not known here"),
    ("airflow-common-ai", "https://airflow.apache.org/docs/apache-airflow-providers-common-ai/",
     "the model is a connection's: no batch saving claimed (@task.llm_batch is the provider's batch path)"),
    ("ragas", "https://docs.ragas.io/", "evaluation runs ask judge models online: no batch API"),
    ("deepeval", "https://deepeval.com/docs/", "evaluation runs ask judge models online: no batch API"),
)

TABLE: Dict[str, Discount] = {
    d.provider: d
    for d in (
        Discount("openai", 0.5, "https://help.openai.com/en/articles/9197833", CHECKED, True,
                 "Batch API FAQ: 50% cheaper than the synchronous APIs, results within 24 h"),
        Discount("anthropic", 0.5, "https://platform.claude.com/docs/en/build-with-claude/batch-processing",
                 CHECKED, True, "Message Batches: 50% of standard prices"),
        Discount("google", 0.5, "https://ai.google.dev/gemini-api/docs/batch-api", CHECKED, True,
                 "Gemini API batch mode: 50% of standard cost"),
        Discount("vertexai", 0.5,
                 "https://cloud.google.com/vertex-ai/generative-ai/docs/multimodal/batch-prediction-gemini",
                 CHECKED, True, "Gemini models; Claude on Vertex not verified"),
        Discount("google-generativeai", 0.5, "https://ai.google.dev/gemini-api/docs/batch-api", CHECKED, True,
                 "after migrating to google-genai, whose client has batches"),
        Discount("bedrock", 0.5, "https://aws.amazon.com/bedrock/pricing/", CHECKED, False,
                 "about 50% of on-demand on supported models; the pricing page could not be read"),
        Discount("mistral", 0.5, "https://docs.mistral.ai/studio-api/batch-processing", CHECKED, True,
                 "Batch API: 50% discount"),
        Discount("groq", 0.25, "https://console.groq.com/docs/batch", CHECKED, False,
                 "one stored copy says 25% lower cost, an older one names no discount"),
        Discount("together", 0.5, "https://docs.together.ai/docs/inference/batch/overview", CHECKED, False,
                 "up to 50% off serverless rates, on discounted models only"),
        Discount("litellm", 0.5, "https://github.com/BerriAI/litellm", CHECKED, False,
                 "passes through the underlying provider's discount (50% for most)"),
        Discount("cohere", 0.0, "https://docs.cohere.com/reference/create-batch", CHECKED, False,
                 "batch API documented, no published discount: no savings counted"),
        Discount("langchain", 0.0,
                 "https://github.com/langchain-ai/langchain/blob/master/libs/core/langchain_core/runnables/base.py",
                 CHECKED, True,
                 "Runnable.batch is a thread pool, not a provider batch API"),
        *(Discount(provider, 0.0, url, "2026-12-05", False, note) for provider, url, note in _NO_BATCH),
    )
}

UNKNOWN = Discount("unknown", 0.0, "", CHECKED, False, "provider not in the discount table")


def table(overrides: Optional[Mapping[str, float]] = None) -> Dict[str, Discount]:
    """The discount table with configured rates applied (marked ``overridden``)."""
    merged = dict(TABLE)
    for provider, rate in (overrides or {}).items():
        base = merged.get(provider, replace(UNKNOWN, provider=provider))
        merged[provider] = replace(base, rate=rate, overridden=True, note="set in configuration")
    return merged


def effective(provider: str, overrides: Optional[Mapping[str, float]] = None) -> Discount:
    """The discount that applies to ``provider`` with configured rates (``[...discounts]``) applied."""
    found = table(overrides).get(provider)
    return found if found is not None else replace(UNKNOWN, provider=provider)
