"""Per-batch limits shared by every provider's batch helper: one splitting rule, emitted once.

Each provider helper measures its requests as it sends them (bytes, and for OpenAI embeddings
the number of inputs) and asks ``_batch_spans`` for consecutive index ranges, one per batch, that
keep every batch within that provider's limits. The limits themselves are named constants in the
emitted module (``_OPENAI_BATCH_MAX_REQUESTS`` ...), emitted next to the helper that reads them,
so they can be read, and changed, where the code runs.
"""
from __future__ import annotations

from typing import Iterable, Tuple

from llm_latency_lint.fixes.base import Helper

SPANS = Helper(
    name="_batch_spans",
    source='''
def _batch_spans(
    sizes: Sequence[int], max_requests: int, max_bytes: int, inputs: Sequence[int] = (), max_inputs: int = 0
) -> List[range]:
    """Consecutive index ranges, one per batch, each within the provider's per-batch limits.

    ``sizes`` are the requests' sizes in bytes as sent; ``inputs`` with ``max_inputs`` count a
    second limit (embedding inputs). A request over a limit on its own gets a batch of its own.
    """
    spans: List[range] = []
    start = used = counted = 0
    for index, size in enumerate(sizes):
        count = inputs[index] if inputs else 0
        full = (
            index - start >= max_requests
            or used + size > max_bytes
            or (max_inputs > 0 and counted + count > max_inputs)
        )
        if index > start and full:
            spans.append(range(start, index))
            start, used, counted = index, 0, 0
        used += size
        counted += count
    if start < len(sizes):
        spans.append(range(start, len(sizes)))
    return spans
''',
    imports=(("typing", "List"), ("typing", "Sequence")),
)


def constants(prefix: str, values: Iterable[Tuple[str, str, str]]) -> Helper:
    """``_<PREFIX>_BATCH_<NAME> = <value>  # <source>`` lines, emitted once per module."""
    rows = list(values)
    lines = [f"_{prefix}_BATCH_{name} = {value}  # {source}" for name, value, source in rows]
    return Helper(name=f"_{prefix}_BATCH_{rows[0][0]}", source="\n".join(lines))
