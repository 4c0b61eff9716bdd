"""LiteLLM: batch rewrite (LLM001) of ``litellm.completion`` / ``litellm.acompletion``.

LiteLLM is one function API in front of many providers, so the batch goes to the provider the
call resolves to, as ``litellm.get_llm_provider`` decides: the ``custom_llm_provider=`` literal,
else the ``model`` literal's prefix (``"openai/gpt-4o-mini"``), else a bare OpenAI model name.
Only providers whose LiteLLM batch path needs nothing the call does not say are rewritten
(``BATCH_PROVIDERS``); the others, and ``litellm.Router`` calls, are refused with the reason.

Checked against the litellm 1.110.2 source (``files/main.py``, ``batches/main.py``,
``types/utils.py``, ``exceptions.py``) and run against the fake OpenAI/Azure API in the tests:

- ``create_file(file, purpose="batch", custom_llm_provider=)``, ``create_batch(completion_window=
  "24h", endpoint="/v1/chat/completions", input_file_id, custom_llm_provider=)``,
  ``retrieve_batch``/``cancel_batch(batch_id=, custom_llm_provider=)`` (``LiteLLMBatch``, a
  subclass of ``openai.types.Batch``: OpenAI's statuses) and ``file_content(file_id=,
  custom_llm_provider=)`` (``HttpxBinaryResponseContent``, ``.text`` a property); each has an
  ``a``-prefixed async twin. For ``openai`` (``OPENAI_COMPATIBLE_BATCH_AND_FILES_PROVIDERS``)
  and ``azure`` they go through the ``openai`` SDK with the settings ``completion`` reads
  (``OPENAI_BASE_URL``/``OPENAI_API_KEY``; ``AZURE_API_BASE``/``AZURE_API_KEY``/
  ``AZURE_API_VERSION``; ``litellm.api_base``/``api_key``). Azure batches need a Global-Batch
  deployment, taken from ``azure-batch-deployments`` as for ``openai.AzureOpenAI``.
- Ids go by keyword: litellm's ``@client`` wrapper reads a positional first argument as a model
  name (and prints its provider list when it is none).
- Input lines are OpenAI's (``custom_id``, ``method``, ``url``, ``body``) with the provider prefix
  taken off ``model``, as ``completion`` sends it; an output body becomes what ``completion``
  returns through ``litellm.ModelResponse(**body)``; results are mapped back by ``custom_id``.
  Requests are split into as many batches as OpenAI's per-file limits need (``_batch_spans``),
  all submitted before the first poll. A failed item raises the litellm exception ``completion``
  raises for its status (``STATUS_ERRORS``: ``litellm.BadRequestError`` for a 400); an expired or
  missing one ``litellm.exceptions.APIError``. All are ``openai.APIError`` subclasses.
- To mypy, litellm's functions (its untyped ``@client`` decorator) and ``litellm.ModelResponse``
  (its module ``__getattr__``) are ``Any``, as ``completion``'s result is: the fixed code keeps
  the original's static types, and the helper's own signature is checked.

The body is the call's keywords as written: LiteLLM call options (``api_base``, ``api_key``,
``metadata``, ``fallbacks``, ...) are refused (``BODY_KEYWORDS`` is an allow-list), and so are the
keywords LiteLLM rewrites per model before sending (``REASONING_MODELS``).
"""
from __future__ import annotations

import json
import re
from typing import Dict, Optional

import libcst as cst

from llm_latency_lint.fixes.base import BATCH as BATCH_STRATEGY
from llm_latency_lint.fixes.base import (
    Fixer,
    Helper,
    Plan,
    Refuse,
    SiteContext,
    without_args,
)
from llm_latency_lint.fixes.batch import BatchFixer, Client, Endpoint, catalog_endpoint
from llm_latency_lint.fixes.limits import SPANS, constants

_TYPING = tuple(("typing", n) for n in ("Any", "Dict", "Iterator", "List", "Literal", "Mapping", "Optional", "Sequence"))

# Providers whose LiteLLM batch path the rewrite targets: everything it needs comes from the same
# settings ``completion`` reads. The model prefix LiteLLM strips is the provider id.
BATCH_PROVIDERS = ("openai", "azure")

