"""A shell script's positional parameters take the words it is run with (issue 15, round 15's
c0ughman/1nbox): a hosted cron job documented as ``Command: bash run-cron.sh runbites`` runs the
wrapper whose ``COMMAND="${1:-runnews}"; python manage.py $COMMAND`` then runs ``manage.py
runbites``; a preview route reaching the same generator makes it mixed. Also a crontab line
continued with ``\\`` in a script's docstring (round 15's sandeepAGI/dmarc-report-bot)."""
from __future__ import annotations

import pytest
from test_graph import project
from test_reach import classes_of, evidence_notes

from llm_latency_lint.catalog.command_lines import entry_keys
from llm_latency_lint.catalog.positional import (
    fill,
    reads_positional,
    run_key,
    split_run,
)
from llm_latency_lint.catalog.sources import docs, script_docs, shell

WRAPPER = ('#!/bin/bash\nset -e\npython manage.py migrate --noinput\n'
           '# Usage: bash run-cron.sh runnews\nCOMMAND="${1:-runnews}"\necho "Running: $COMMAND"\n'
           'python manage.py $COMMAND\n')
DOC = ("## Production\n\n**Bites Digests:**\n```\n*/5 * * * *  (Every 5 minutes)\n"
       "Command: bash run-cron.sh runbites\n```\n")
COMMAND = ("from django.core.management.base import BaseCommand\n\nfrom app.bites import generate_digest\n\n\n"
           "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        generate_digest()\n")
NEWS = ("from django.core.management.base import BaseCommand\n\nfrom app.news import summarise\n\n\n"
        "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        summarise()\n")
BITES = ("import google.generativeai as genai\n\n\ndef generate_digest():\n"
         "    return genai.GenerativeModel('gemini').generate_content('x')\n")
NEWS_CODE = ("import google.generativeai as genai\n\n\ndef summarise():\n"
             "    return genai.GenerativeModel('gemini').generate_content('y')\n")
VIEWS = ("from django.http import JsonResponse\n\nfrom app.bites import generate_digest\n\n\n"
         "def preview_digest(request):\n    return JsonResponse({'d': generate_digest()})\n")
URLS = "from django.urls import path\n\nfrom app import views\n\nurlpatterns = [path('preview/', views.preview_digest)]\n"


def tree(**extra: str):
    found = {"run-cron.sh": WRAPPER, "RAILWAY_CRON_SETUP.md": DOC, "manage.py": "import django\n",
             "app/__init__.py": "", "app/management/__init__.py": "", "app/management/commands/__init__.py": "",
             "app/management/commands/runbites.py": COMMAND, "app/management/commands/runnews.py": NEWS,
             "app/bites.py": BITES, "app/news.py": NEWS_CODE, "app/views.py": VIEWS, "app/urls.py": URLS}
    found.update(extra)
    return found


@pytest.mark.parametrize("template, words, expected", [
    ("python manage.py ${1:-runnews}", [], "python manage.py runnews"),
    ("python manage.py ${1:-runnews}", ["runbites"], "python manage.py runbites"),
    ("python manage.py ${1-runnews}", [""], "python manage.py "),  # set but empty: no default with ``-``
    ("python x.py $1 ${2}", ["a"], "python x.py a "),
    ('exec "$@"', ["python", "job.py", "--all"], "exec python job.py --all"),
    ('python run.py "${@:2}"', ["skip", "two words", "b"], "python run.py 'two words' b"),
    ("python x.py ${1:+--mode $1}", ["daily"], "python x.py --mode daily"),  # the alternative is expanded too
    ("python x.py ${1:+--mode $1}", [], "python x.py "),
    ('python "$1" $1', ["my job.py"], "python \"my job.py\" 'my job.py'"),  # inside double quotes: the text
    ("echo '$1' \\$1", ["a"], "echo '$1' \\$1"),  # single-quoted or escaped: as written
])
def test_positional_parameters_are_filled_with_the_words_and_defaults(template, words, expected):
    assert fill(template, words) == expected


