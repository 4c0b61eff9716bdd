"""Evaluation frameworks: one call scores a dataset with LLM judges (issue 15, round-15 misses).

An evaluation run is like an agent framework run: the project makes one call, the framework makes
many model requests (one or more per sample and metric) to the judge model it is given, or to its
default (OpenAI). None has a batch API; the judges' provider may, one rewrite away.

- ragas 0.4 (docs.ragas.io, ``ragas/__init__.py``): ``evaluate(dataset, metrics=[...], llm=...,
  embeddings=...)`` and ``aevaluate``, from ``ragas`` or ``ragas.evaluation``.
- DeepEval 4 (deepeval.com/docs/evaluation-introduction, ``deepeval/evaluate/evaluate.py``):
  ``evaluate(test_cases, metrics)`` and ``assert_test(test_case, metrics)`` run each metric's
  ``measure``, which asks the judge model for LLM metrics (``GEval``, ``AnswerRelevancyMetric``...).
"""
from llm_latency_lint.catalog.providers.spec import SYNC, Operation, Provider

_JUDGED = "an evaluation run asks the judge model per sample and metric: no batch API"
_RAGAS = ("ragas", "ragas.evaluation")
_DEEPEVAL = ("deepeval", "deepeval.evaluate", "deepeval.evaluate.evaluate")


def _eval_provider(provider_id: str, label: str, functions: dict, roots: tuple) -> Provider:
    return Provider(id=provider_id, label=label, batch_api="none", batch_supported=False,
                    no_batch_reason=f"{label}: {_JUDGED}", module_functions=functions, import_roots=roots)


PROVIDERS = [
    _eval_provider("ragas", "Ragas", {f"{module}.{name}": Operation(SYNC, batchable=False, note=_JUDGED)
                                      for module in _RAGAS for name in ("evaluate", "aevaluate")}, ("ragas",)),
    _eval_provider("deepeval", "DeepEval", {f"{module}.{name}": Operation(SYNC, batchable=False, note=_JUDGED)
                                            for module in _DEEPEVAL for name in ("evaluate", "assert_test")},
                   ("deepeval",)),
]