_TEMPLATE = '''
{def_} {name}(
    provider: Literal[{providers}],
    bodies: Sequence[Mapping[str, Any]],
    poll_seconds: float = 30.0,
    timeout_seconds: float = 24 * 60 * 60,
) -> Iterator[litellm.ModelResponse]:
    """Send ``bodies`` (``litellm.completion`` keywords) as LiteLLM batches to ``provider``, as many as
    ``_LITELLM_BATCH_*`` limits need; wait, yield the responses in request order.

    A request that failed raises the litellm exception ``litellm.completion`` raises for its status
    (``litellm.BadRequestError`` for a 400); one not done when its batch expired raises
    ``litellm.exceptions.APIError``. Both at its own result, with the item's error message; later results still come.
    """
    lines = []
    for index, body in enumerate(bodies):
        request = dict(body)
        model = str(request["model"])
        request["model"] = model[len(provider) + 1 :] if model.startswith(provider + "/") else model
        lines.append(json.dumps({{"custom_id": f"request-{{index}}", "method": "POST", "url": "/v1/chat/completions", "body": request}}))
    spans = _batch_spans([len(line.encode("utf-8")) + 1 for line in lines], _LITELLM_BATCH_MAX_REQUESTS, _LITELLM_BATCH_MAX_BYTES)
    batch_ids: List[str] = []
    for span in spans:
        upload = {aw}litellm.{a}create_file(
            file=("batch.jsonl", "\\n".join(lines[span.start : span.stop]).encode("utf-8")), purpose="batch",
            custom_llm_provider=provider,
        )
        created = {aw}litellm.{a}create_batch(
            completion_window="24h", endpoint="/v1/chat/completions", input_file_id=upload.id, custom_llm_provider=provider
        )
        batch_ids.extend(str(created.id) for _ in span)
    deadline = time.monotonic() + timeout_seconds
    found: Dict[str, Any] = {{}}
    statuses: Dict[str, str] = {{}}
    http: Optional[Any] = None  # an HTTP response of the file download, for the status errors
    for batch_id in dict.fromkeys(batch_ids):
        batch = {aw}litellm.{a}retrieve_batch(batch_id=batch_id, custom_llm_provider=provider)
        while batch.status not in ("completed", "failed", "expired", "cancelled"):
            if time.monotonic() > deadline:
                {aw}litellm.{a}cancel_batch(batch_id=batch_id, custom_llm_provider=provider)
                raise TimeoutError(f"LiteLLM {{provider}} batch {{batch_id}} still {{batch.status}} after {{timeout_seconds:.0f}} s; cancelled it")
            {sleep}(poll_seconds)
            batch = {aw}litellm.{a}retrieve_batch(batch_id=batch_id, custom_llm_provider=provider)
        statuses[batch_id] = str(batch.status)
        for file_id in (batch.output_file_id, batch.error_file_id):
            if file_id:
                content = {aw}litellm.{a}file_content(file_id=file_id, custom_llm_provider=provider)
                http = content.response
                for line in str(content.text).splitlines():
                    if line.strip():
                        item = json.loads(line)
                        found[item["custom_id"]] = item
    kinds: Dict[int, Any] = {{
{kinds}
    }}[provider]

    def result(index: int) -> litellm.ModelResponse:
        item = found.get(f"request-{{index}}", {{}})
        response = item.get("response") or {{}}
        status = int(response.get("status_code") or 0)
        if status == 200:
            return litellm.ModelResponse(**response["body"])
        batch_id = batch_ids[index]
        error = item.get("error") or (response.get("body") or {{}}).get("error") or {{}}
        message = (
            f"LiteLLM {{provider}} batch {{batch_id}} ({{statuses[batch_id]}}): request {{index}} failed: "
            f"{{error.get('code', 'no_result')}}: {{error.get('message', 'no result in the output or error file')}}"
        )
        model = str(bodies[index].get("model"))
        if status in kinds and http is not None:  # its status_code is the response's, as completion's is
            raise kinds[status](
                message=message, llm_provider=provider, model=model, response=type(http)(status, request=http.request, json=error)
            )
        raise litellm.exceptions.APIError(status_code=status or 500, message=message, llm_provider=provider, model=model)

    return map(result, range(len(bodies)))  # a failed item raises at its result; the next one still comes
'''

