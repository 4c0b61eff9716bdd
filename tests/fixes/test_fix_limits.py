"""``_batch_spans``, the splitting rule every emitted batch helper shares, run as emitted."""
from __future__ import annotations

import textwrap
from typing import List, Sequence

import pytest

from llm_latency_lint.fixes.limits import SPANS

_NS: dict = {"List": List, "Sequence": Sequence}
exec(textwrap.dedent(SPANS.source), _NS)  # the emitted source, as a fixed module runs it
spans = _NS["_batch_spans"]


@pytest.mark.parametrize("sizes, max_requests, max_bytes, expected", [
    ([], 2, 100, []),  # nothing to send: no batch
    ([10] * 5, 2, 100, [(0, 2), (2, 4), (4, 5)]),  # by count
    ([40, 40, 40, 10], 10, 100, [(0, 2), (2, 4)]),  # by bytes: 80 fits, 120 does not
    ([40, 60, 1], 10, 100, [(0, 2), (2, 3)]),  # exactly at the limit still fits
    ([10, 500, 10], 10, 100, [(0, 1), (1, 2), (2, 3)]),  # one request over the limit goes alone
])
def test_spans_keep_each_batch_within_its_limits_in_order(sizes, max_requests, max_bytes, expected):
    assert [(r.start, r.stop) for r in spans(sizes, max_requests, max_bytes)] == expected


def test_a_second_count_limits_the_inputs_across_a_batch():
    # embeddings: 2 + 1 inputs fit in 3, the next 3 start a batch, then one token list
    result = spans([1, 1, 1, 1], 50_000, 10**9, [2, 1, 3, 1], 3)
    assert [(r.start, r.stop) for r in result] == [(0, 2), (2, 3), (3, 4)]
