"""Notebooks for tests: nbformat 4 JSON built from (kind, source[, outputs]) cells."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, List, Sequence, Tuple

from support.paths import PROJECTS

NOTEBOOK_PROJECT = PROJECTS / "notebooks"  # Databricks bundle, Airflow DAG, workflow, notebooks
STREAM = [{"name": "stdout", "output_type": "stream", "text": ["done\n"]}]


def notebook_json(cells: Sequence[Tuple[Any, ...]], language: str = "python", indent: int = 1) -> str:
    out: List[dict] = []
    for number, (kind, source, *rest) in enumerate(cells, 1):
        cell = {"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True)}
        if kind == "code":
            cell["execution_count"] = number
            cell["outputs"] = rest[0] if rest else []
        out.append(cell)
    data = {"cells": out, "metadata": {"kernelspec": {"language": language, "name": "k"}, "language_info": {"name": language}},
            "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(data, indent=indent, ensure_ascii=False) + "\n"


def write_notebook(path: Path, cells: Sequence[Tuple[Any, ...]], **options: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(notebook_json(cells, **options), encoding="utf-8")
    return path