# The litellm exception ``completion`` raises for an item's HTTP status, per provider (litellm
# 1.110.2 ``litellm_core_utils/exception_mapping_utils.py``: ``_map_openai_exception``,
# ``_map_azure_exception``; a 422 is a BadRequestError in both, an Azure 500 an APIError). Any
# other status raises ``litellm.exceptions.APIError`` with that status, as ``completion`` does;
# 408 and 504 (``litellm.Timeout``, an ``openai.APITimeoutError``, with no status body) do too.
_COMMON_STATUS_ERRORS = {
    400: "BadRequestError", 401: "AuthenticationError", 404: "NotFoundError", 422: "BadRequestError",
    429: "RateLimitError", 502: "BadGatewayError", 503: "ServiceUnavailableError",
}
STATUS_ERRORS: Dict[str, Dict[int, str]] = {
    "openai": {**_COMMON_STATUS_ERRORS, 500: "InternalServerError"},
    "azure": dict(_COMMON_STATUS_ERRORS),
}


def _kinds_source() -> str:
    """``STATUS_ERRORS`` as the emitted dict's entries: per provider, three statuses a line."""
    rows = []
    for provider in BATCH_PROVIDERS:
        entries = [f"{status}: litellm.exceptions.{cls}," for status, cls in sorted(STATUS_ERRORS[provider].items())]
        rows.append(f"        {json.dumps(provider)}: {{")
        rows.extend("            " + " ".join(entries[i : i + 3]) for i in range(0, len(entries), 3))
        rows.append("        },")
    return "\n".join(rows)


# LiteLLM sends OpenAI and Azure batches through the ``openai`` SDK to their batch APIs: OpenAI's
# per-file limits apply (Azure's are higher, so the lower figure serves both).
LIMITS = constants("LITELLM", [
    ("MAX_REQUESTS", "50_000", "requests per input file (openai batches.create docstring)"),
    ("MAX_BYTES", "200 * 1000 * 1000", "bytes per input file (openai batches.create docstring)"),
])


def helper(is_async: bool) -> Helper:
    name = "_litellm_batch" + ("_async" if is_async else "")
    source = _TEMPLATE.format(
        def_="async def" if is_async else "def",
        name=name,
        aw="await " if is_async else "",
        a="a" if is_async else "",
        sleep="await asyncio.sleep" if is_async else "time.sleep",
        providers=", ".join(json.dumps(p) for p in BATCH_PROVIDERS),
        kinds=_kinds_source(),
    )
    imports = (("json", None), ("time", None), ("litellm", None), ("litellm.exceptions", None), *_TYPING)
    if is_async:
        imports += (("asyncio", None),)
    return Helper(name=name, source=source, imports=imports, requires=(LIMITS, SPANS))


_SYNC = Client(helper(False))
_ASYNC = Client(helper(True), is_async=True)

# Why the other providers LiteLLM routes to get no rewrite (litellm 1.110.2 source).
_CREATE_BATCH_LITERAL = "openai, azure, vertex_ai, bedrock, hosted_vllm, litellm_proxy, mistral, xai"
REFUSED_PROVIDERS: Dict[str, str] = {
    "anthropic": (
        "LiteLLM's create_batch does not take custom_llm_provider='anthropic' (its providers: "
        f"{_CREATE_BATCH_LITERAL}); use the anthropic SDK, whose Message Batches the Anthropic fix targets"
    ),
    "vertex_ai": "LiteLLM's Vertex AI batches need a GCS bucket for input and output, which the call does not name",
    "gemini": "LiteLLM's Gemini batches go through a provider config keyed by model= that this rewrite does not target",
    "bedrock": "LiteLLM's Bedrock batches need an S3 bucket and an IAM role, which the call does not name",
    "mistral": (
        "LiteLLM's Mistral batches go through a provider config keyed by model= that this rewrite does not "
        "target; use the mistralai SDK, whose batch jobs the Mistral fix targets"
    ),
    "hosted_vllm": "a self-hosted vLLM server: whether it serves the OpenAI batch endpoints depends on the server",
    "litellm_proxy": "a LiteLLM proxy: whether its batches reach a batch API depends on the proxy's configuration",
}

