"""Anthropic (anthropic-sdk-python 0.x-2.x) and its cloud variants.

Source: ../shared/reference/providers.md section 3 (anthropic 2.13.0, checked against the
installed wheel: ``lib/bedrock/_client.py`` and ``lib/vertex/_client.py`` raise on
``/v1/messages/batches``, ``lib/foundry.py`` sets ``messages.batches`` to None).
``beta.messages.*`` and ``with_raw_response`` spellings reach these entries through
``TRANSPARENT_SEGMENTS``. ``messages.count_tokens`` is deliberately absent: it is no inference.
"""
from llm_latency_lint.catalog.providers.spec import (
    BATCH,
    FACTORY,
    POLL,
    STREAM,
    SYNC,
    Operation,
    Provider,
)

_PARSE_NOTE = "structured output: write the output schema into the batch params by hand"

OPERATIONS = {
    "messages.create": Operation(SYNC),
    "messages.stream": Operation(STREAM),
    "messages.parse": Operation(SYNC, note=_PARSE_NOTE),
    "messages.tool_runner": Operation(
        SYNC, batchable=False, note="tool_runner is a multi-turn tool loop: only single turns can be batched"
    ),
    "completions.create": Operation(
        SYNC, batchable=False, note="legacy Text Completions (anthropic<1.0) have no batch equivalent: move to messages"
    ),
    "messages.batches.create": Operation(BATCH),
    "messages.batches.retrieve": Operation(POLL),
    "messages.batches.results": Operation(POLL),
    "messages.batches.list": Operation(POLL),
}

_BEDROCK = (
    "AnthropicBedrock refuses the Batch API ('The Batch API is not supported in Bedrock yet'): "
    "use Bedrock batch inference, boto3.client('bedrock').create_model_invocation_job"
)
_VERTEX = (
    "AnthropicVertex refuses the Batch API ('not supported in the Vertex client yet'): "
    "submit a Vertex batch prediction job for publishers/anthropic/models/<model>"
)
_FOUNDRY = "AnthropicFoundry has no messages.batches (the SDK sets it to None)"

PROVIDERS = [
    Provider(
        id="anthropic",
        label="Anthropic",
        batch_api="Message Batches API",
        clients=(
            "anthropic.Anthropic",
            "anthropic.AsyncAnthropic",
            "anthropic.Client",
            "anthropic.AsyncClient",
            # Full first-party API through AWS / Google Cloud credentials (2.x).
            "anthropic.AnthropicAWS",
            "anthropic.AsyncAnthropicAWS",
            "anthropic.AnthropicGoogleCloud",
            "anthropic.AsyncAnthropicGoogleCloud",
            # Bedrock "mantle" endpoint: no SDK guard; whether batches work there is UNVERIFIED.
            "anthropic.AnthropicBedrockMantle",
            "anthropic.AsyncAnthropicBedrockMantle",
            "anthropic.AnthropicBedrock",
            "anthropic.AsyncAnthropicBedrock",
            "anthropic.lib.bedrock.AnthropicBedrock",
            "anthropic.lib.bedrock.AsyncAnthropicBedrock",
            "anthropic.AnthropicVertex",
            "anthropic.AsyncAnthropicVertex",
            "anthropic.lib.vertex.AnthropicVertex",
            "anthropic.lib.vertex.AsyncAnthropicVertex",
            "anthropic.AnthropicFoundry",
            "anthropic.AsyncAnthropicFoundry",
        ),
        operations=OPERATIONS,
        # instructor patches the client and returns it (same type, same Message Batches API)
        module_functions={"instructor.from_anthropic": Operation(FACTORY, returns="anthropic.Anthropic")},
        # Dagster's resource (dagster-anthropic): ``with anthropic.get_client(context) as client``
        client_operations={"dagster_anthropic.AnthropicResource": {
            name: Operation(FACTORY, returns="anthropic.Anthropic") for name in ("get_client", "get_client_for_asset")}},
        import_roots=("anthropic",),
        # distinctive with ``model=`` (Twilio's ``messages.create`` names no model): ``match_shape``
        shape_paths=frozenset({"messages.create", "messages.parse", "messages.stream", "messages.tool_runner"}),
        client_refusals={
            "anthropic.AnthropicBedrock": _BEDROCK,
            "anthropic.AsyncAnthropicBedrock": _BEDROCK,
            "anthropic.lib.bedrock.AnthropicBedrock": _BEDROCK,
            "anthropic.lib.bedrock.AsyncAnthropicBedrock": _BEDROCK,
            "anthropic.AnthropicVertex": _VERTEX,
            "anthropic.AsyncAnthropicVertex": _VERTEX,
            "anthropic.lib.vertex.AnthropicVertex": _VERTEX,
            "anthropic.lib.vertex.AsyncAnthropicVertex": _VERTEX,
            "anthropic.AnthropicFoundry": _FOUNDRY,
            "anthropic.AsyncAnthropicFoundry": _FOUNDRY,
        },
    ),
]
