"""Airflow's LLM task decorators: the decorator is the call site (issue 15, round-15 misses).

``@task.llm(llm_conn_id=...)`` turns a function into a task whose run sends the prompt the
function returns to the model behind the connection; there is no call expression of the project's
own. As with the prompt decorators of ``orchestration`` (Mirascope, magentic), the decorator call is
the site, visited in the scope of the function it decorates, so what calls that function (a DAG
body, whose schedule or manual trigger is the task's) decides the latency class. The decorators are
matched by qualified name only (``Operation.decorator``): ``agent`` and ``llm`` are common names of
model objects called directly (``self.agent(text)``), which must stay ``__call__``.

Two packages register these decorators into Airflow's ``task`` collection (their provider info,
``task-decorators``; names checked in the wheels):

- ``apache-airflow-providers-common-ai`` 1.0 (``airflow.providers.common.ai.decorators``): ``llm``,
  ``llm_branch``, ``agent`` (a pydantic-ai agent run: a loop of model calls and tool calls),
  ``llm_sql``, ``llm_file_analysis``, ``llm_schema_compare`` (each asks the model once or more), and
  ``llm_batch``, which submits the returned prompts to the provider's batch API;
- ``airflow-ai-sdk`` 0.1 (Astronomer, deprecated in favour of the provider): ``llm``, ``llm_branch``,
  ``agent``; its ``embed`` runs a SentenceTransformer model in the worker: no request, no site.

``task`` is imported from ``airflow.decorators`` (Airflow 2 and 3) or ``airflow.sdk`` (Airflow 3).
The model is a connection's, named nowhere in the code: no batch saving is claimed.
"""
from llm_latency_lint.catalog.providers.agents import LOOP
from llm_latency_lint.catalog.providers.spec import BATCH, SYNC, Operation, Provider

_TASK = ("airflow.decorators.task", "airflow.sdk.task")
_ONE_TASK = "the decorated task sends its returned prompt to the connection's model when it runs"
_DECORATORS = {
    "llm": Operation(SYNC, batchable=False, note=_ONE_TASK, decorator=True),
    "llm_branch": Operation(SYNC, batchable=False, note=_ONE_TASK, decorator=True),
    "llm_sql": Operation(SYNC, batchable=False, note=_ONE_TASK, decorator=True),
    "llm_file_analysis": Operation(SYNC, batchable=False, note=_ONE_TASK, decorator=True),
    "llm_schema_compare": Operation(SYNC, batchable=False, note=_ONE_TASK, decorator=True),
    "agent": Operation(SYNC, batchable=False, note=LOOP, decorator=True),
    "llm_batch": Operation(BATCH, note="submits the returned prompts to the connection's batch API", decorator=True),
}

PROVIDERS = [
    Provider(
        id="airflow-common-ai",
        label="Airflow LLM task decorators",
        batch_api="none",
        batch_supported=False,
        no_batch_reason="Airflow LLM task decorators: the model is a connection's; move scheduled "
                        "prompts to @task.llm_batch",
        module_functions={f"{task}.{name}": op for task in _TASK for name, op in _DECORATORS.items()},
        import_roots=("airflow",),
        anchors=(r"@\s*\w+\.(?:llm|llm_branch|llm_sql|llm_file_analysis|llm_schema_compare|agent|llm_batch)\s*\(",),
    ),
]