# Bare model names LiteLLM routes to OpenAI (its ``open_ai_chat_completion_models``, from the
# model cost map): the OpenAI chat families. Anything else bare is refused as unknown.
OPENAI_BARE_PREFIXES = ("gpt-", "chatgpt-", "o1", "o3", "o4", "ft:gpt-")

# Keywords of ``litellm.completion`` that are OpenAI chat request fields (litellm 1.110.2
# ``completion`` signature ∩ openai ``CompletionCreateParams``), minus ``metadata`` (LiteLLM's
# logging metadata, not the request's), ``service_tier`` (the batch sets the tier) and
# ``stream_options``. Anything else is a LiteLLM call option and is refused.
BODY_KEYWORDS = frozenset(
    {
        "model", "messages", "temperature", "top_p", "n", "stop", "max_completion_tokens", "max_tokens",
        "modalities", "prediction", "audio", "presence_penalty", "frequency_penalty", "logit_bias", "user",
        "reasoning_effort", "verbosity", "response_format", "seed", "tools", "tool_choice", "logprobs",
        "top_logprobs", "parallel_tool_calls", "web_search_options", "safety_identifier", "store",
        "prompt_cache_key", "prompt_cache_retention", "functions", "function_call",
    }
)
# Keywords that are neither request fields nor options a batch can honour, each with its reason.
_OPTION_REASONS = {
    "api_base": "the call goes to the server at `api_base=`; whether it serves batches is unknown",
    "base_url": "the call goes to the server at `base_url=`; whether it serves batches is unknown",
    "api_key": "`api_key=` is a per-call credential; the batch helper uses the provider's configured key",
    "response_format": "`response_format=` is not a dict literal (LiteLLM turns a Pydantic class into a schema client-side)",
}
_DROPPED = frozenset({"timeout", "request_timeout", "custom_llm_provider"})  # not part of the request

# OpenAI models whose parameters LiteLLM rewrites before sending (llms/openai/chat/
# o_series_transformation.py, gpt_reasoning_transformation.py): ``max_tokens`` goes out as
# ``max_completion_tokens``; a ``temperature`` other than 1 is refused (or dropped) client-side.
# A batch line would carry them as written, so those keywords are refused on these models.
REASONING_MODELS = re.compile(r"(?:o\d|gpt-5)")
REWRITTEN_FOR_REASONING = ("max_tokens", "temperature")


