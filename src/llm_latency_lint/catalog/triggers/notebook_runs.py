"""Python that runs a notebook: ``papermill.execute_notebook("nb.ipynb", ...)`` and, inside
Databricks notebooks, ``dbutils.notebook.run("./other", 600)``; in any notebook, ``%run ./other``;
Dagster's ``define_dagstermill_asset(name=..., notebook_path=...)``, whose name a job selects.

The notebook's top-level cells are its module pseudo-function (``<stem>.<module>``; see
``files/notebook.py`` for how a notebook is named), so the call is an ordinary call edge and
whatever runs the caller runs the notebook. Only a literal path is followed; a notebook in a
package folder (with ``__init__.py``) or beside a module of the same name is not matched.
"""
from __future__ import annotations

import posixpath
import re
from typing import Optional

import libcst as cst

from llm_latency_lint.catalog.triggers.api import Context, Recognizer
from llm_latency_lint.model import CallRef
from llm_latency_lint.syntax.literals import arg

RUNNERS = {
    "papermill.execute_notebook": "input_path",
    "papermill.execute.execute_notebook": "input_path",
    "dbutils.notebook.run": "path",
    "__llm_latency_lint_run__": "path",  # ``%run ./other`` in a notebook (files/notebook.py masks it so)
}


def notebook_module(path: str) -> Optional[str]:
    """``notebooks/enrich users.ipynb`` -> ``enrich_users`` (a Databricks path has no suffix)."""
    stem = posixpath.basename(path.rstrip("/"))
    if stem.endswith(".ipynb"):
        stem = stem[: -len(".ipynb")]
    elif "." in stem or not stem or "{" in stem:
        return None  # another kind of file, or a templated path
    name = re.sub(r"\W", "_", stem)
    return f"_{name}" if name[0].isdigit() else name


DAGSTERMILL = ("dagstermill.define_dagstermill_asset", "dagstermill.define_dagstermill_op",
               "dagstermill.factory.define_dagstermill_op", "dagstermill.asset_factory.define_dagstermill_asset")


class NotebookRuns(Recognizer):
    id = "notebook-runs"
    words = ("execute_notebook", "dbutils.notebook", "__llm_latency_lint_run__", "dagstermill")

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        if callee in DAGSTERMILL:
            self._dagstermill(ctx, node)
            return
        if not callee and not any(ctx.mentions(runner) for runner in RUNNERS):
            return  # the code of the callee is a runner's name only where the file holds that name
        name = callee or ctx.code(node.func)
        keyword = RUNNERS.get(name or "")
        if keyword is None:
            return
        path = ctx.literal(arg(node, keyword, 0))
        module = notebook_module(path) if isinstance(path, str) else None
        if module is None:
            return
        ctx.add_call(CallRef(["name", f"{module}.<module>"], ctx.line(node), 0, kind="call",
                             note=f"{name}({path!r})"))

    def _dagstermill(self, ctx: "Context", node: cst.Call) -> None:
        """``define_dagstermill_asset(name="enrich", notebook_path=...)``: the asset (or op) name
        stands for the notebook's cells, so a Dagster job selecting it by name runs them."""
        asset = ctx.literal(arg(node, "name", 0))
        path_node = arg(node, "notebook_path", 1)
        if isinstance(path_node, cst.Call) and ctx.code(path_node.func).endswith("file_relative_path"):
            path_node = arg(path_node, "relative_path", 1)
        path = ctx.literal(path_node)
        module = notebook_module(path) if isinstance(path, str) else None
        if isinstance(asset, str) and module is not None:
            ctx.add_task_name(asset, f"{module}.<module>")


RECOGNIZERS = [NotebookRuns()]
