"""AWS Bedrock through boto3 (botocore 1.44 service models ``bedrock-runtime``, ``bedrock``,
``bedrock-agent-runtime`` and ``bedrock-agentcore``).

Source: ../shared/reference/providers.md section 5. The graph types
``boto3.client("bedrock-runtime")`` as "boto3.client#bedrock-runtime": the constructor plus
"#" and its first string argument, since one factory makes every AWS service client.

``endpoint`` here holds the batch job's ``modelInvocationType`` ("InvokeModel" or "Converse"),
the Bedrock counterpart of an OpenAI-style batch URL.
"""
from llm_latency_lint.catalog.providers.spec import (
    BATCH,
    POLL,
    STREAM,
    SYNC,
    Operation,
    Provider,
)

_CONVERSE_NOTE = "Converse-type batch jobs reject toolConfig: tool use needs an InvokeModel-type job"

RUNTIME_OPERATIONS = {
    "invoke_model": Operation(SYNC, "InvokeModel"),
    "invoke_model_with_response_stream": Operation(STREAM, "InvokeModel"),
    "converse": Operation(SYNC, "Converse", note=_CONVERSE_NOTE),
    "converse_stream": Operation(STREAM, "Converse", note=_CONVERSE_NOTE),
}

# Asynchronous invocation (boto3 docs, "BedrockRuntime.Client.start_async_invoke"): the request runs as
# a job writing to S3 (Nova Reel video generation), polled by ARN. Already an asynchronous job, it has
# no batch counterpart: no batch saving is claimed. The polls name no model (``invocationArn``).
_ASYNC_NOTE = "an asynchronous invocation job (output to S3): batch inference does not take it, no batch saving"
ASYNC_INVOKE_OPERATIONS = {
    "start_async_invoke": Operation(SYNC, batchable=False, note=_ASYNC_NOTE),
    "get_async_invoke": Operation(SYNC, batchable=False, note=_ASYNC_NOTE, takes_model=False),
    "list_async_invokes": Operation(SYNC, batchable=False, note=_ASYNC_NOTE, takes_model=False),
}

# bedrock-agent-runtime (boto3 docs, "AgentsforBedrockRuntime"): an agent or a knowledge-base answer
# is a server-side loop of model calls that batch inference does not accept.
_AGENT_NOTE = "a Bedrock agent or knowledge-base answer runs model calls server-side: batch inference does not accept it"
AGENT_OPERATIONS = {
    name: Operation(SYNC, batchable=False, note=_AGENT_NOTE, takes_model=False)
    for name in ("invoke_agent", "invoke_inline_agent", "retrieve_and_generate", "invoke_flow")
}
AGENT_OPERATIONS["retrieve_and_generate_stream"] = Operation(STREAM, batchable=False, note=_AGENT_NOTE,
                                                             takes_model=False)

# bedrock-agentcore (botocore 1.44 service model "Amazon Bedrock AgentCore"): ``InvokeAgentRuntime`` sends a
# request to an agent hosted in an AgentCore Runtime (its model-and-tool loop runs there), ``InvokeHarness``
# runs a managed agent harness over ``messages`` and a ``model``, its answer an event stream. The service's
# other operations (memory records, browser and code-interpreter sessions, tokens, payments) ask no model.
_AGENTCORE_NOTE = "an AgentCore agent runs its model calls server-side: batch inference does not accept it"
AGENTCORE_OPERATIONS = {
    "invoke_agent_runtime": Operation(SYNC, batchable=False, note=_AGENTCORE_NOTE, takes_model=False),
    "invoke_harness": Operation(STREAM, batchable=False, note=_AGENTCORE_NOTE, takes_model=False),
}

CONTROL_OPERATIONS = {
    "create_model_invocation_job": Operation(BATCH),
    "get_model_invocation_job": Operation(POLL),
    "list_model_invocation_jobs": Operation(POLL),
}

# boto3.client(...), boto3.Session(...).client(...), boto3.session.Session(...).client(...), and
# aioboto3's Session().client(...) (async context manager; same operation names, UNVERIFIED).
_FACTORIES = (
    "boto3.client",
    "boto3.Session.client",
    "boto3.session.Session.client",
    "aioboto3.Session.client",
    "aioboto3.session.Session.client",
)

# Sessions carry no operations of their own: typing them lets ``Session(...).client("bedrock")``
# evaluate to "boto3.Session.client#bedrock" (client type + call path + "#" + service name).
_SESSIONS = ("boto3.Session", "boto3.session.Session", "aioboto3.Session", "aioboto3.session.Session")

PROVIDERS = [
    Provider(
        id="bedrock",
        label="AWS Bedrock",
        batch_api="batch inference (create_model_invocation_job)",
        clients=tuple(f"{factory}#bedrock-runtime" for factory in _FACTORIES),
        operations={**RUNTIME_OPERATIONS, **ASYNC_INVOKE_OPERATIONS},
        client_operations={
            **{f"{factory}#bedrock": CONTROL_OPERATIONS for factory in _FACTORIES},
            **{f"{factory}#bedrock-agent-runtime": AGENT_OPERATIONS for factory in _FACTORIES},
            **{f"{factory}#bedrock-agentcore": AGENTCORE_OPERATIONS for factory in _FACTORIES},
            **{session: {} for session in _SESSIONS},
        },
        import_roots=("boto3", "aioboto3"),
        # boto3 alone is S3, SQS, ...: only a Bedrock client's service name makes a file an anchor
        # (``bedrock-agentcore`` too, not its ``-control`` plane).
        anchors=(r"bedrock(?:-agent)?-runtime", r"""["']bedrock(?:-agentcore)?["']"""),
        service_factories=_FACTORIES,
        # AWS operation names, not words a project's own method takes, with Bedrock's ``modelId=``
        model_keywords=("modelId",),
        shape_paths=frozenset(RUNTIME_OPERATIONS),
    ),
]
