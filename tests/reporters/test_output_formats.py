"""check's machine formats: schema-validated SARIF, parsed rdjson, GitHub workflow commands, JSON lines."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from support.paths import SCHEMAS
from support.sample_project import CALL_LINE, STREAM_FILES, cli, cli_process, make

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.files.edits import Edit, Fix
from llm_latency_lint.reporters import CHECK_FORMATS, STATISTICS
from llm_latency_lint.reporters.schema import ErrorOut, FindingOut
from llm_latency_lint.rules import ALL_RULES


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def closed(node):
    """The schema with every object closed: reviewdog's protojson reader rejects unknown fields."""
    if isinstance(node, dict):
        out = {k: closed(v) for k, v in node.items()}
        if out.get("type") == "object" and "properties" in out:
            out["additionalProperties"] = False
        elif "$ref" in out:
            out.pop("additionalProperties", None)
        return out
    if isinstance(node, list):
        return [closed(v) for v in node]
    return node


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = make(tmp_path)
    (root / "broken.py").write_text("import openai\ndef f(:\n")
    monkeypatch.chdir(root)
    return root


def checked(root: Path, fix: bool = False):
    result = run([root], Config(), root=root)
    if fix:
        finding = next(f for f in result.findings if f.code == "LLM001")
        finding.fix = Fix("Submit through the Batch API", "unsafe",
                          [Edit("llm.py", CALL_LINE, 12, CALL_LINE, 42, "_batch(client)")])
    return result