def test_runs_with_words_are_keyed_with_them_and_redirections_are_not_words():
    assert entry_keys("bash run-cron.sh runbites") == ["shell:run-cron.sh\trunbites"]
    assert entry_keys("cd /app && bash -x ./run.sh a 'b c' >> log 2>&1") == ["shell:/app/run.sh\ta 'b c'"]
    assert entry_keys("./deploy.sh") == ["shell:deploy.sh"]
    assert split_run("shell:/app/run.sh\ta 'b c'") == ("shell:/app/run.sh", ["a", "b c"])
    key = run_key("shell:/Users/me/Box Sync/run.sh", ["a"])  # a path with a space stays whole
    assert split_run(key) == ("shell:/Users/me/Box Sync/run.sh", ["a"]) and split_run("shell:a b.sh") == ("shell:a b.sh", [])
    assert not reads_positional("echo $0 $# $$") and reads_positional('exec "$@"')


def test_a_line_reading_positional_parameters_is_a_template_outside_functions_only():
    text = WRAPPER + 'run_step() {\n  python "$1"\n}\nrun_step jobs/clean.py\nlog() { echo "$1"; }\nexec "$@"\n'
    found = [(t.line, t.target) for t in shell.parse("run-cron.sh", text)]
    assert (7, ["entry", "positional:python manage.py ${1:-runnews}"]) in found
    assert (3, ["entry", "command:migrate"]) in found
    templates = [line for line, target in found if "positional:" in str(target) and line > 7]
    assert templates == [13]  # the functions' own ``$1`` is none; after a one-line function, the script's again


def test_block_settings_with_a_bare_cron_expression_schedule_the_command_beside_it():
    found = docs.parse("RAILWAY_CRON_SETUP.md", DOC)
    assert [(t.kind, t.target, t.line, t.schedule) for t in found] == [
        ("scheduled", ["entry", "shell:run-cron.sh\trunbites"], 6, "every 5 minutes")]
    labelled = "```\nCron Expression: */15 * * * *\nCommand: python manage.py runclusternews\n```\n"
    assert [t.target for t in docs.parse("README.md", labelled)] == [["entry", "command:runclusternews"]]


def test_the_documented_run_of_the_wrapper_runs_the_command_its_words_name(tmp_path):
    result = project(tmp_path, tree())
    assert classes_of(result) == {("app/bites.py", 5): "mixed", ("app/news.py", 5): "real-time"}  # runnews: by hand only
    notes = evidence_notes(result, ("app/bites.py", 5))
    assert "run with runbites: it runs manage.py runbites" in notes, notes


def test_a_run_with_no_words_takes_the_default(tmp_path):
    result = project(tmp_path, tree(**{"RAILWAY_CRON_SETUP.md": DOC.replace(" runbites", "")}))
    assert classes_of(result) == {("app/bites.py", 5): "real-time", ("app/news.py", 5): "scheduled"}


def test_a_wrapper_forwarding_all_its_words_runs_them(tmp_path):
    files = tree(**{"run-cron.sh": '#!/bin/sh\ncd "$(dirname "$0")"\nexec "$@"\n',
                    "RAILWAY_CRON_SETUP.md": DOC.replace("bash run-cron.sh runbites",
                                                         "./run-cron.sh python manage.py runnews")})
    result = project(tmp_path, files)
    assert classes_of(result) == {("app/bites.py", 5): "real-time", ("app/news.py", 5): "scheduled"}


QA = ('"""Answers replies.\n\nCron schedule (Mon-Fri 8AM-8PM):\n'
      '    0 8-20 * * 1-5 cd ~/work/monitor && \\\\\n'
      '        /opt/anaconda3/bin/python3 scripts/qa.py >> logs/cron.log 2>&1\n"""\n\nimport os\n')


def test_a_docstring_crontab_line_continued_with_a_backslash_is_one_line():
    found = script_docs.triggers("scripts/qa.py", QA)
    assert [(t.kind, t.target, t.line) for t in found] == [
        ("scheduled", ["entry", "script:~/work/monitor/scripts/qa.py"], 4)]


def test_a_doc_crontab_line_continued_with_a_backslash_is_one_line():
    text = "```bash\n0 6 * * * cd /srv/app && \\\n    python jobs/nightly.py\n```\n"
    assert [(t.target, t.line) for t in docs.parse("README.md", text)] == [
        (["entry", "script:/srv/app/jobs/nightly.py"], 2)]
