"""A shell script's runs with words, followed with care: a wrapper that runs itself with other
words (``run.sh all`` runs ``./run.sh digest``) stops where a (script, words) run repeats; ``shift``
moves the words a later line reads; a one-line function with a trailing comment, or a ``{ ...; }``
group inside a function, does not hide the script's own lines."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of, evidence_notes

from llm_latency_lint.catalog.command_lines import entry_keys
from llm_latency_lint.catalog.positional import fill, shifted
from llm_latency_lint.catalog.sources import shell
from llm_latency_lint.project import classify, classify_entries

COMMAND = ("from django.core.management.base import BaseCommand\nfrom openai import OpenAI\n\n\n"
           "class Command(BaseCommand):\n    def handle(self, *args, **options):\n"
           "        return OpenAI().chat.completions.create(model='m', messages=[])\n")
SELF_CALLING = ('#!/bin/bash\nset -e\nif [ "$1" = "all" ]; then\n'
                + "".join(f'  ./run.sh {name} "$2"\n' for name in ("digest", "report", "cleanup", "notify"))
                + '  exit 0\nfi\npython manage.py "$1" "$2"\n')
DOC = "# App\n\n```\n0 6 * * * /srv/app/run.sh all\n```\n"


def django(run_sh: str, doc: str = DOC) -> dict:
    return {"run.sh": run_sh, "README.md": doc, "manage.py": "import django\n", "app/__init__.py": "",
            "app/management/__init__.py": "", "app/management/commands/__init__.py": "",
            "app/management/commands/digest.py": COMMAND}


def test_a_wrapper_running_itself_with_words_follows_each_run_once(tmp_path):
    result = project(tmp_path, django(SELF_CALLING))
    site = ("app/management/commands/digest.py", 7)
    assert classes_of(result) == {site: "scheduled"}
    notes = evidence_notes(result, site).split(" | ")
    assert len(notes) == len(set(notes)), notes  # no run repeats in the chain
    assert "run with all: it runs run.sh digest ''" in notes and "run with digest '': it runs manage.py digest" in notes


def test_runs_whose_words_grow_stop_at_the_budget(tmp_path, monkeypatch):
    """Each of four self-calls adds a word: every run is new, so only the budget stops them."""
    growing = '#!/bin/bash\n' + "".join(f'./run.sh {name} "$@"\n' for name in "abcd") + 'python manage.py digest\n'
    follows = []
    original = classify.Classifier._entry_seeds

    def counted(self, *args, **kwargs):
        follows.append(args[2])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(classify.Classifier, "_entry_seeds", counted)
    result = project(tmp_path, django(growing, DOC.replace("run.sh all", "run.sh x")))
    assert classes_of(result) == {("app/management/commands/digest.py", 7): "scheduled"}
    assert len(follows) <= 8 * classify_entries.MAX_ENTRY_RUNS, len(follows)  # 4 ** 8 runs without the budget


def test_shift_moves_the_words_later_lines_read(tmp_path):
    text = ('#!/bin/bash\ncd "$(dirname "$0")"\nexport APP_ENV="$1"\nshift\npython "$@"\n'
            'while [ $# -gt 0 ]; do\n  shift\ndone\nexec "$1"\n')
    found = [t.target[1] for t in shell.parse("run.sh", text) if str(t.target[1]).startswith("positional:")]
    assert found == ['positional:python "${@:2}"', 'positional:exec "${2}"']  # a shift in a loop: not counted
    assert fill(shifted("python $1 ${2:-x} $*", 2), ["env", "v", "job.py"]) == "python job.py x job.py"
    files = {"run.sh": text, "README.md": "```\n0 6 * * * /srv/app/run.sh prod scripts/digest.py\n```\n",
             "scripts/digest.py": ("from openai import OpenAI\n\n\ndef main():\n"
                                   "    return OpenAI().chat.completions.create(model='m', messages=[])\n\n\n"
                                   "if __name__ == '__main__':\n    main()\n")}
    result = project(tmp_path, files)
    assert classes_of(result) == {("scripts/digest.py", 5): "scheduled"}
    assert "run with prod scripts/digest.py: it runs scripts/digest.py" in evidence_notes(result, ("scripts/digest.py", 5))


def test_a_commented_one_line_function_and_a_group_in_a_function_leave_the_script_its_lines():
    text = ('#!/bin/bash\nlog() { echo "[$(date)] $*"; }  # timestamped\npython manage.py "$1"\n'
            'run() {\n  {\n    python "$1"\n  } >> log 2>&1\n  python "$2"\n}\nrun_late()\n{\n  python "$1"\n}\n'
            'exec "$@"  # forward\n')
    templates = [t.line for t in shell.parse("run.sh", text) if str(t.target[1]).startswith("positional:")]
    assert templates == [3, 14]


def test_a_redirection_against_a_word_is_not_part_of_it():
    assert entry_keys("./run.sh digest>log") == ["shell:run.sh\tdigest"]
    assert entry_keys("./run.sh digest 2>>err.log") == ["shell:run.sh\tdigest"]
