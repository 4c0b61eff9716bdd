"""What the prefilter's ``select`` reads off a file's text, each answer remembered.

``select`` depends on every file's summary and on a few views of some files' texts (the bases
of their classes, the modules they name outside imports, two runner markers; their exports go
through ``exports``' memo). ``Reads`` answers those questions and keeps the answers: they are the
selection's dependencies, stored with it (``StoredSelection``, by ``collect``), so a later run
whose summaries are equal reuses the selection when every answer it depended on is still the
same for the files that changed, and selects again otherwise. ``select`` is deterministic, so
equal answers mean an equal selection, whatever changed elsewhere in those texts (a comment, a
function body).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import (
    AbstractSet,
    Callable,
    Dict,
    FrozenSet,
    List,
    Optional,
    Set,
    Tuple,
    Union,
)

from llm_latency_lint.catalog.workflow_methods import WORKFLOW_STARTS

Answer = Union[bool, List[str]]  # stored and compared: sorted names or a flag

_CLASS_BASES = re.compile(r"^[ \t]*class[ \t]+\w+[ \t]*\(([^)]*)\)", re.MULTILINE)
_WORD = re.compile(r"[^\W\d]\w*")


def base_names(text: str) -> Set[str]:
    """Every word in the bases of the classes ``text`` defines: a class some relevant file
    subclasses may dispatch to an LLM call, so its importers are kept."""
    return {word for bases in _CLASS_BASES.findall(text) for word in _WORD.findall(bases)}


def loads_modules(text: str) -> bool:
    """Loads project files as modules at run time (a plugin folder run by a ``__main__`` script:
    ``importlib.util.module_from_spec``), so it may run any relevant module's functions."""
    return "module_from_spec" in text


def runs_other_dags(text: str) -> bool:
    """An Airflow DAG that starts other DAGs (``TriggerDagRunOperator``, a task's dataset
    ``outlets``): they name DAG ids and dataset URIs, not modules, so its schedule may run any
    relevant DAG."""
    return "TriggerDagRunOperator" in text or "outlets" in text


def invokes_functions(text: str) -> bool:
    """A cloud function invoking another by name (``lambda_client.invoke(FunctionName=...)``) or
    starting a state machine (``start_execution(stateMachineArn=...)``): the name is the IaC's, not
    a module's, so it may run any relevant handler."""
    return "FunctionName" in text or "stateMachineArn" in text


def deploys_lambda_images(text: str) -> bool:
    """A CDK stack deploying a Lambda image (``DockerImageFunction``): its handler is the image's
    ``CMD`` (``catalog/lambda_images.py``), which names no module in this text; so does a Batch job
    or ECS task a rule starts, whose container runs a command (``catalog/triggers/aws_cdk.py``)."""
    return "DockerImageFunction" in text or "aws_cdk" in text and any(
        word in text for word in ("BatchJob", "EcsTask", "ScheduledFargateTask", "ScheduledEc2Task"))


def deploys_with_pulumi(text: str) -> bool:
    """A Pulumi program (``import pulumi_aws``): the functions and containers it schedules are named by
    folders, archives and images (``catalog/triggers/pulumi.py``), not by modules."""
    return "pulumi_aws" in text or "pulumi_gcp" in text


# A job queued by its function's bare name (arq ``await pool.enqueue_job("summarise_doc", id)``, or
# a helper's ``enqueue_job(name)``; a Temporal workflow or activity started by its registered name,
# ``client.execute_workflow("DailyBrief", ...)``: ``catalog/workflow_methods.py``): no module path, so
# the file may start any relevant worker function.
_QUEUED_BY_NAME = re.compile(r"\.(?:enqueue_job|%s)\(" % "|".join(sorted(WORKFLOW_STARTS)))


def queues_by_name(text: str) -> bool:
    return _QUEUED_BY_NAME.search(text) is not None


def sends_to_queues(text: str) -> bool:
    """Sends to an Azure Storage or Service Bus queue (``queue_client.send_message(m)``): the queue's
    consumer is named by a binding's queue name, not a module (``catalog/triggers/queue_sends.py``);
    a Kafka producer's topic likewise names its consumer (``catalog/triggers/kafka_topics.py``)."""
    return ("send_message" in text and ("azure.storage.queue" in text or "azure.servicebus" in text)
            or "azure.functions" in text and ("Out[" in text or "_output(" in text)  # an output binding
            or ".publish(" in text and "pubsub" in text
            or "Producer" in text and "kafka" in text and (".send(" in text or ".produce(" in text
                                                            or ".send_and_wait(" in text))


