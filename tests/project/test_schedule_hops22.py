"""Schedules reached through hops a launcher or a workflow spells indirectly (session 42):
a launcher's script path bound to a module constant, a launch helper whose command holds its
parameter, an argparse program choosing its subcommand in an ``if`` chain, and a workflow job
whose ``if:`` leaves out the events it does not run on."""
from __future__ import annotations

import textwrap

import pytest
from test_graph import project
from test_reach import classes_of, evidence_notes

from llm_latency_lint.catalog.sources._job_events import job_events

CLIENT = "import requests\n\n\ndef ask(p):\n    return requests.post('https://api.openai.com/v1/chat/completions', json={'model': 'm'})\n"
MAIN = "from client import ask\n\n\ndef main():\n    ask('x')\n\n\nif __name__ == '__main__':\n    main()\n"


def test_a_docstring_crontab_runs_the_script_a_module_constant_path_names(tmp_path):
    runner = textwrap.dedent('''\
        """Daily runner.

        Schedule with cron:
            0 7 * * * /usr/bin/python3 /path/to/app/run_daily.py
        """
        import subprocess
        import sys
        from pathlib import Path

        SCRIPT_DIR = Path(__file__).parent
        MAIN_PY = SCRIPT_DIR / "main.py"


        def main():
            subprocess.run([sys.executable, str(MAIN_PY)], cwd=str(SCRIPT_DIR))


        if __name__ == "__main__":
            main()
        ''')
    result = project(tmp_path, {"run_daily.py": runner, "main.py": MAIN, "client.py": CLIENT})
    assert classes_of(result) == {("client.py", 5): "scheduled"}
    assert "run_daily.py runs main.py with subprocess.run" in evidence_notes(result, ("client.py", 5))


PIPELINE = textwrap.dedent('''\
    import subprocess


    def run_pipeline():
        def run(script, timeout):
            subprocess.run(["python3", f"scripts/{script}"], check=True, timeout=timeout)

        run("score.py", timeout=60)
        run("tailor.py", timeout=60)


    if __name__ == "__main__":
        run_pipeline()
    ''')
STEP = "import sys\nsys.path.insert(0, '.')\nfrom client import ask\n\nif __name__ == '__main__':\n    ask('x')\n"


def test_a_launch_helper_whose_command_holds_its_parameter_runs_each_script_its_callers_name(tmp_path):
    files = {"pipeline.py": PIPELINE, "cron/jobs.cron": "0 7 * * 1-5 cd /app && python pipeline.py\n",
             "scripts/score.py": STEP.replace("ask('x')", "ask('score')"), "scripts/tailor.py": STEP,
             "client.py": CLIENT}
    result = project(tmp_path, files)
    assert classes_of(result) == {("client.py", 5): "scheduled"}
    notes = evidence_notes(result, ("client.py", 5))
    assert "run_pipeline runs scripts/score.py with run (subprocess.run)" in notes, notes


@pytest.mark.parametrize("launch", ['os.system(f"python3 scripts/{script}")',
                                    'subprocess.run(f"python3 scripts/{script}", shell=True, timeout=timeout)'])
def test_a_launch_helper_whose_command_string_holds_its_parameter_runs_each_script_its_callers_name(tmp_path, launch):
    """A shell command string is the same template as a list (``os.system(f"python3 {script}")``)."""
    pipeline = PIPELINE.replace('subprocess.run(["python3", f"scripts/{script}"], check=True, timeout=timeout)', launch)
    files = {"pipeline.py": "import os\n" + pipeline, "cron/jobs.cron": "0 7 * * 1-5 cd /app && python pipeline.py\n",
             "scripts/score.py": STEP, "client.py": CLIENT}
    result = project(tmp_path, files)
    assert classes_of(result) == {("client.py", 5): "scheduled"}