def test_sarif_is_valid_and_carries_rules_evidence_fingerprints_and_fixes(project):
    result = checked(project, fix=True)
    sarif = json.loads(CHECK_FORMATS["sarif"](result))
    jsonschema.Draft4Validator(schema("sarif-schema-2.1.0.json")).validate(sarif)
    run_ = sarif["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in ALL_RULES]
    llm001 = rules[0]
    assert llm001["helpUri"].endswith("docs/rules/LLM001.md")
    assert llm001["defaultConfiguration"]["level"] == "warning" and llm001["name"] == "scheduled-sync-call"
    assert llm001["shortDescription"]["text"] and llm001["fullDescription"]["text"]
    assert llm001["help"]["markdown"].startswith("# LLM001 `scheduled-sync-call`") and "## Fix safety" in llm001["help"]["markdown"]
    (res,) = [r for r in run_["results"] if r["ruleId"] == "LLM001"]
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "llm.py" and loc["region"]["startLine"] == CALL_LINE
    assert [r["physicalLocation"]["artifactLocation"]["uri"] for r in res["relatedLocations"]] == ["celery_app.py", "tasks.py"]
    flow = res["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [step["location"]["physicalLocation"]["artifactLocation"]["uri"] for step in flow] == ["celery_app.py", "tasks.py", "llm.py"]
    (change,) = res["fixes"][0]["artifactChanges"]
    assert change["replacements"][0]["insertedContent"]["text"] == "_batch(client)"
    assert change["replacements"][0]["deletedRegion"] == {"startLine": CALL_LINE, "startColumn": 12, "endLine": CALL_LINE, "endColumn": 42}
    notes = run_["invocations"][0]["toolExecutionNotifications"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes] == ["broken.py"]


def test_sarif_fingerprints_survive_line_shifts_and_refused_fixes_are_not_offered(project):
    def fingerprints():
        run_ = json.loads(CHECK_FORMATS["sarif"](checked(project)))["runs"][0]
        return {(r["ruleId"], r["partialFingerprints"]["llmLatencyLint/v1"]): r["locations"][0]["physicalLocation"]["region"]["startLine"]
                for r in run_["results"]}

    before = fingerprints()
    (project / "llm.py").write_text("# a new header comment\n\n" + (project / "llm.py").read_text())
    after = fingerprints()
    assert set(before) == set(after) and before
    assert [after[k] - before[k] for k in before if k[0] == "LLM001"] == [2]
    result = checked(project)
    result.findings[0].fix = Fix("no rewrite", "unsafe", [], refusal="the result is read in the same request")
    assert "fixes" not in json.loads(CHECK_FORMATS["sarif"](result))["runs"][0]["results"][0]


def test_rdjson_is_valid_with_utf8_columns_and_fix_suggestions(project):
    text = (project / "llm.py").read_text().replace("def summarize(text):\n    return", "def summarize(text):\n    résumé = 1; return")
    (project / "llm.py").write_text(text)
    result = run([project], Config(), root=project)
    finding = next(f for f in result.findings if f.code == "LLM001")
    finding.fix = Fix("batch", "unsafe", [Edit("llm.py", CALL_LINE, finding.col, CALL_LINE, finding.col + 6, "batch_")])
    doc = json.loads(CHECK_FORMATS["rdjson"](result))
    jsonschema.Draft4Validator(closed(schema("reviewdog-DiagnosticResult.json"))).validate(doc)
    (diag,) = [d for d in doc["diagnostics"] if d.get("code", {}).get("value") == "LLM001"]
    assert diag["location"]["path"] == "llm.py" and diag["severity"] == "WARNING"
    start = finding.col + 2  # two "é" before the call, 2 bytes each in UTF-8
    assert diag["location"]["range"]["start"] == {"line": CALL_LINE, "column": start}
    (suggestion,) = diag["suggestions"]
    assert suggestion == {"range": {"start": {"line": CALL_LINE, "column": start}, "end": {"line": CALL_LINE, "column": start + 6}},
                          "text": "batch_"}
    line = text.splitlines()[CALL_LINE - 1].encode("utf-8")
    assert line[start - 1:start + 5] == b"client", "byte columns point at the same text"
    assert [r["location"]["path"] for r in diag["related_locations"]] == ["celery_app.py", "tasks.py"]
    assert any(d["location"]["path"] == "broken.py" and d["severity"] == "ERROR" for d in doc["diagnostics"])


def test_github_workflow_commands_escape_values_and_end_with_a_summary(project):
    result = checked(project)
    lines = CHECK_FORMATS["github"](result).splitlines()
    (warning,) = [l for l in lines if l.startswith("::warning ")]
    props, message = warning[len("::warning "):].split("::", 1)
    assert props == f"file=llm.py,line={CALL_LINE},col=12,endLine={CALL_LINE},endColumn=76,title=LLM001"
    assert message.startswith("openai chat.completions.create runs only from beat_schedule 'nightly-summary'")
    assert "%0A  celery_app.py:6: beat_schedule" in message and "\n" not in message
    assert any(l.startswith("::error file=broken.py,title=llm-latency-lint::syntax error") for l in lines)
    assert lines[-1] == "::notice title=llm-latency-lint::1 finding (LLM001: 1); 1 file could not be checked"
    finding = result.findings[0]
    finding.end_line = finding.line + 2
    assert f"::warning file=llm.py,line={CALL_LINE},endLine={CALL_LINE + 2},title=LLM001::" in CHECK_FORMATS["github"](result)
    finding.path = "odd,name:x.py"
    assert "file=odd%2Cname%3Ax.py," in CHECK_FORMATS["github"](result)


def test_json_lines_and_statistics(project):
    result = checked(project)
    lines = [json.loads(l) for l in CHECK_FORMATS["json-lines"](result).splitlines()]
    assert [FindingOut.model_validate(l).code for l in lines if "code" in l] == ["LLM001"]
    assert [ErrorOut.model_validate(l).path for l in lines if "code" not in l] == ["broken.py"]
    assert STATISTICS(result) == "1\tLLM001\tscheduled-sync-call\n1\terror\tfiles that could not be checked\n"


def test_cli_formats_statistics_and_fail_on(project):
    proc = cli_process("check", ".", "--format", "sarif", cwd=project)
    assert proc.returncode == 1
    jsonschema.Draft4Validator(schema("sarif-schema-2.1.0.json")).validate(json.loads(proc.stdout))
    assert cli("check", ".", "--statistics", cwd=project).stdout.startswith("1\tLLM001\tscheduled-sync-call\n")
    assert cli("check", ".", "--fail-on", "error", cwd=project).returncode == 0, "LLM001 is a warning"
    assert cli("check", ".", "--fail-on", "warning", cwd=project).returncode == 1
    assert cli("check", ".", "--fail-on", "never", cwd=project).returncode == 0


def test_real_fixes_from_the_fixers_reach_sarif_and_rdjson(tmp_path):
    root = make(tmp_path, STREAM_FILES)
    sarif = json.loads(cli("check", ".", "--format", "sarif", cwd=root).stdout)
    jsonschema.Draft4Validator(schema("sarif-schema-2.1.0.json")).validate(sarif)
    (stream,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "LLM004"]
    (fix,) = stream["fixes"]
    assert fix["description"]["text"].endswith("(safe fix)")
    texts = [rep["insertedContent"]["text"] for ch in fix["artifactChanges"] for rep in ch["replacements"]]
    assert any("full_response" in t for t in texts)
    rdjson = json.loads(cli("check", ".", "--format", "rdjson", cwd=root).stdout)
    jsonschema.Draft4Validator(closed(schema("reviewdog-DiagnosticResult.json"))).validate(rdjson)
    (diag,) = [d for d in rdjson["diagnostics"] if d["code"]["value"] == "LLM004"]
    assert any("full_response" in s["text"] for s in diag["suggestions"])
