"""Evaluation frameworks: one call scores a dataset with LLM judges (issue 15, round-15 misses).

An evaluation run is like an agent framework run: the project makes one call, the framework makes
many model requests (one or more per sample and metric) to the judge model it is given, or to its
default (OpenAI). None has a batch API; the judges' provider may, one rewrite away.

- ragas 0.4 (docs.ragas.io, ``ragas/__init__.py``): ``evaluate(dataset, metrics=[...], llm=...,
  embeddings=...)`` and ``aevaluate``, from ``ragas`` or ``ragas.evaluation``.
- DeepEval 4 (deepeval.com/docs/evaluation-introduction, ``deepeval/evaluate/evaluate.py``):
  ``evaluate(test_cases, metrics)`` and ``assert_test(test_case, metrics)`` run each metric's
  ``measure``, which asks the judge model for LLM metrics (``GEval``, ``AnswerRelevancyMetric``...).
  A metric measured on its own (``metric.measure(test_case)``, ``await metric.a_measure(case)``,
  deepeval.com/docs/metrics-introduction "Measuring a metric in isolation") asks the judge too:
  the LLM-judged metric classes are clients whose ``measure`` / ``a_measure`` are sites; the
  deterministic ones (``ExactMatchMetric``, ``PatternMatchMetric``) are not listed.
- ragas metric objects scored one sample at a time (docs.ragas.io "Metrics" → ``single_turn_ascore``,
  ``multi_turn_ascore``; 0.1's ``ascore``/``score``) ask the judge LLM the metric was given.
"""
from typing import Dict, Optional

from llm_latency_lint.catalog.providers.spec import SYNC, Operation, Provider

_JUDGED = "an evaluation run asks the judge model per sample and metric: no batch API"
_RAGAS = ("ragas", "ragas.evaluation")
_DEEPEVAL = ("deepeval", "deepeval.evaluate", "deepeval.evaluate.evaluate")


def _eval_provider(provider_id: str, label: str, functions: dict, roots: tuple, metrics: tuple = (),
                   measures: Optional[Dict[str, Operation]] = None) -> Provider:
    return Provider(id=provider_id, label=label, batch_api="none", batch_supported=False,
                    no_batch_reason=f"{label}: {_JUDGED}", module_functions=functions, import_roots=roots,
                    clients=metrics, operations=dict(measures or {}))


# DeepEval's metrics that ask the judge model (deepeval.com/docs/metrics-*; ``deepeval.metrics``).
_DEEPEVAL_METRICS = (
    "GEval", "DAGMetric", "AnswerRelevancyMetric", "FaithfulnessMetric", "ContextualPrecisionMetric",
    "ContextualRecallMetric", "ContextualRelevancyMetric", "HallucinationMetric", "BiasMetric", "ToxicityMetric",
    "SummarizationMetric", "TaskCompletionMetric", "PromptAlignmentMetric", "ArgumentCorrectnessMetric",
    "ConversationalGEval", "KnowledgeRetentionMetric", "ConversationCompletenessMetric", "RoleAdherenceMetric",
    "ConversationRelevancyMetric", "MultimodalGEval", "MisuseMetric", "NonAdviceMetric", "PIILeakageMetric",
    "RoleViolationMetric",
)
_MEASURE = {name: Operation(SYNC, batchable=False, note="a DeepEval metric asks its judge model per test case")
            for name in ("measure", "a_measure")}
# ragas metric classes (``ragas.metrics``) that ask an LLM when scoring a sample.
_RAGAS_METRICS = (
    "Faithfulness", "AnswerRelevancy", "ResponseRelevancy", "LLMContextPrecisionWithReference",
    "LLMContextPrecisionWithoutReference", "LLMContextRecall", "ContextPrecision", "ContextRecall",
    "ContextEntityRecall", "FactualCorrectness", "NoiseSensitivity", "AspectCritic", "SimpleCriteriaScore",
    "RubricsScore", "InstanceRubrics", "AnswerCorrectness", "TopicAdherenceScore", "AgentGoalAccuracyWithReference",
    "AgentGoalAccuracyWithoutReference",
)
_SCORE = {name: Operation(SYNC, batchable=False, note="a ragas metric asks its judge LLM per sample")
          for name in ("single_turn_ascore", "single_turn_score", "multi_turn_ascore", "multi_turn_score",
                       "ascore", "score")}

PROVIDERS = [
    _eval_provider("ragas", "Ragas", {f"{module}.{name}": Operation(SYNC, batchable=False, note=_JUDGED)
                                      for module in _RAGAS for name in ("evaluate", "aevaluate")}, ("ragas",),
                   tuple(f"ragas.metrics.{name}" for name in _RAGAS_METRICS), _SCORE),
    _eval_provider("deepeval", "DeepEval", {f"{module}.{name}": Operation(SYNC, batchable=False, note=_JUDGED)
                                            for module in _DEEPEVAL for name in ("evaluate", "assert_test")},
                   ("deepeval",), tuple(f"deepeval.metrics.{name}" for name in _DEEPEVAL_METRICS), _MEASURE),
]
