"""LLM003 fix for OpenAI (and Azure OpenAI): a loop of single-input ``embeddings.create`` calls
becomes list-input requests, chunked to the per-request limit, with the loop body run on one
response per original call, in order.

It reuses the batch loop rewrite (build the request bodies, call the helper, ``next(results)``
where the call was); the helper sends synchronous ``embeddings.create(input=[...])`` requests
instead of a batch. Bodies that differ in anything but ``input`` (model, dimensions, ...) go in
separate requests. Each yielded ``CreateEmbeddingResponse`` holds that call's embeddings
re-indexed from 0, so ``response.data[0].embedding`` reads as before; its ``usage`` is the whole
request's, so a loop that reads ``.usage`` is refused. A failed request fails all the inputs in
its chunk (unsafe fix). In scheduled code LLM001's batch rewrite of the same call comes first.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Tuple

import libcst as cst

from llm_latency_lint.fixes.base import EMBED_LIST, Helper, Refuse, SiteContext
from llm_latency_lint.fixes.batch import BatchFixer, Client, Endpoint, catalog_endpoint

# Inputs per embeddings request, with where the number comes from.
INPUTS_PER_REQUEST: Dict[str, Tuple[int, str]] = {
    "openai": (2048, "OpenAI API reference, create embeddings: an input array must be 2048 items or fewer"),
}

_TYPING = tuple(("typing", n) for n in ("Any", "Dict", "Iterator", "List", "Mapping", "Sequence", "Tuple"))

_TEMPLATE = '''
{def_} {name}(
    client: openai.{client},
    bodies: Sequence[Mapping[str, Any]],
    chunk_size: int = {limit},
) -> Iterator[openai.types.CreateEmbeddingResponse]:
    """Embed every body's ``input`` through list-input requests of up to ``chunk_size`` inputs;
    yield one response per body, in order ({source}).

    A body's embeddings are re-indexed from 0 in its response; ``usage`` is the whole request's.
    """
    groups: Dict[str, Tuple[Dict[str, Any], List[Tuple[int, Any]]]] = {{}}
    counts: List[int] = []
    for index, body in enumerate(bodies):
        params = {{k: v for k, v in body.items() if k != "input"}}
        value = body["input"]
        inputs = [value] if isinstance(value, str) or (value and isinstance(value[0], int)) else list(value)
        counts.append(len(inputs))
        group = groups.setdefault(json.dumps(params, sort_keys=True, default=repr), (params, []))
        group[1].extend((index, one) for one in inputs)
    found: Dict[int, List[openai.types.Embedding]] = {{index: [] for index in range(len(bodies))}}
    meta: Dict[int, openai.types.CreateEmbeddingResponse] = {{}}
    for params, items in groups.values():
        for start in range(0, len(items), chunk_size):
            part = items[start:start + chunk_size]
            response = {aw}client.embeddings.create(**params, input=[one for _, one in part])  # noqa: LLM003
            for (index, _), item in zip(part, sorted(response.data, key=lambda e: e.index)):
                found[index].append(item)
                meta[index] = response

    def result(index: int) -> openai.types.CreateEmbeddingResponse:
        if not counts[index]:
            raise ValueError(f"request {{index}}: an empty input list has no embedding")
        data = [item.model_copy(update={{"index": n}}) for n, item in enumerate(found[index])]
        return meta[index].model_copy(update={{"data": data}})

    return map(result, range(len(bodies)))  # a failed item raises at its result; the next one still comes
'''


def helper(is_async: bool) -> Helper:
    limit, source = INPUTS_PER_REQUEST["openai"]
    name = "_openai_embed_each" + ("_async" if is_async else "")
    code = _TEMPLATE.format(
        def_="async def" if is_async else "def",
        name=name,
        client="AsyncOpenAI" if is_async else "OpenAI",
        aw="await " if is_async else "",
        limit=limit,
        source=source.split(":")[0],
    )
    return Helper(name=name, source=code, imports=(("json", None), ("openai", None), *_TYPING))


def per_call_usage(ctx: SiteContext, body: cst.Call) -> cst.Call:
    loop = next((node for node in ctx.ancestors(ctx.call) if isinstance(node, cst.For)), None)
    if loop is not None and ".usage" in ctx.code(loop.body):
        raise Refuse("the loop reads each response's `.usage`; a list-input request reports usage for all its inputs")
    return body


@dataclass
class EmbedListFixer(BatchFixer):
    strategy: str = field(default=EMBED_LIST, init=False)


_SYNC = Client(helper(False), adjust=per_call_usage)
_ASYNC = Client(helper(True), is_async=True, adjust=per_call_usage)

EMBED = EmbedListFixer(
    provider="openai",
    label="OpenAI",
    endpoints={"embeddings.create": Endpoint(catalog_endpoint("openai", "embeddings.create"), "", "openai.types")},
    clients={
        "openai.OpenAI": _SYNC, "openai.Client": _SYNC, "openai.AzureOpenAI": _SYNC,
        "openai.AsyncOpenAI": _ASYNC, "openai.AsyncClient": _ASYNC, "openai.AsyncAzureOpenAI": _ASYNC,
    },
    call_template="{helper}({client}, {bodies})",
    single_call=False,
    loop_note="The inputs go out as list-input {label} embedding requests; the loop below runs on the results, in order.",
    loop_description="send the inputs as list-input {label} embedding requests, then run the loop body on the results",
)

FIXERS = [EMBED]
