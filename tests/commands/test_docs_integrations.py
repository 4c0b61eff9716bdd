"""docs/integrations.md (and README's workflow example): every snippet is checked for real.

YAML is recognised by its shape (pre-commit config, GitHub workflow, efm-langserver config) and
checked against .pre-commit-hooks.yaml, action.yml and the CLI's parser; `bash` blocks run line by
line in a sample project; the flake8 INI, VS Code JSON and efm command run the real flake8.
"""
from __future__ import annotations

import configparser
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support.paths import REPO
from support.sample_project import cli, make
from support.snippets import snippets

from llm_latency_lint.cli import build_parser
from llm_latency_lint.config import parse, tomllib

DOC = REPO / "docs" / "integrations.md"
HOOKS = {h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
ACTION = yaml.safe_load((REPO / "action.yml").read_text())
BIN = str(Path(sys.executable).parent)
ENV = {**os.environ, "PATH": BIN + os.pathsep + os.environ.get("PATH", "")}


def _sh(cmd: str, cwd: Path, stdin: str = None) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", cmd], cwd=cwd, env=ENV, input=stdin, capture_output=True, text=True, timeout=120)


def check_cli_command(command: str) -> None:
    """A ``llm-latency-lint ...`` command line (up to a pipe or redirect) parses with the real parser."""
    words = shlex.split(command.split("|")[0].split(">")[0])
    assert words[0] == "llm-latency-lint", command
    build_parser().parse_args(words[1:])


def run_cli_line(line: str, cwd: Path) -> subprocess.CompletedProcess:
    """``llm-latency-lint ARGS [> FILE]`` in this process (the CLI's own tests cover the subprocess)."""
    check_cli_command(line)
    command, _, target = line.partition(">")
    proc = cli(*shlex.split(command)[1:], cwd=cwd)
    if target.strip():
        (cwd / target.strip()).write_text(proc.stdout)
    return proc


def check_workflow(doc: dict) -> None:
    assert "on" in doc or True in doc, "a workflow has triggers"  # YAML 1.1 reads `on` as True
    for job in doc["jobs"].values():
        steps = job["steps"]
        ids = {s.get("id") for s in steps}
        for i, step in enumerate(steps):
            uses = step.get("uses", "")
            if uses.startswith("llm-latency-lint/llm-latency-lint@"):
                given = step.get("with", {})
                assert set(given) <= set(ACTION["inputs"]), given
                assert given.get("format", "annotations") in ("annotations", "sarif")
                assert given.get("fail-on", "warning") in ("note", "warning", "error", "never")
                if given.get("format") == "sarif":
                    (upload,) = [s for s in steps[i + 1:] if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
                    assert upload["if"] == "always()"
                    assert upload["with"]["sarif_file"] == "${{ steps.%s.outputs.sarif-file }}" % step["id"]
                    assert set(ACTION["outputs"]) >= {"sarif-file"} and step["id"] in ids
                    assert doc["permissions"]["security-events"] == "write"
            for line in step.get("run", "").splitlines():
                if "llm-latency-lint check" in line:
                    check_cli_command(line[line.index("llm-latency-lint check"):])


def check_precommit_config(doc: dict) -> None:
    (repo,) = doc["repos"]
    assert repo["repo"].endswith("/llm-latency-lint") and repo["rev"]
    assert {h["id"] for h in repo["hooks"]} <= HOOKS


def check_efm(doc: dict, project: Path) -> None:
    (linter,) = doc["languages"]["python"]
    assert linter["lint-stdin"] is True
    command = linter["lint-command"].replace("${INPUT}", shlex.quote(str(project / "llm.py")))
    proc = _sh(command + " --max-line-length 200", project, stdin=(project / "llm.py").read_text())
    (line,) = proc.stdout.splitlines()
    pattern = re.escape(linter["lint-formats"][0]).replace("%f", "(.+)").replace("%l", r"(\d+)").replace("%c", r"(\d+)").replace("%m", "(.*)")
    m = re.fullmatch(pattern, line)
    assert m and m.group(4).startswith("LLM001 "), line


@pytest.fixture
def project(tmp_path):
    return make(tmp_path)


def test_every_yaml_snippet_is_recognised_and_valid(project):
    kinds = []
    for lang, text in snippets(DOC, "yaml") + snippets(REPO / "README.md", "yaml"):
        doc = yaml.safe_load(text)
        if "jobs" in doc:
            check_workflow(doc)
            kinds.append("workflow")
        elif "repos" in doc:
            check_precommit_config(doc)
            kinds.append("pre-commit")
        elif "languages" in doc:
            check_efm(doc, project)
            kinds.append("efm")
        else:
            pytest.fail(f"unrecognised YAML snippet:\n{text}")
    assert sorted(set(kinds)) == ["efm", "pre-commit", "workflow"] and kinds.count("workflow") >= 4


def test_bash_snippets_run_against_a_project(project):
    ran = 0
    for _, text in snippets(DOC, "bash"):
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("llm-latency-lint"):
                proc = run_cli_line(line, project)
            else:
                proc = _sh(line + (" --max-line-length 200" if line.startswith("flake8") else ""), project)
            assert proc.returncode in (0, 1), (line, proc.stdout, proc.stderr)
            assert "Traceback" not in proc.stderr and "usage:" not in proc.stderr, (line, proc.stderr)
            ran += 1
    assert ran >= 10
    assert json.loads((project / "llm-latency-lint.sarif").read_text())["version"] == "2.1.0"
    assert json.loads((project / "findings.jsonl").read_text().splitlines()[0])["code"] == "LLM001"


def test_toml_ini_and_vscode_snippets(project):
    ((_, toml),) = [s for s in snippets(DOC, "toml") if "[tool.llm-latency-lint]" in s[1]]
    parse(tomllib.loads(toml)["tool"]["llm-latency-lint"], "docs/integrations.md")
    ((_, ini),) = snippets(DOC, "ini")
    configparser.ConfigParser().read_string(ini)
    (project / ".flake8").write_text(ini)
    proc = _sh("flake8 --max-line-length 200 llm.py", project)
    assert proc.stdout.startswith("llm.py:7:12: LLM001 "), proc.stdout + proc.stderr
    (settings,) = [json.loads(text) for _, text in snippets(DOC, "json")]
    assert settings["flake8.importStrategy"] == "fromEnvironment"
    (project / ".flake8").unlink()
    proc = _sh("flake8 " + " ".join(shlex.quote(a) for a in settings["flake8.args"]) + " --max-line-length 200 llm.py", project)
    assert proc.stdout.startswith("llm.py:7:12: LLM001 "), proc.stdout + proc.stderr


SERVER_SETTINGS = {"unsafeFixes", "fixStrategy", "debounce"}  # commands/server/app.py: Settings


def check_server_command(words) -> None:
    """An editor's command for the language server is the real ``server`` subcommand."""
    assert words[0] == "llm-latency-lint" and words[1] == "server", words
    assert build_parser().parse_args(list(words[1:])).command == "server"


def test_language_server_setups_start_the_server_with_known_settings():
    jsonc = [json.loads(text) for _, text in snippets(DOC, "jsonc")]
    (vscode,) = [s for s in jsonc if "glspc.server.command" in s]
    check_server_command([vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]])
    assert vscode["glspc.server.languageId"] == ["python"]
    assert set(vscode["glspc.server.initializationOptions"]) <= SERVER_SETTINGS
    assert "source.fixAll.llm-latency-lint" in vscode["editor.codeActionsOnSave"]
    (zed,) = [s["lsp"]["llm-latency-lint"] for s in jsonc if "lsp" in s]
    check_server_command([zed["binary"]["path"], *zed["binary"]["arguments"]])
    assert set(zed["initialization_options"]) <= SERVER_SETTINGS

    (helix,) = [tomllib.loads(t) for _, t in snippets(DOC, "toml") if "[language-server." in t]
    server = helix["language-server"]["llm-latency-lint"]
    check_server_command([server["command"], *server["args"]])
    assert set(server["config"]) <= SERVER_SETTINGS
    assert "llm-latency-lint" in helix["language"][0]["language-servers"]

    (lua,) = [t for _, t in snippets(DOC, "lua")]
    cmd = re.search(r"cmd = \{ (.*?) \}", lua).group(1)
    check_server_command([w.strip().strip('"') for w in cmd.split(",")])
    options = re.search(r"init_options = \{ (.*?) \}", lua).group(1)
    assert {kv.split("=")[0].strip() for kv in options.split(",")} <= SERVER_SETTINGS
    assert re.search(r'vim\.lsp\.config\("(\w+)".*vim\.lsp\.enable\("\1"\)', lua, re.DOTALL)
