"""Schedules and runs stated in docs and deployment files (session 40, docs20): a shell wrapper
shipped as a template (``run.sh.example``) that a documented crontab line runs under its copied
name, a Cloud Build config's ``docker build`` tagging the image a Kubernetes CronJob pulls, a
repository's own action named by its README's workflow badge, and a doc's copy of a workflow the
repository has (the live file says what runs)."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of

CLIENT = ("from anthropic import Anthropic\n\n\ndef summarize(text):\n"
          "    return Anthropic().messages.create(model='m', max_tokens=9, messages=[])\n")
MAIN = ("import argparse\n\nfrom bot.client import summarize\n\n\ndef main():\n"
        "    args = argparse.ArgumentParser().parse_args()\n    summarize('x')\n\n\n"
        "if __name__ == '__main__':\n    main()\n")
SITE = ("bot/client.py", 5)


def tree(**extra: str):
    found = {"bot/__init__.py": "", "bot/client.py": CLIENT, "main.py": MAIN}
    found.update(extra)
    return found


WRAPPER = "#!/bin/bash\nPROJECT_DIR=/path/to/bot\ncd \"$PROJECT_DIR\"\nsource venv/bin/activate\npython main.py --send\n"
README_CRON = ("# Bot\n\n```bash\ncp run_digest.sh.example run_digest.sh\n```\n\n```bash\n"
               "(crontab -l; echo \"0 22 * * * /path/to/bot/run_digest.sh >> cron.log 2>&1\") | crontab -\n```\n")


def test_a_wrapper_template_runs_under_the_name_it_is_copied_to(tmp_path):
    result = project(tmp_path, tree(**{"run_digest.sh.example": WRAPPER, "README.md": README_CRON}))
    assert classes_of(result) == {SITE: "scheduled"}
    assert [e.path for e in result.sites[0].evidence[:2]] == ["README.md", "run_digest.sh.example"]


def test_without_the_template_the_documented_line_runs_nothing_here(tmp_path):
    result = project(tmp_path, tree(**{"README.md": README_CRON}))
    assert classes_of(result) == {SITE: "real-time"}
