"""In-process local models: llama-cpp-python's ``Llama`` and GPT4All.

The model runs on the caller's own hardware, so there is no batch API and no per-token price:
what a schedule saves is peak capacity, not a discount. ``Llama`` is callable (``llm(prompt)``
is ``create_completion``), so ``__call__`` is an operation like the named methods.
"""
from llm_latency_lint.catalog.providers.spec import SYNC, Operation, Provider

_LLAMA = {
    "__call__": Operation(SYNC),
    "create_completion": Operation(SYNC),
    "create_chat_completion": Operation(SYNC),
    "create_embedding": Operation(SYNC, embedding=True),
    "embed": Operation(SYNC, embedding=True),
}
_GPT4ALL = {
    "generate": Operation(SYNC),
}

PROVIDERS = [
    Provider(
        id="llama-cpp",
        label="llama.cpp (llama-cpp-python)",
        batch_api="none",
        clients=("llama_cpp.Llama", "llama_cpp.llama.Llama"),
        operations=_LLAMA,
        import_roots=("llama_cpp",),
        batch_supported=False,
        no_batch_reason="llama-cpp runs a local model in process: there is no batch API; schedule the work off-peak instead",
    ),
    Provider(
        id="gpt4all",
        label="GPT4All",
        batch_api="none",
        clients=("gpt4all.GPT4All",),
        operations=_GPT4ALL,
        import_roots=("gpt4all",),
        batch_supported=False,
        no_batch_reason="GPT4All runs a local model in process: there is no batch API; schedule the work off-peak instead",
    ),
]