def sends_to_sqs(text: str) -> bool:
    """Sends to an SQS queue (``sqs.send_message(QueueUrl=url, ...)``, a resource's
    ``Queue(url).send_message(...)``): its consumer is a template's function reading the queue, so
    such a file is worth parsing only in a scan whose templates hold an SQS consumer
    (``prefilter.select``'s ``sqs_consumed``): 1,500 sender files of a project without one cost 14 s."""
    return "send_message" in text and ("QueueUrl" in text or "sqs" in text)


def runs_entries_by_name(text: str) -> bool:
    """Starts entry points named outside Python's modules (DAG ids, datasets, cloud functions,
    jobs by function name, queues' consumers)."""
    return (runs_other_dags(text) or invokes_functions(text) or queues_by_name(text) or deploys_lambda_images(text)
            or deploys_with_pulumi(text) or sends_to_queues(text))


NameView = Callable[[str], AbstractSet[str]]
FlagView = Callable[[str], bool]


@dataclass(frozen=True)
class TextViews:
    """The views ``select`` may ask of a text, by name: sets of names and flags."""

    names: Dict[str, NameView]
    flags: Dict[str, FlagView]

    def answer(self, view: str, text: str) -> Answer:
        """``view``'s answer for ``text`` in stored form; KeyError for a view not defined here
        (a stored answer of another version: the caller selects again)."""
        if view in self.flags:
            return bool(self.flags[view](text))
        return sorted(self.names[view](text))


class Reads:
    """Answers of the ``views`` per file, each computed once; ``answers`` holds them in stored
    form (sorted names or a flag) for storing and comparing. ``known``: answers stored for files
    whose text is unchanged (same digest), taken instead of reading and scanning the text again
    (saleor's re-selection read and scanned 2,177 texts)."""

    def __init__(self, text_of: Callable[[str], str], views: TextViews,
                 known: Optional[Dict[str, Dict[str, Answer]]] = None) -> None:
        self.text_of = text_of
        self.views = views
        self.known = known or {}
        self.answers: Dict[str, Dict[str, Answer]] = {}
        self._names: Dict[Tuple[str, str], FrozenSet[str]] = {}
        self._flags: Dict[Tuple[str, str], bool] = {}

    def names(self, key: str, view: str) -> FrozenSet[str]:
        """The names view ``view`` finds in the text of ``key``."""
        found = self._names.get((key, view))
        if found is None:
            stored = self.known.get(key, {}).get(view)
            if isinstance(stored, list):
                found = self._names[key, view] = frozenset(stored)
            else:
                found = self._names[key, view] = frozenset(self.views.names[view](self.text_of(key)))
            self.answers.setdefault(key, {})[view] = sorted(found)
        return found

    def flag(self, key: str, view: str) -> bool:
        """Whether the flag view ``view`` holds for the text of ``key``."""
        found = self._flags.get((key, view))
        if found is None:
            stored = self.known.get(key, {}).get(view)
            if isinstance(stored, bool):
                found = self._flags[key, view] = stored
            else:
                found = self._flags[key, view] = bool(self.views.flags[view](self.text_of(key)))
            self.answers.setdefault(key, {})[view] = found
        return found



@dataclass(frozen=True)
class Dependency:
    """What the selection read off one file: its content hash then, the views' answers, and a
    fingerprint of its exports ("" if not asked)."""

    digest: str
    answers: Dict[str, Answer]
    exports: str


@dataclass(frozen=True)
class StoredSelection:
    """The files the prefilter kept and what that choice read, per file: kept in the cache's
    index (``cache.Store.selection``) and checked by ``collect._selection``."""

    keep: List[str]
    deps: Dict[str, Dependency]

    def encode(self) -> List[object]:
        return [list(self.keep), {rel: [d.digest, dict(d.answers), d.exports] for rel, d in self.deps.items()}]

    @classmethod
    def decode(cls, value: object) -> Optional["StoredSelection"]:
        """The selection ``encode`` wrote; None for anything else (it is then made again)."""
        if not (isinstance(value, (list, tuple)) and len(value) == 2):
            return None
        keep, rows = value
        if not (isinstance(keep, list) and all(isinstance(k, str) for k in keep) and isinstance(rows, dict)):
            return None
        deps: Dict[str, Dependency] = {}
        for rel, row in rows.items():
            if not (isinstance(rel, str) and isinstance(row, (list, tuple)) and len(row) == 3):
                return None
            digest, answers, exports = row
            if not (isinstance(digest, str) and isinstance(exports, str) and isinstance(answers, dict)
                    and all(isinstance(view, str) and _is_answer(answer) for view, answer in answers.items())):
                return None
            deps[rel] = Dependency(digest, dict(answers), exports)
        return cls(list(keep), deps)


def _is_answer(value: object) -> bool:
    return isinstance(value, bool) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


__all__ = ["Answer", "Dependency", "FlagView", "NameView", "Reads", "StoredSelection", "TextViews", "base_names", "loads_modules", "runs_other_dags"]
