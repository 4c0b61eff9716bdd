"""Command-line runs beside a schedule (issue 15, round 2 holdout): a setup script installs a
crontab block held in a multi-line string, the line runs a shell wrapper, the wrapper runs
``python -m pkg``, whose ``__main__`` runs each step with ``subprocess.run([sys.executable, "-m",
f"pkg.{step}"])`` over a literal list; a feedback CLI that asks a person about each item reaches
the same client (mixed)."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of

from llm_latency_lint.catalog.sources import shell

SETUP = ('#!/bin/sh\nWORKSPACE="$(cd "$(dirname "$0")" && pwd)"\nSCRIPTS="$WORKSPACE/scripts"\n'
         'CRON_BLOCK="# -- digest --\n00 07 * * * \\"$SCRIPTS/run_pipeline.sh\\"\n# -- end digest --"\n'
         'echo "$(crontab -l)\n$CRON_BLOCK" | crontab -\n')
WRAPPER = '#!/bin/sh\ncd "$WORKSPACE/pipeline"\npython -m digest\n'
MAIN = ("import subprocess\nimport sys\n\nSTEPS = [\n    ('fetch', 'Fetch'),\n    ('scorer', 'Score'),\n]\n\n\n"
        "def main():\n    for module, description in STEPS:\n"
        "        subprocess.run([sys.executable, '-m', f'digest.{module}'], check=False)\n\n\n"
        "if __name__ == '__main__':\n    main()\n")
CLIENT = ("from openai import OpenAI\n\n\ndef complete(prompt):\n"
          "    return OpenAI().chat.completions.create(model='m', messages=[])\n")
SCORER = "from digest.client import complete\n\n\ndef main():\n    complete('x')\n\n\nif __name__ == '__main__':\n    main()\n"
FETCH = "def main():\n    pass\n\n\nif __name__ == '__main__':\n    main()\n"
FEEDBACK = ("import argparse\n\nfrom digest.client import complete\n\n\ndef main():\n"
            "    argparse.ArgumentParser().parse_args()\n    notes = []\n    for paper in ['a', 'b']:\n"
            "        notes.append(input('[g]ood / [b]ad: '))\n    complete(str(notes))\n\n\n"
            "if __name__ == '__main__':\n    main()\n")


def tree(**extra: str):
    found = {"setup.sh": SETUP, "scripts/run_pipeline.sh": WRAPPER, "pipeline/src/digest/__init__.py": "",
             "pipeline/src/digest/__main__.py": MAIN, "pipeline/src/digest/client.py": CLIENT,
             "pipeline/src/digest/scorer.py": SCORER, "pipeline/src/digest/fetch.py": FETCH}
    found.update(extra)
    return found


def test_a_crontab_line_in_a_multi_line_string_is_installed_with_expanded_variables():
    found = [t for t in shell.parse("setup.sh", SETUP) if t.kind == "scheduled"]
    assert [(t.line, t.target, t.schedule) for t in found] == [
        (5, ["entry", "shell:$WORKSPACE/scripts/run_pipeline.sh"], "daily 07:00")]


def test_a_heredoc_piped_to_crontab_and_a_one_line_echo_count_once_each():
    text = ('cat <<EOF | crontab -\n0 3 * * * python /srv/app/nightly.py\nEOF\n'
            '(crontab -l; echo "*/5 * * * * python /srv/app/poll.py") | crontab -\n')
    found = [t for t in shell.parse("install.sh", text) if t.kind == "scheduled"]
    assert [t.target for t in found] == [["entry", "script:/srv/app/nightly.py"], ["entry", "script:/srv/app/poll.py"]]


def test_the_schedule_reaches_a_step_a_loop_over_a_literal_list_runs(tmp_path):
    result = project(tmp_path, tree())
    assert classes_of(result) == {("pipeline/src/digest/client.py", 5): "scheduled"}
    notes = [e.note for e in result.sites[0].evidence]
    assert any("runs digest.scorer with subprocess.run" in n for n in notes), notes


def test_a_cli_asking_about_each_item_beside_the_schedule_is_mixed(tmp_path):
    result = project(tmp_path, tree(**{"pipeline/src/digest/feedback.py": FEEDBACK}))
    assert classes_of(result) == {("pipeline/src/digest/client.py", 5): "mixed"}


def test_a_step_list_the_loop_does_not_name_runs_nothing(tmp_path):
    """The f-string names a value that is no module (``digest.Score``): the schedule runs no
    step, so only the step's own ``__main__``, run by hand, reaches the client."""
    result = project(tmp_path, tree(**{"pipeline/src/digest/__main__.py": MAIN.replace("{module}", "{description}")}))
    assert classes_of(result) == {("pipeline/src/digest/client.py", 5): "real-time"}


LLM = ("from openai import OpenAI\n\n\nclass LLMClient:\n    def __init__(self):\n        self.client = OpenAI()\n\n"
       "    def decompose_claims(self, answer):\n"
       "        return self.client.chat.completions.create(model='m', messages=[])\n")
JUDGE = "def faithfulness(answer, llm):\n    return llm.decompose_claims(answer)\n"
EVALUATE = ("import argparse\n\nfrom app import judge\nfrom app.llm import LLMClient\n\n\ndef main():\n"
            "    argparse.ArgumentParser().parse_args()\n    parts = (1, LLMClient())\n    _, llm = parts\n"
            "    judge.faithfulness('a', llm)\n\n\nif __name__ == '__main__':\n    main()\n")


def test_a_module_of_plain_functions_that_calls_a_client_method_on_a_parameter_is_followed(tmp_path):
    """``judge.py`` imports nothing and names no SDK: it is scanned because it calls a method an
    SDK-calling class defines; the receiver has no type, so the call resolves by name."""
    result = project(tmp_path, {"app/__init__.py": "", "app/llm.py": LLM, "app/judge.py": JUDGE, "evaluate.py": EVALUATE})
    assert classes_of(result) == {("app/llm.py", 9): "real-time"}


def test_a_short_method_name_is_not_enough_to_scan_a_module(tmp_path):
    text = LLM.replace("decompose_claims", "ask")
    result = project(tmp_path, {"app/__init__.py": "", "app/llm.py": text, "evaluate.py": EVALUATE.replace(
        "decompose_claims", "ask"), "app/judge.py": JUDGE.replace("decompose_claims", "ask")})
    assert classes_of(result) == {("app/llm.py", 9): "unknown"}


ARGV_TOOL = ("import sys\n\nfrom digest.client import complete\n\n\ndef main():\n"
             "    if len(sys.argv) > 1 and sys.argv[1] == '--all':\n        complete('all')\n\n\n"
             "if __name__ == '__main__':\n    main()\n")


def test_a_module_reading_its_command_line_by_hand_beside_the_schedule_is_mixed(tmp_path):
    """``len(sys.argv)`` parses arguments as argparse does (label policy 1): a different command."""
    result = project(tmp_path, tree(**{"pipeline/src/digest/backfill.py": ARGV_TOOL}))
    assert classes_of(result) == {("pipeline/src/digest/client.py", 5): "mixed"}
    quiet = ARGV_TOOL.replace("if len(sys.argv) > 1 and sys.argv[1] == '--all':\n        ", "if True:\n        ")
    result = project(tmp_path / "b", tree(**{"pipeline/src/digest/backfill.py": quiet}))
    assert classes_of(result) == {("pipeline/src/digest/client.py", 5): "scheduled"}
