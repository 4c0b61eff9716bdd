"""Workflow engines' start calls: which wait for the run they start, which hand it off.

Temporal (docs.temporal.io, Python SDK "Workflow execution" and "Activity execution";
``temporalio.client.Client``, ``temporalio.workflow``): ``await client.execute_workflow(Wf.run,
...)`` starts a workflow *and awaits its result*, so its caller waits for every activity the
workflow runs (a CLI that prints the brief is a person waiting); ``client.start_workflow(...)``
returns a handle at once (a hand-off, near-real-time from a request, unless the caller awaits
``handle.result()``). Inside a workflow, ``workflow.execute_activity(fn_or_name, ...)`` and its
siblings run the activity and the workflow waits for it (``start_activity`` returns a handle the
workflow awaits; the run is one unit either way). The workflow or activity is named by a reference
(``Wf.run``, ``Activities.summarize``) or by its registered name (``"summarize_story"``: the
function's name or ``@activity.defn(name=...)``; a workflow class's name or
``@workflow.defn(name=...)``: ``triggers/task_workers.py`` records them as task names).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, Optional


@dataclass(frozen=True)
class WorkflowStart:
    """A call starting a workflow or activity: the library a file must import for the method name
    to mean this, the keyword (or first position) naming what it starts, whether the caller waits."""

    library: str
    keyword: str
    waits: bool


_WORKFLOW = "workflow"
_ACTIVITY = "activity"
WORKFLOW_STARTS: Dict[str, WorkflowStart] = {
    # temporalio.client.Client
    "execute_workflow": WorkflowStart("temporalio", _WORKFLOW, waits=True),
    "start_workflow": WorkflowStart("temporalio", _WORKFLOW, waits=False),
    # temporalio.workflow (inside a workflow's run)
    "execute_activity": WorkflowStart("temporalio", _ACTIVITY, waits=True),
    "start_activity": WorkflowStart("temporalio", _ACTIVITY, waits=True),
    "execute_activity_method": WorkflowStart("temporalio", _ACTIVITY, waits=True),
    "start_activity_method": WorkflowStart("temporalio", _ACTIVITY, waits=True),
    "execute_local_activity": WorkflowStart("temporalio", _ACTIVITY, waits=True),
    "start_local_activity": WorkflowStart("temporalio", _ACTIVITY, waits=True),
    "execute_local_activity_method": WorkflowStart("temporalio", _ACTIVITY, waits=True),
    "start_local_activity_method": WorkflowStart("temporalio", _ACTIVITY, waits=True),
    "execute_child_workflow": WorkflowStart("temporalio", _WORKFLOW, waits=True),
    "start_child_workflow": WorkflowStart("temporalio", _WORKFLOW, waits=True),
}
# Decorators registering an activity, a workflow class and its entry method (the run a start names).
ACTIVITY_DEFINITIONS = frozenset({"temporalio.activity.defn"})
WORKFLOW_DEFINITIONS = frozenset({"temporalio.workflow.defn"})
WORKFLOW_RUNS = frozenset({"temporalio.workflow.run"})


def workflow_start(method: str, imports_library: Callable[[str], bool]) -> Optional[WorkflowStart]:
    """The start ``method`` makes in a file for which ``imports_library(root)`` says whether it
    imports that library (another library's ``execute_workflow`` is a plain call)."""
    found = WORKFLOW_STARTS.get(method)
    return found if found is not None and imports_library(found.library) else None
