"""llama-cpp-python: a local GGUF model run in-process (``Llama(model_path=...)``).

Calling the model object runs a completion (``llm(prompt)`` is ``create_completion``). No
batch API and no per-token price: the latency class still says who waits for it.
"""
from llm_latency_lint.catalog.providers.spec import STREAM, SYNC, Operation, Provider

_LOCAL = "a local model run in-process: no batch API"
OPERATIONS = {
    "__call__": Operation(SYNC, batchable=False, note=_LOCAL),
    "create_completion": Operation(SYNC, batchable=False, note=_LOCAL),
    "create_chat_completion": Operation(SYNC, batchable=False, note=_LOCAL),
    "create_chat_completion_openai_v1": Operation(SYNC, batchable=False, note=_LOCAL),
    "create_embedding": Operation(SYNC, embedding=True, batchable=False, note=_LOCAL),
    "embed": Operation(SYNC, embedding=True, batchable=False, note=_LOCAL),
    "stream": Operation(STREAM, batchable=False, note=_LOCAL),
}

PROVIDERS = [
    Provider(
        id="llama-cpp",
        label="llama.cpp (llama-cpp-python)",
        batch_api="none",
        clients=("llama_cpp.Llama", "llama_cpp.llama.Llama"),
        operations=OPERATIONS,
        import_roots=("llama_cpp",),
        batch_supported=False,
        no_batch_reason="llama-cpp-python runs a local model in-process: there is no batch API",
    ),
]
