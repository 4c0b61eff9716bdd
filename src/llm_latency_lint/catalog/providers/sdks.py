"""Provider SDKs of their own that no other module covers (issue 15, coverage of canonical usage).

Each entry follows the provider's documentation (cited); none of them is in
../shared/reference/providers.md, so no batch discount is claimed for any (``batch_supported``
False with the reason): the audit counts no savings for them.

- Azure AI Inference (``azure-ai-inference``): ``ChatCompletionsClient(...).complete`` and
  ``EmbeddingsClient(...).embed``, sync and ``azure.ai.inference.aio`` (learn.microsoft.com,
  "Azure AI Inference client library for Python"). The SDK has no batch operation; Azure OpenAI
  deployments batch through the ``openai`` SDK's Batch API.
- Cerebras (``cerebras-cloud-sdk``): OpenAI-shaped ``Cerebras().chat.completions.create``
  (inference-docs.cerebras.ai/quickstart).
- Voyage AI (``voyageai``): ``Client().embed`` / ``rerank`` / ``multimodal_embed`` /
  ``contextualized_embed``, ``AsyncClient`` too (docs.voyageai.com/docs/embeddings).
- Baidu Qianfan (``qianfan``): ``qianfan.ChatCompletion().do(...)`` / ``ado``, ``Completion``,
  ``Embedding`` (github.com/baidubce/bce-qianfan-sdk).
- Sber GigaChat (``gigachat``): ``GigaChat(credentials=...).chat(...)`` / ``achat``, ``stream`` /
  ``astream``, ``embeddings`` / ``aembeddings`` (github.com/ai-forever/gigachat, the README).
- Yandex Cloud ML SDK (``yandex-cloud-ml-sdk``): ``YCloudML(folder_id=..., auth=...)
  .models.completions("yandexgpt")`` a model, ``.configure(temperature=...)`` the same model
  configured, ``.run(messages)`` / ``run_stream``; ``models.text_embeddings("doc").run(text)``;
  ``AsyncYCloudML`` alike (yandex.cloud/docs/foundation-models/sdk). Its deferred and batch modes are
  not checked here, so no savings are counted.
- LightOn Paradigm (``paradigm_client``): ``RemoteModel(host, model_name=...).create(prompt, **params)``
  a completion; ``tokenize`` is no request for a completion (github.com/lightonai/paradigm-client).
- Replicate (``replicate`` 1.x): ``replicate.run(ref, input=...)`` / ``async_run`` / ``stream`` /
  ``async_stream``, the same on ``replicate.Client(api_token=...)``, and ``predictions.create`` /
  ``async_create`` (also under ``models.`` and ``deployments.``), module-level or on a client
  (github.com/replicate/replicate-python, the README); the ``Prediction`` they return is polled with
  ``reload()`` / ``wait()``. It hosts LLMs, image and audio models alike
  and has no batch API.
"""
from typing import Dict, Tuple

from llm_latency_lint.catalog.providers.spec import (
    FACTORY,
    STREAM,
    SYNC,
    Operation,
    Provider,
)

_NONE = "no batch API known to this catalog (UNVERIFIED)"


def _ops(*names: str, stream: Tuple[str, ...] = (), embedding: Tuple[str, ...] = ()) -> Dict[str, Operation]:
    ops = {name: Operation(SYNC) for name in names}
    ops.update({name: Operation(STREAM) for name in stream})
    ops.update({name: Operation(SYNC, embedding=True) for name in embedding})
    return ops


def _sdk(provider_id: str, label: str, reason: str = _NONE, **fields) -> Provider:
    return Provider(id=provider_id, label=label, batch_api="none", batch_supported=False,
                    no_batch_reason=f"{label}: {reason}", **fields)


_AZURE = "azure.ai.inference"
_AZURE_CHAT = _ops("complete")
_AZURE_EMBED = _ops(embedding=("embed",))
_VOYAGE = _ops("rerank", embedding=("embed", "multimodal_embed", "contextualized_embed"))
_QIANFAN = _ops("do", "ado", "batch_do", "abatch_do")
_QIANFAN_EMBED = _ops(embedding=("do", "ado", "batch_do", "abatch_do"))
_GIGACHAT = _ops("chat", "achat", stream=("stream", "astream"), embedding=("embeddings", "aembeddings"))
_YC = "yandex_cloud_ml_sdk._models"
_YC_GPT = f"{_YC}.completions.model.GPTModel"
_YC_EMBED = f"{_YC}.text_embeddings.model.TextEmbeddingsModel"
_YC_MODELS = {"models.completions": Operation(FACTORY, returns=_YC_GPT),
              "models.text_embeddings": Operation(FACTORY, returns=_YC_EMBED)}