def test_each_launch_a_helper_makes_with_its_parameter_is_filled_by_its_callers(tmp_path):
    """A helper running a file or a module by what it is handed has two launches: both are read."""
    pipeline = PIPELINE.replace(
        '        subprocess.run(["python3", f"scripts/{script}"], check=True, timeout=timeout)',
        '        if script.endswith(".py"):\n'
        '            subprocess.run(["python3", f"scripts/{script}"], timeout=timeout)\n'
        '        else:\n'
        '            subprocess.run(["python3", "-m", script], timeout=timeout)')
    assert "-m" in pipeline
    files = {"pipeline.py": pipeline, "cron/jobs.cron": "0 7 * * 1-5 cd /app && python pipeline.py\n",
             "scripts/score.py": STEP, "client.py": CLIENT}
    assert classes_of(project(tmp_path, files)) == {("client.py", 5): "scheduled"}


def test_a_launch_helper_no_caller_fills_launches_nothing(tmp_path):
    pipeline = PIPELINE.replace('run("score.py", timeout=60)\n    run("tailor.py", timeout=60)', "run(pick(), 1)")
    files = {"pipeline.py": pipeline, "cron/jobs.cron": "0 7 * * * python pipeline.py\n",
             "scripts/score.py": STEP, "client.py": CLIENT}
    assert classes_of(project(tmp_path, files)) == {("client.py", 5): "real-time"}


CLI = textwrap.dedent('''\
    import argparse


    def main(argv=None):
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers(dest="command")
        sub.add_parser("notify")
        sub.add_parser("people")
        sub.add_parser("show")
        args = parser.parse_args(argv)
        if args.command == "notify":
            from .notify import run
        elif args.command in ("people", "p"):
            from .people import run
        elif "show" == args.command:
            from .show import show
            return show(args)
        else:
            return 2
        return run(args)
    ''')
SUBCOMMAND = "from .client import ask\n\n\ndef {name}(args):\n    return ask('{name}')\n"


def _cli_tree(readme: str):
    return {"bot/__init__.py": "", "bot/cli.py": CLI, "bot/client.py": CLIENT,
            "bot/notify.py": SUBCOMMAND.format(name="run").replace("ask('run')", "helper()")
            + "\n\ndef helper():\n    from .scored import reply\n    return reply()\n",
            "bot/scored.py": "import requests\n\n\ndef reply():\n    return requests.post('https://api.openai.com/v1/chat/completions', json={'model': 'm'})\n",
            "bot/people.py": SUBCOMMAND.format(name="run"), "bot/show.py": SUBCOMMAND.format(name="show"),
            "pyproject.toml": '[project]\nname = "bot"\n\n[project.scripts]\nbot = "bot.cli:main"\n',
            "README.md": f"# bot\n\n```bash\n{readme}\n```\n"}


def test_a_crontab_running_a_subcommand_reaches_only_the_branch_its_word_picks(tmp_path):
    result = project(tmp_path, _cli_tree("*/15 * * * * cd ~/bot && uv run bot notify --execute --quiet"))
    classes = classes_of(result)
    assert classes[("bot/scored.py", 5)] == "scheduled"
    assert classes[("bot/client.py", 5)] == "real-time"  # people and show: a person runs them
    assert "main runs run for the command word 'notify'" in evidence_notes(result, ("bot/scored.py", 5))


def test_what_the_program_runs_before_and_after_its_command_chain_runs_for_every_word(tmp_path):
    """The code outside the chain (a setup call before it, a flush after it, an import the function
    makes first) runs whichever word picks the branch: the schedule reaches it too."""
    cli = CLI.replace("    args = parser.parse_args(argv)\n",
                      "    args = parser.parse_args(argv)\n    from .warmup import warm\n    warm()\n")
    cli = cli.replace("    return run(args)\n", "    result = run(args)\n    flush()\n    return result\n")
    cli = cli.replace("import argparse\n", "import argparse\n\nfrom .client import ask\n\n\ndef flush():\n    return ask('flush')\n")
    tree = _cli_tree("*/15 * * * * cd ~/bot && uv run bot notify --execute")
    tree.update({"bot/cli.py": cli, "bot/warmup.py": "import requests\n\n\ndef warm():\n    return "
                 "requests.post('https://api.openai.com/v1/embeddings', json={'model': 'e'})\n"})
    classes = classes_of(project(tmp_path, tree))
    assert classes[("bot/warmup.py", 5)] == "scheduled"
    assert classes[("bot/client.py", 5)] == "mixed"  # flush on the schedule, people and show by hand


