"""A launch helper (issue 15, round 10 holdout): a scheduled pipeline runs each step through its own
``run_command(cmd, what)`` whose ``subprocess.run(cmd)`` starts what every caller passes, so the
schedule reaches the step scripts' calls (a command-line tool nothing else runs)."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of

PLIST = ('<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict>\n'
         '<key>Label</key><string>com.example.brief</string>\n'
         '<key>ProgramArguments</key><array><string>/Users/me/brief/.venv/bin/python3</string>'
         '<string>/Users/me/brief/pipeline.py</string></array>\n'
         '<key>StartCalendarInterval</key><dict><key>Hour</key><integer>14</integer>'
         '<key>Minute</key><integer>0</integer></dict>\n</dict></plist>\n')
PIPELINE = ("import subprocess\nimport sys\n\n\ndef run_command(cmd, what):\n    print(what)\n"
            "    return subprocess.run(cmd, capture_output=True).returncode == 0\n\n\n"
            "def main():\n    run_command([sys.executable, 'daily.py', '--date', 'x'], 'daily')\n"
            "    weekly = [sys.executable, 'weekly.py']\n    run_command(weekly, what='weekly')\n\n\n"
            "if __name__ == '__main__':\n    main()\n")
STEP = ("import argparse\n\nfrom anthropic import Anthropic\n\n\ndef brief():\n"
        "    return Anthropic().messages.create(model='m', max_tokens=1, messages=[])\n\n\n"
        "def main():\n    argparse.ArgumentParser().parse_args()\n    brief()\n\n\n"
        "if __name__ == '__main__':\n    main()\n")


def test_a_scheduled_pipeline_runs_the_scripts_its_launch_helper_is_given(tmp_path):
    result = project(tmp_path, {"com.example.brief.plist": PLIST, "pipeline.py": PIPELINE,
                                "daily.py": STEP, "weekly.py": STEP})
    assert classes_of(result) == {("daily.py", 7): "scheduled", ("weekly.py", 7): "scheduled"}
    notes = [e.note for s in result.sites for e in s.evidence]
    assert any("run_command (subprocess.run)" in n for n in notes), notes


def test_a_helper_that_runs_a_fixed_command_is_no_launch_helper_for_its_arguments(tmp_path):
    """``cmd`` is not what the process runs: the helper's argument names no entry point."""
    fixed = PIPELINE.replace("subprocess.run(cmd,", "subprocess.run(['ls'],")
    result = project(tmp_path, {"com.example.brief.plist": PLIST, "pipeline.py": fixed,
                                "daily.py": STEP, "weekly.py": STEP})
    assert classes_of(result) == {("daily.py", 7): "real-time", ("weekly.py", 7): "real-time"}


README = "# News\n\n```bash\n0 8 * * * cd /path/to/newsletter && python3 main.py >> logs/cron.log 2>&1\n```\n"
NEWS = ("from anthropic import Anthropic\n\n\ndef run():\n"
        "    return Anthropic().messages.create(model='m', max_tokens=1, messages=[])\n\n\n"
        "if __name__ == '__main__':\n    run()\n")
ROOT = NEWS.replace("def run():", "def other():").replace("    run()", "    other()")


def test_a_documented_absolute_path_names_the_script_beside_the_document(tmp_path):
    """``cd /path/to/newsletter && python3 main.py`` in ``tools/news/README.md``: that folder's
    ``main.py``, not the root's, though both end the path."""
    result = project(tmp_path, {"main.py": ROOT, "tools/news/__init__.py": "", "tools/news/README.md": README, "tools/news/main.py": NEWS})
    assert classes_of(result) == {("main.py", 5): "real-time", ("tools/news/main.py", 5): "scheduled"}


def test_a_root_document_keeps_the_longest_tail(tmp_path):
    result = project(tmp_path, {"main.py": ROOT, "tools/news/__init__.py": "", "README.md": README, "tools/news/main.py": NEWS})
    assert classes_of(result) == {("main.py", 5): "scheduled", ("tools/news/main.py", 5): "real-time"}


SETUP = ("#!/bin/bash\npip install -r requirements.txt\necho 'Add to your crontab:'\n"
         "echo '0 8 * * * cd $(pwd) && python3 main.py'\n")


def test_a_working_directory_path_in_a_setup_script_names_the_script_beside_it(tmp_path):
    """``cd $(pwd) && python3 main.py`` printed by ``tools/news/setup.sh``: run from that folder."""
    result = project(tmp_path, {"main.py": ROOT, "tools/news/__init__.py": "", "tools/news/setup.sh": SETUP,
                                "tools/news/main.py": NEWS})
    assert classes_of(result) == {("main.py", 5): "real-time", ("tools/news/main.py", 5): "scheduled"}


WORKFLOW = ("on:\n  schedule:\n    - cron: '0 7 * * *'\njobs:\n  run:\n    runs-on: ubuntu-latest\n"
            "    steps:\n      - run: python scripts/brief.py\n")


def test_a_nested_copy_s_workflow_runs_its_own_copy(tmp_path):
    """``copy/.github/workflows/x.yml`` runs ``python scripts/brief.py`` from ``copy/``: that copy's
    script, not the root's of the same path (a repository holding an older copy of itself)."""
    result = project(tmp_path, {"scripts/brief.py": ROOT, "copy/.github/workflows/daily.yml": WORKFLOW,
                                "copy/scripts/brief.py": NEWS})
    assert classes_of(result) == {("scripts/brief.py", 5): "real-time", ("copy/scripts/brief.py", 5): "scheduled"}


def test_a_loop_over_a_list_of_command_lists_runs_each(tmp_path):
    """``COMMANDS = [[sys.executable, "manage.py", "crawl"], [sys.executable, "manage.py", "digest"]]``
    run by ``for cmd in COMMANDS: subprocess.run(cmd)`` in a self-timed loop a compose service runs:
    the schedule reaches the management command's call."""
    scheduler = ("import subprocess\nimport sys\nimport time\n\n"
                 "COMMANDS = [\n    [sys.executable, 'manage.py', 'crawl'],\n    [sys.executable, 'manage.py', 'digest'],\n]\n\n\n"
                 "def run_commands():\n    for cmd in COMMANDS:\n        subprocess.run(cmd, check=False)\n\n\n"
                 "def main():\n    while True:\n        time.sleep(3600)\n        run_commands()\n\n\n"
                 "if __name__ == '__main__':\n    main()\n")
    command = ("from django.core.management.base import BaseCommand\nfrom openai import OpenAI\n\n\n"
               "class Command(BaseCommand):\n    def handle(self, *args, **options):\n"
               "        return OpenAI().chat.completions.create(model='m', messages=[])\n")
    result = project(tmp_path, {
        "docker-compose.yml": "services:\n  scheduler:\n    build: .\n    command: python scheduler/scheduler.py\n",
        "scheduler/scheduler.py": scheduler, "manage.py": "import django\n", "app/__init__.py": "",
        "app/management/__init__.py": "", "app/management/commands/__init__.py": "",
        "app/management/commands/digest.py": command,
    })
    assert classes_of(result) == {("app/management/commands/digest.py", 7): "scheduled"}
