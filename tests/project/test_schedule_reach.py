"""Schedules the tool used not to see, end to end: a script's docstring schedule beside a UI that
launches the same script, module-level scripts a workflow runs, ``workflow_run`` chains to console
scripts, documented shell wrappers, and name evidence on dead methods (issue 15)."""
from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Dict

import pytest

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run

BACKEND = textwrap.dedent("""\
    def summarize(client, text):
        return client.chat.completions.create(model="m", messages=[{"role": "user", "content": text}])
    """)
SYNC = textwrap.dedent("""\
    {head}
    import openai
    import backend

    if __name__ == "__main__":
        backend.summarize(openai.OpenAI(), "all records")
    """)
UI = textwrap.dedent("""\
    import subprocess
    import sys
    import streamlit as st

    if st.button("Re-sync now"):
        with st.spinner("Syncing..."):
            subprocess.run([sys.executable, "-u", "sync_reports.py"], capture_output=True)
    """)


def analyse(tmp_path: Path, files: Dict[str, str]):
    for name, text in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    result = run([tmp_path], Config(), root=tmp_path)
    return {(s.resolved.facts.path, s.resolved.site.line): s for s in result.sites}


@pytest.mark.parametrize("head, ui, expected", [
    ('"""Cron-friendly script: sync records and pre-generate reports."""', False, "scheduled"),
    ('"""Sync and report.\n\nThis script should be run on a schedule (e.g., daily) by a cron job.\n"""', True, "mixed"),
    ('# crontab: 0 3 * * * cd /srv/app && python sync_reports.py', True, "mixed"),
    ('"""Sync and report (run it when the data changed)."""', True, "real-time"),
])
def test_a_schedule_in_the_scripts_own_head_beside_a_ui_that_launches_it(tmp_path, head, ui, expected):
    files = {"backend.py": BACKEND, "sync_reports.py": SYNC.format(head=head)}
    if ui:
        files["app.py"] = UI
    site = analyse(tmp_path, files)[("backend.py", 2)]
    assert site.latency_class == expected
    notes = " | ".join(e.note for e in site.evidence)
    if ui:
        assert "app.py" in notes and "runs sync_reports.py with subprocess.run" in notes
    if expected != "real-time":
        assert "sync_reports.py" in notes and ("scheduler runs it" in notes or "crontab line" in notes)


def test_a_module_level_script_a_workflow_runs_is_scheduled(tmp_path):
    script = textwrap.dedent("""\
        import argparse
        from openai import OpenAI

        client = OpenAI()
        parser = argparse.ArgumentParser()
        parser.add_argument("--batch", type=int, default=10)
        args = parser.parse_args()
        for text in ["a", "b"]:
            client.embeddings.create(model="m", input=text)
        """)
    workflow = ("name: Embed\non:\n  schedule:\n    - cron: '0 3 * * *'\n  workflow_dispatch:\njobs:\n  e:\n"
                "    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          pip install openai\n"
                "          python scripts/embed_seed.py --batch 5\n")
    sites = analyse(tmp_path, {"scripts/embed_seed.py": script, ".github/workflows/embed.yml": workflow})
    site = sites[("scripts/embed_seed.py", 9)]
    assert site.latency_class == "scheduled"
    assert "runs top to bottom as a script" in site.evidence[-1].note


CLI = textwrap.dedent("""\
    import typer
    from openai import OpenAI

    app = typer.Typer()
    label_app = typer.Typer()
    app.add_typer(label_app, name="label")


    @label_app.command("run")
    def label_run(limit: int = 10):
        return OpenAI().chat.completions.create(model="m", messages=[])


    if __name__ == "__main__":
        app()
    """)
PYPROJECT = '[project]\nname = "erp"\n\n[project.scripts]\nerp = "erp.cli:app"\n'


def _workflow(name: str, on: str, run: str) -> str:
    return (f"name: {name}\non:\n{on}jobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
            f"      - run: uv sync\n      - run: {run}\n")


@pytest.mark.parametrize("upstream_on, expected", [
    ("  schedule:\n    - cron: '0 */6 * * *'\n  workflow_dispatch:\n", "scheduled"),
    ("  push:\n    branches: [main]\n", "near-real-time"),  # a chain after a push is as weak as the push
])
def test_a_workflow_run_chain_to_a_console_script(tmp_path, upstream_on, expected):
    files = {
        "erp/__init__.py": "",
        "erp/cli.py": CLI,
        "pyproject.toml": PYPROJECT,
        ".github/workflows/ingest.yml": _workflow("ingest", upstream_on, "echo ingest"),
        ".github/workflows/phase1.yml": _workflow("phase1", "  workflow_run:\n    workflows: [ingest]\n", "echo p1"),
        ".github/workflows/phase2.yml": _workflow(
            "phase2", "  workflow_run:\n    workflows: [\"phase1\"]\n    types: [completed]\n  workflow_dispatch:\n",
            "uv run erp label run --limit 1000"),
    }
    site = analyse(tmp_path, files)[("erp/cli.py", 11)]
    assert site.latency_class == expected
    notes = [e.note for e in site.evidence]
    if expected == "scheduled":
        assert any("runs after workflow 'ingest'" in n for n in notes)
        assert any("runs after workflow 'phase1'" in n for n in notes)
        assert any("console script 'erp'" in n for n in notes)


@pytest.mark.parametrize("main_block", [True, False])
def test_a_console_script_nothing_runs_is_still_run_by_hand(tmp_path, main_block):
    cli = CLI if main_block else CLI.split("\n\nif __name__")[0] + "\n"
    files = {"erp/__init__.py": "", "erp/cli.py": cli, "pyproject.toml": PYPROJECT}
    site = analyse(tmp_path, files)[("erp/cli.py", 11)]
    assert site.latency_class == "real-time"
    assert "a person does (run by hand)" in site.evidence[0].note