@pytest.mark.parametrize("word", ["p", "show"])
def test_a_subcommand_word_in_a_tuple_or_a_mirrored_test_is_a_branch_too(tmp_path, word):
    result = project(tmp_path, _cli_tree(f"0 6 * * * uv run bot {word}"))
    notes = evidence_notes(result, ("bot/client.py", 5))
    assert f"for the command word '{word}'" in notes, notes


WORKFLOW = textwrap.dedent('''\
    name: post
    on:
      schedule:
        - cron: "0 22 * * *"
      workflow_dispatch:
      push:
        branches: ["main"]
      pull_request:
        branches: ["main"]
    permissions:
      contents: read
    jobs:
      post:
        if: >
          github.event_name == 'schedule' ||
          github.event_name == 'workflow_dispatch' ||
          (github.event_name == 'push' && contains(github.event.head_commit.message, '[force-post]'))
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - env:
              GITHUB_TOKEN: ${{ github.token }}
            run: python main.py
      lint:
        if: github.event_name == 'push' || github.event_name == 'pull_request'
        runs-on: ubuntu-latest
        steps:
          - run: ruff check .
    ''')


def test_a_job_whose_if_leaves_out_pull_requests_is_not_run_by_them(tmp_path):
    files = {".github/workflows/post.yml": WORKFLOW, "main.py": MAIN, "client.py": CLIENT}
    assert classes_of(project(tmp_path, files)) == {("client.py", 5): "scheduled"}
    ungated = WORKFLOW.replace("    if: >\n", "    name: >\n")
    assert classes_of(project(tmp_path / "ungated", {**files, ".github/workflows/post.yml": ungated})) == {
        ("client.py", 5): "near-real-time"}


@pytest.mark.parametrize("condition, runs, skips", [
    ("${{ github.event_name == 'schedule' }}", ["schedule"], ["push"]),
    ("github.event_name == 'schedule' || (github.event_name == 'push' && x)", ["schedule", "push"], ["pull_request"]),
    ("github.event_name != 'pull_request' && !cancelled()", ["schedule", "push"], ["pull_request"]),
    ("github.event_name == 'schedule' || success()", ["schedule", "pull_request"], []),
    ("github.actor != 'dependabot[bot]'", ["pull_request"], []),
    (None, ["pull_request"], []),
])
def test_the_events_a_job_condition_lets_it_run_on(condition, runs, skips):
    events = job_events(condition)
    assert [e for e in runs if events.runs_on(e)] == runs
    assert [e for e in skips if events.runs_on(e)] == []


ADAPTER = ("import httpx\n\n\nclass Adapter:\n    async def complete(self, prompt):\n        async with httpx.AsyncClient() as c:\n"
           "            return await c.post('https://api.openai.com/v1/chat/completions', json={'model': 'm'})\n")
FACTORY = "from .openai_adapter import Adapter\n\n\ndef create_client():\n    return Adapter()\n"
SETTINGS = ("class Config:\n    _client = None\n\n    @classmethod\n    def get_client(cls):\n        if cls._client is None:\n"
            "            from llm.factory import create_client\n            cls._client = create_client()\n"
            "        return cls._client\n")
DIGEST = ("import asyncio\n\nfrom bot.config import Config\n\n\nasync def main():\n    await Config.get_client().complete('x')\n\n\n"
          "if __name__ == '__main__':\n    asyncio.run(main())\n")


@pytest.mark.parametrize("sdk_name", ["llm", "brain"])
def test_a_package_module_importing_from_the_folder_its_program_runs_in(tmp_path, sdk_name):
    """``bot/config.py`` (``bot`` a package) imports ``llm.factory``: ``bot/llm/factory.py`` where
    ``python bot/main.py`` puts ``bot/`` on ``sys.path`` (an SDK's name too, where the project holds
    the submodule)."""
    settings = SETTINGS.replace("from llm.", f"from {sdk_name}.")
    files = {"bot/__init__.py": "", "bot/config.py": settings, "bot/digest.py": DIGEST,
             f"bot/{sdk_name}/__init__.py": "", f"bot/{sdk_name}/factory.py": FACTORY,
             f"bot/{sdk_name}/openai_adapter.py": ADAPTER}
    assert classes_of(project(tmp_path, files)) == {(f"bot/{sdk_name}/openai_adapter.py", 7): "real-time"}
