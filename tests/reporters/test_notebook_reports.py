"""Findings in notebooks: ``cell N:line:col`` in text, the region in the .ipynb for machines."""
from __future__ import annotations

import json
import shutil

import jsonschema
import pytest
from support.notebooks import NOTEBOOK_PROJECT, write_notebook
from support.paths import SCHEMAS

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.reporters import CHECK_FORMATS


@pytest.fixture
def result(tmp_path, monkeypatch):
    root = tmp_path / "p"
    shutil.copytree(NOTEBOOK_PROJECT, root)
    monkeypatch.chdir(root)
    return run([root], Config(), root=root)


def _file_line(root, path, needle):
    """1-based line and column of ``needle`` in the notebook file's JSON text."""
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if needle in line)
    return number, lines[number - 1].index(needle) + 1, lines[number - 1]


def test_text_names_the_cell_and_the_line_in_it(result):
    text = CHECK_FORMATS["text"](result)
    assert "notebooks/enrich_openai.ipynb:cell 4:5:13: LLM001 openai chat.completions.create" in text
    assert "notebooks/summarise_anthropic.ipynb:cell 3:2:15: LLM001 anthropic messages.create" in text
    assert "notebooks/report.ipynb:cell 1:5:10: LLM001 openai responses.create" in text
    assert "    databricks.yml:9: Databricks job 'nightly-enrich' schedule quartz_cron_expression '0 30 2 * * ?'" in text
    assert "(daily 02:30)" in text and "(weekdays 06:00)" in text and "(weekly Mon 07:00)" in text
    assert "    notebooks/summarise_anthropic.ipynb:cell 4:2: <module> calls summarise" in text


def test_sarif_region_is_in_the_notebook_file(result):
    sarif = json.loads(CHECK_FORMATS["sarif"](result))
    jsonschema.Draft4Validator(json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())).validate(sarif)
    by_uri = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in sarif["runs"][0]["results"]}
    region = by_uri["notebooks/enrich_openai.ipynb"]["locations"][0]["physicalLocation"]["region"]
    line, col, _ = _file_line(result.root, "notebooks/enrich_openai.ipynb", "client.chat.completions.create(")
    assert (region["startLine"], region["startColumn"]) == (line, col)
    assert region["endLine"] > line  # the call spans three more source lines, one JSON string each


def test_github_annotation_and_rdjson_point_into_the_json(result):
    annotations = [l for l in CHECK_FORMATS["github"](result).splitlines() if "report.ipynb" in l and l.startswith("::warning")]
    line, col, _ = _file_line(result.root, "notebooks/report.ipynb", "client.responses.create(model=\\\"gpt-4o-mini\\\", input=\\\"weekly")
    assert f"line={line},col={col}," in annotations[0]
    doc = json.loads(CHECK_FORMATS["rdjson"](result))
    start = next(d for d in doc["diagnostics"] if d["location"]["path"] == "notebooks/report.ipynb")["location"]["range"]["start"]
    assert start == {"line": line, "column": col}


def test_columns_count_json_escapes_and_utf8_bytes(tmp_path, monkeypatch):
    write_notebook(tmp_path / "nb.ipynb", [("code", "from openai import OpenAI\nc = OpenAI()\n"),
                                          ("code", "x = \"é\\t\"; r = c.chat.completions.create(model='m', messages=[])\n")])
    (tmp_path / "crontab").write_text("0 1 * * * papermill nb.ipynb out.ipynb\n")
    monkeypatch.chdir(tmp_path)
    result = run([tmp_path], Config(), root=tmp_path)
    (finding,) = result.findings
    assert CHECK_FORMATS["text"](result).startswith("nb.ipynb:cell 2:1:16: LLM001")
    line, col, raw = _file_line(tmp_path, "nb.ipynb", "c.chat.completions")
    sarif = json.loads(CHECK_FORMATS["sarif"](result))
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (line, col)
    rd = json.loads(CHECK_FORMATS["rdjson"](result))["diagnostics"][0]["location"]["range"]["start"]
    assert rd == {"line": line, "column": len(raw[: col - 1].encode("utf-8")) + 1}


def test_json_and_json_lines_give_the_cell_and_lines_inside_it(result):
    from llm_latency_lint.reporters.schema import CheckOut, FindingOut

    doc = CheckOut.model_validate_json(CHECK_FORMATS["json"](result))
    got = {(f.path, f.cell, f.line, f.column, f.end_line) for f in doc.findings}
    assert ("notebooks/enrich_openai.ipynb", 4, 5, 13, 8) in got
    assert ("notebooks/report.ipynb", 1, 5, 10, 5) in got
    lines = [FindingOut.model_validate_json(l) for l in CHECK_FORMATS["json-lines"](result).splitlines()]
    assert {(f.path, f.cell, f.line) for f in lines} == {(p, c, l) for p, c, l, _, _ in got}