class LiteLLMBatchFixer(BatchFixer):
    """``litellm.completion`` is a module function: the helper takes the provider id instead of a client."""

    def client_for(self, ctx: SiteContext) -> Optional[Client]:
        return _ASYNC if ctx.operation.endswith(".acompletion") else _SYNC

    def batch_provider(self, ctx: SiteContext) -> str:
        explicit = ctx.kwarg("custom_llm_provider")
        if explicit is not None:
            if not isinstance(explicit.value, cst.SimpleString):
                raise Refuse("`custom_llm_provider=` is not a string literal, so the batch provider is unknown")
            provider = str(explicit.value.evaluated_value)
        else:
            model = ctx.model
            if model is None:
                raise Refuse(
                    "the model is not a literal, so the provider LiteLLM routes it to (and its batch API) is unknown; "
                    "write it as a literal `\"openai/...\"` or pass `custom_llm_provider=\"openai\"`"
                )
            if "/" in model:
                provider = model.split("/", 1)[0]
            elif model.startswith(OPENAI_BARE_PREFIXES):
                provider = "openai"
            else:
                raise Refuse(
                    f"model {model!r} has no provider prefix and is not an OpenAI model name; LiteLLM picks its "
                    "provider from its model list: write `\"<provider>/...\"` or `custom_llm_provider=`"
                )
        if provider in BATCH_PROVIDERS:
            return provider
        if provider in REFUSED_PROVIDERS:
            raise Refuse(REFUSED_PROVIDERS[provider])
        raise Refuse(f"LiteLLM has no batch API for provider {provider!r} (create_batch takes {_CREATE_BATCH_LITERAL})")

    def _client_expr(self, ctx: SiteContext) -> cst.BaseExpression:
        """The helper's first argument: the provider id as a string literal."""
        self._check_args(ctx)
        return cst.SimpleString(json.dumps(self.batch_provider(ctx)))

    def _check_args(self, ctx: SiteContext) -> None:
        for arg in ctx.call.args:
            if arg.star:
                raise Refuse(f"`{arg.star}` arguments: the request's fields cannot be checked")
            if arg.keyword is None:
                raise Refuse("positional arguments: the rewrite needs `model=` and `messages=` as keywords")
            key = arg.keyword.value
            if key == "stream":
                if not (isinstance(arg.value, cst.Name) and arg.value.value == "False"):
                    raise Refuse("the call streams; batch results are whole responses (the LLM004 fix comes first)")
                continue
            if key in _DROPPED:
                continue
            if key == "response_format" and not isinstance(arg.value, cst.Dict):
                raise Refuse(_OPTION_REASONS[key])
            if key not in BODY_KEYWORDS:
                raise Refuse(_OPTION_REASONS.get(key, f"`{key}=` is a LiteLLM call option with no place in a batch request line"))
        if ctx.kwarg("model") is None:
            raise Refuse("no `model=`: the batch provider is unknown")
        name = (ctx.model or "").rsplit("/", 1)[-1]
        if REASONING_MODELS.match(name):
            for key in REWRITTEN_FOR_REASONING:
                if ctx.kwarg(key) is not None:
                    raise Refuse(
                        f"LiteLLM rewrites `{key}=` for the reasoning model {name!r} before sending (max_tokens as "
                        "max_completion_tokens; a temperature other than 1 refused); a batch line would carry it as "
                        "written: use `max_completion_tokens=` and no temperature"
                    )

    def _body(self, ctx: SiteContext, client: Client) -> cst.Call:
        def dropped(arg: cst.Arg) -> bool:
            return arg.keyword is not None and arg.keyword.value in _DROPPED | {"stream"}

        body = ctx.call.with_changes(func=cst.Name("dict"), args=without_args(ctx.call.args, dropped))
        return azure_deployment(ctx, body) if self.batch_provider(ctx) == "azure" else body


def azure_deployment(ctx: SiteContext, body: cst.Call) -> cst.Call:
    """Azure batches run on a Global-Batch deployment: ``model="azure/<sync deployment>"`` becomes
    the configured batch deployment (the prefix stays; the helper takes it off, as litellm does)."""
    model = ctx.model
    if model is None:
        raise Refuse(
            "LiteLLM on Azure: the model (deployment) is not a literal, so its batch deployment cannot be "
            "looked up in [tool.llm-latency-lint.azure-batch-deployments]"
        )
    prefix, _, deployment = model.rpartition("/")
    mapping: Dict[str, str] = ctx.config.azure_batch_deployments
    if prefix not in ("", "azure") or deployment not in mapping:
        raise Refuse(
            f"LiteLLM on Azure needs a batch deployment for {deployment!r}: add it to "
            "[tool.llm-latency-lint.azure-batch-deployments] (sync deployment = batch deployment)"
        )
    batch_model = f"{prefix}/{mapping[deployment]}" if prefix else mapping[deployment]
    args = [
        a.with_changes(value=cst.SimpleString(json.dumps(batch_model)))
        if a.keyword is not None and a.keyword.value == "model"
        else a
        for a in body.args
    ]
    return body.with_changes(args=args)


_CHAT = Endpoint(catalog_endpoint("litellm", "litellm.completion"), "", "litellm")

BATCH = LiteLLMBatchFixer(
    provider="litellm",
    label="LiteLLM",
    endpoints={"litellm.completion": _CHAT, "litellm.acompletion": _CHAT},
    clients={},
    call_template="{helper}({client}, {bodies})",
)



class RouterRefusal(Fixer):
    """``litellm.Router`` picks a deployment from its ``model_list`` when the call runs."""

    strategy = BATCH_STRATEGY
    keys = (("litellm", "completion"), ("litellm", "acompletion"))

    def plan(self, ctx: SiteContext) -> Plan:
        raise Refuse(
            "litellm.Router picks the deployment (and so the provider) from its model_list at run time; "
            "the batch provider is not known at the call"
        )


FIXERS = [BATCH, RouterRefusal()]