README_WRAPPER = textwrap.dedent("""\
    # Scheduling on macOS

    Create `~/bin/run_summary.sh` with the following contents:

    ```bash
    #!/bin/zsh
    source /Users/me/repo/.venv/bin/activate
    cd /Users/me/repo
    python scripts/outlook_summary.py >> ~/Library/Logs/summary.log 2>&1
    ```

    Then add a crontab entry:

    ```cron
    */15 * * * * /Users/me/bin/run_summary.sh
    ```
    """)


def test_a_documented_crontab_through_a_documented_shell_wrapper(tmp_path):
    files = {
        "docs/scheduling.md": README_WRAPPER,
        "scripts/outlook_summary.py": ("from summary import summarize\n\nif __name__ == '__main__':\n"
                                       "    summarize('inbox')\n"),
        "scripts/summary.py": ("from openai import OpenAI\n\ndef summarize(text):\n"
                               "    return OpenAI().chat.completions.create(model='m', messages=[])\n"),
    }
    site = analyse(tmp_path, files)[("scripts/summary.py", 4)]
    assert site.latency_class == "scheduled"
    assert [e.line for e in site.evidence[:2]] == [15, 9]  # the crontab line, then the wrapper's command


AGENT = textwrap.dedent("""\
    from openai import OpenAI


    class DigestAgent:
        def __init__(self):
            self.client = OpenAI()

        def generate_digest(self, items):
            return self.client.chat.completions.create(model="m", messages=[])

        def generate_themed_digest(self, items, theme):
            return self.client.chat.completions.create(model="m", messages=[])


    def get_agent():
        return DigestAgent()


    def weekly_digest():
        return OpenAI().chat.completions.create(model="m", messages=[])
    """)
JOBS = "from agent import get_agent\n\n\ndef job(factory=get_agent):\n    return factory().generate_digest([])\n"


def test_name_evidence_needs_something_that_could_start_the_function(tmp_path):
    sites = analyse(tmp_path, {"agent.py": AGENT, "jobs.py": JOBS})
    # a method nothing calls by any receiver is dead code, whatever its name says
    dead = sites[("agent.py", 12)]
    assert dead.latency_class == "unknown"
    assert dead.evidence[0].note.startswith("no caller found for DigestAgent.generate_themed_digest")
    # a method some code calls on a receiver the graph cannot type keeps its name evidence
    assert sites[("agent.py", 9)].latency_class == "scheduled"
    # a module-level function may be run from outside (``python -c``, a scheduler elsewhere)
    assert sites[("agent.py", 20)].latency_class == "scheduled"



TWIN = textwrap.dedent("""\
    from openai import OpenAI


    def generate_daily_report():
        return OpenAI().chat.completions.create(model="m", messages=[])
    """)
PAGE = "from tools.report import generate_daily_report\n\n\ndef show():\n    return generate_daily_report()\n"


def test_name_evidence_skips_a_leftover_twin_of_the_function_the_code_calls(tmp_path):
    # round 18's AMAN-LADWA/atlas-guardian: the page imports report.generate_daily_report; the
    # unimported old_report.py defining one too is what the code moved away from
    sites = analyse(tmp_path, {"tools/report.py": TWIN, "tools/old_report.py": TWIN, "views/page.py": PAGE})
    dead = sites[("tools/old_report.py", 5)]
    assert dead.latency_class == "unknown"
    assert dead.evidence[0].note.startswith("no caller found for generate_daily_report")
    # alone (no twin the code calls), an unimported module's function keeps its name evidence
    sites = analyse(tmp_path / "alone", {"tools/old_report.py": TWIN})
    assert sites[("tools/old_report.py", 5)].latency_class == "scheduled"

TOOL_TYPER = textwrap.dedent("""\
    import typer
    from openai import OpenAI

    app = typer.Typer()
    feeds = typer.Typer()
    app.add_typer(feeds, name="feeds")


    @feeds.command("ingest")
    def ingest_feeds():
        return OpenAI().embeddings.create(model="m", input="x")


    @app.command()
    def summarize_now():
        return OpenAI().chat.completions.create(model="m", messages=[])
    """)
TOOL_CLICK = textwrap.dedent("""\
    import click
    from openai import OpenAI


    @click.group()
    def cli():
        pass


    @cli.group()
    def feeds():
        pass


    @feeds.command("ingest")
    def ingest_feeds():
        return OpenAI().embeddings.create(model="m", input="x")


    @cli.command()
    def summarize_now():
        return OpenAI().chat.completions.create(model="m", messages=[])
    """)


@pytest.mark.parametrize("cli, target, lines", [
    (TOOL_TYPER, "tool.cli:app", (11, 16)),
    (TOOL_CLICK, "tool.cli:cli", (17, 22)),
])
def test_a_schedule_running_one_subcommand_leaves_the_others_to_a_person(tmp_path, cli, target, lines):
    files = {
        "tool/__init__.py": "",
        "tool/cli.py": cli,
        "pyproject.toml": f'[project]\nname = "tool"\n\n[project.scripts]\ntool = "{target}"\n',
        "deploy/crontab": "0 * * * * cd /srv/tool && .venv/bin/tool feeds ingest --all >> /var/log/tool.log 2>&1\n",
    }
    sites = analyse(tmp_path, files)
    ingest, summarize = (sites[("tool/cli.py", line)] for line in lines)
    assert ingest.latency_class == "scheduled"
    assert any("'feeds ingest'" in e.note for e in ingest.evidence)
    assert summarize.latency_class == "real-time"  # a person runs ``tool summarize-now``: the schedule never does