_YC_GPT_OPS = {**_ops("run", "run_deferred", stream=("run_stream",)), "configure": Operation(FACTORY, returns=_YC_GPT)}
_YC_EMBED_OPS = {**_ops(embedding=("run",)), "configure": Operation(FACTORY, returns=_YC_EMBED)}
# ``predictions.create`` starts a hosted generation and returns the ``Prediction``; ``reload()`` /
# ``wait()`` ask Replicate for it again until it finishes (policy 9: polling a hosted job is a site).
_PREDICTION = "replicate.prediction.Prediction"
_POLLED = "asks Replicate for the prediction's state again: one request per poll"
_REPLICATE = {
    **_ops("run", "async_run", stream=("stream", "async_stream")),
    **{f"{scope}predictions.{create}": Operation(SYNC, returns=_PREDICTION)
       for scope in ("", "models.", "deployments.") for create in ("create", "async_create")},
}
_PREDICTION_OPS = {name: Operation(SYNC, takes_model=False, note=_POLLED)
                   for name in ("reload", "async_reload", "wait", "async_wait")}

# LightOn Paradigm's client (``paradigm_client``): ``RemoteModel(host, model_name=...)``'s ``create(prompt,
# **params)`` asks the model for a completion; ``tokenize`` only counts tokens.
_PARADIGM = {"paradigm_client.remote_model.RemoteModel": _ops("create")}

PROVIDERS = [
    _sdk("azure-ai-inference", "Azure AI Inference",
         "the azure-ai-inference SDK has no batch operation (Azure OpenAI deployments batch through the "
         "openai SDK's Batch API)",
         client_operations={
             **{f"{_AZURE}{aio}.ChatCompletionsClient": _AZURE_CHAT for aio in ("", ".aio")},
             **{f"{_AZURE}{aio}.{c}": _AZURE_EMBED for aio in ("", ".aio")
                for c in ("EmbeddingsClient", "ImageEmbeddingsClient")},
         },
         import_roots=("azure",), anchors=(r"azure\.ai\.inference\b",)),
    _sdk("cerebras", "Cerebras",
         client_operations={f"cerebras.cloud.sdk.{c}": _ops("chat.completions.create", "completions.create")
                            for c in ("Cerebras", "AsyncCerebras")},
         import_roots=("cerebras",)),
    _sdk("voyageai", "Voyage AI",
         "UNVERIFIED: docs.voyageai.com describes a batch API; its discount is not checked here, so no "
         "savings are counted",
         client_operations={f"voyageai.{c}": _VOYAGE for c in ("Client", "AsyncClient")},
         import_roots=("voyageai",)),
    _sdk("qianfan", "Baidu Qianfan",
         client_operations={
             **{f"qianfan.{c}": _QIANFAN for c in ("ChatCompletion", "Completion")},
             "qianfan.Embedding": _QIANFAN_EMBED,
         },
         import_roots=("qianfan",)),
    _sdk("gigachat", "Sber GigaChat",
         client_operations={"gigachat.GigaChat": _GIGACHAT, "gigachat.client.GigaChatSyncClient": _GIGACHAT,
                            "gigachat.client.GigaChatAsyncClient": _GIGACHAT},
         import_roots=("gigachat",)),
    _sdk("yandex-foundation-models", "Yandex Foundation Models",
         client_operations={
             **{f"yandex_cloud_ml_sdk.{c}": _YC_MODELS for c in ("YCloudML", "AsyncYCloudML")},
             **{f"{_YC}.completions.model.{c}": _YC_GPT_OPS for c in ("GPTModel", "AsyncGPTModel", "BaseGPTModel")},
             **{f"{_YC}.text_embeddings.model.{c}": _YC_EMBED_OPS
                for c in ("TextEmbeddingsModel", "AsyncTextEmbeddingsModel")},
         },
         import_roots=("yandex_cloud_ml_sdk",)),
    _sdk("lighton", "LightOn Paradigm", client_operations=_PARADIGM, import_roots=("paradigm_client",)),
    _sdk("replicate", "Replicate", "no batch API: each run or prediction is an online request (replicate.com/docs)",
         clients=("replicate.Client", "replicate.client.Client"), operations=_REPLICATE,
         client_operations={_PREDICTION: _PREDICTION_OPS},
         module_functions={f"replicate.{path}": op for path, op in _REPLICATE.items()},
         import_roots=("replicate",),
         anchors=("import replicate", "from replicate")),  # "replicate" is too common a word to anchor on
]
