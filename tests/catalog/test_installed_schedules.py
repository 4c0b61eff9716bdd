"""Schedules a repository installs or declares outside a crontab file (issue 15): a crontab line a
setup script writes with its command in a quoted variable, python-crontab jobs, a Railway
``[cron]`` table. And prose a script echoes is no crontab line."""
from __future__ import annotations

from llm_latency_lint.catalog.sources import crontab, railway, shell
from llm_latency_lint.config import Config
from llm_latency_lint.engine import run


def project(root, files):
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return run([root], Config(), root=root)


def sites(result):
    return {(s.resolved.facts.path, s.resolved.site.line): (s.resolved.match.operation, s.latency_class)
            for s in result.sites}

CLIENT = "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
DIGEST = (CLIENT + "import argparse\n\n\ndef main():\n    argparse.ArgumentParser().parse_args()\n"
          "    return client.chat.completions.create(model='m', messages=[])\n\n\n"
          "if __name__ == '__main__':\n    main()\n")

SETUP = """#!/bin/bash
DIR="$( cd "$( dirname "${BASH_SOURCE[0]}" )" && pwd )"
COMMAND="cd $DIR && uv run jobs/digest.py -u $USER"
TMP=$(mktemp)
crontab -l > "$TMP" 2>/dev/null
echo "30 6 * * 1 $COMMAND" >> "$TMP"
crontab "$TMP"
echo "Running the command now for the first time..."
eval "$COMMAND"
"""


def test_a_setup_script_installs_the_command_its_quoted_variable_holds():
    found = shell.parse("setup.sh", SETUP)
    scheduled = [(t.target, t.schedule, t.line) for t in found if t.kind == "scheduled"]
    assert scheduled == [(["entry", "script:$DIR/jobs/digest.py"], "weekly Mon 06:30", 6)]


def test_variables_that_repeat_earlier_variables_stay_bounded():
    """``V1="$V0 $V0"``, ``V2="$V1 $V1"``...: each line doubles; the script is read at once and the
    commands it installs or runs are still found, with no value expanded past its bound."""
    doubling = "".join(f'V{i}="$V{i - 1} $V{i - 1}"\n' for i in range(1, 60))
    text = 'V0="ab"\n' + doubling + 'echo "0 7 * * * python /app/job.py $V59" | crontab -\npython run.py $V59\n'
    found = shell.parse("setup.sh", text)
    assert [(t.kind, t.target, t.line) for t in found if t.kind in ("scheduled", "entry")] == [
        ("scheduled", ["entry", "script:/app/job.py"], 61), ("entry", ["entry", "script:run.py"], 62)]
    variables = {"V0": "ab"}
    for i in range(1, 60):
        variables[f"V{i}"] = shell._expand(f"$V{i - 1} $V{i - 1}", variables)
    assert max(map(len, variables.values())) <= 2 * shell._LONGEST + 1


def test_echoed_prose_is_no_crontab_line():
    """Minute and hour take no names: five words of prose are not a schedule."""
    assert crontab.cron_line("Running the command now for the first time...") is None
    assert crontab.cron_line("0 9 * jan,jul mon-fri python x.py") == ("0 9 * jan,jul mon-fri", "0 9 * jan,jul mon-fri", "python x.py")


def test_the_installed_crontab_line_reaches_the_script(tmp_path):
    result = project(tmp_path, {"setup.sh": SETUP, "jobs/digest.py": DIGEST})
    assert sites(result) == {("jobs/digest.py", 11): ("chat.completions.create", "scheduled")}


INSTALL = """from crontab import CronTab


def install():
    cron = CronTab(user=True)
    job = cron.new(command='cd /srv/app && python jobs/digest.py', comment='digest')
    job.setall('0 8 * * *')
    cron.write()


if __name__ == '__main__':
    install()
"""


def test_a_python_crontab_job_runs_its_command_on_its_schedule(tmp_path):
    result = project(tmp_path, {"install_cron.py": INSTALL, "jobs/digest.py": DIGEST})
    assert sites(result) == {("jobs/digest.py", 11): ("chat.completions.create", "scheduled")}
    (site,) = result.sites
    assert any("installs a crontab job '0 8 * * *' (python-crontab)" in e.note for e in site.evidence)
    unscheduled = INSTALL.replace("    job.setall('0 8 * * *')\n", "    job.minute.every(5)\n")
    result = project(tmp_path / "fields", {"install_cron.py": unscheduled, "jobs/digest.py": DIGEST})
    assert sites(result) == {("jobs/digest.py", 11): ("chat.completions.create", "scheduled")}
    assert result.sites[0].evidence[0].schedule is None


def test_a_job_another_library_creates_is_no_crontab(tmp_path):
    other = INSTALL.replace("from crontab import CronTab", "from scheduler import CronTab")
    result = project(tmp_path, {"install_cron.py": other, "jobs/digest.py": DIGEST})
    assert sites(result) == {("jobs/digest.py", 11): ("chat.completions.create", "real-time")}


def test_a_railway_cron_table_runs_its_command():
    toml = ('[deploy]\nstartCommand = "gunicorn app:app"\n\n[cron]\nschedule = "0 */6 * * *"\ncommand = "python cron.py"\n')
    assert [(t.kind, t.target, t.line) for t in railway.parse("railway.toml", toml)] == [
        ("scheduled", ["entry", "script:cron.py"], 5)]
    listed = '{"crons": [{"schedule": "0 7 * * *", "command": "python -m jobs.digest"}]}'
    assert [(t.target, t.schedule) for t in railway.parse("svc/railway.json", listed)] == [
        (["entry", "module:jobs.digest"], "daily 07:00")]
    assert railway.parse("railway.toml", '[cron]\nschedule = "0 7 * * *"\n') == []
    entries = ('[[cron]]\nschedule = "0 7 * * *"\ncommand = "python a.py"\n\n'
               '[[cron]]\nschedule = "0 7 * * *"\ncommand = "python b.py"\n\n'
               '[[cron]]\nschedule = "30 8 * * 1"\ncommand = "python c.py"\n')
    assert [(t.target, t.line) for t in railway.parse("railway.toml", entries)] == [
        (["entry", "script:a.py"], 2), (["entry", "script:b.py"], 6), (["entry", "script:c.py"], 10)]


# ---- a wrapper a scheduler runs, that runs a command-line tool (policy 1) -------------------
WRAPPER = """#!/bin/bash
# Wrapper for cron: sets up the environment and runs the digest
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PYTHON_SCRIPT="$SCRIPT_DIR/jobs/digest.py"
PYTHON_CMD=$(command -v python3)
if "$PYTHON_CMD" "$PYTHON_SCRIPT" 2>&1 | tee -a run.log; then
    echo done
fi
"""


def test_a_wrapper_runs_the_script_through_an_interpreter_variable():
    from llm_latency_lint.catalog.command_lines import entry_keys

    assert entry_keys('"$PYTHON_CMD" "$DIR/cli.py" --force') == ["script:$DIR/cli.py"]
    assert entry_keys('if "$python_cmd" job.py 2>&1 | tee -a log; then') == ["script:job.py"]
    assert entry_keys("${PYTHON_BIN} -m app.job") == ["module:app.job"]
    assert entry_keys('"$EDITOR" notes.py') == []
    assert entry_keys('"$VENV_PYTHON" job.py') == entry_keys("$PY3 job.py") == ["script:job.py"]
    # a variable only named after Python holds no interpreter: a script, a path, a version check
    assert entry_keys("$PYTHON_SCRIPT nightly.py") == []
    assert entry_keys("${PYTHONPATH} x.py") == entry_keys("$PYTHONHOME x.py") == []
    assert entry_keys("if $PYTHON_VERSION_CHECK report.py; then echo ok; fi") == []
    assert entry_keys('"$PYTHON_FILE" x.py') == []


def test_a_wrapper_whose_header_says_a_system_scheduler_runs_it():
    from llm_latency_lint.catalog.sources import script_docs

    head = '#!/bin/bash\n"""\nShell wrapper for AI Newsletter Scheduler\nHandles environment setup and execution for launchd\n"""\nmain\n'
    (found,) = script_docs.triggers("run.sh", head, "shell:run.sh")
    assert (found.kind, found.target, found.line) == ("scheduled", ["entry", "shell:run.sh"], 4)
    assert script_docs.triggers("run.sh", head.replace("execution for launchd", "logging"), "shell:run.sh") == []



def test_the_command_a_scheduled_wrapper_runs_is_the_scheduled_job(tmp_path):
    files = {"run_digest.sh": WRAPPER, "jobs/__init__.py": "", "jobs/digest.py": DIGEST}
    result = project(tmp_path, files)
    assert sites(result) == {("jobs/digest.py", 11): ("chat.completions.create", "scheduled")}
    (site,) = result.sites
    assert any("run_digest.sh runs $SCRIPT_DIR/jobs/digest.py" in e.note for e in site.evidence)
    assert any("'Wrapper for cron'" in e.note for e in site.evidence)


def test_policy_1_still_makes_a_different_unscheduled_tool_mixed(tmp_path):
    """The wrapper's command is the scheduled job; another argparse script nothing runs, reaching the
    same call by another way (not the job's own entry function), is a person's second path."""
    digest = DIGEST.replace("def main():\n", "def ask():\n    return client.chat.completions.create(model='m', messages=[])\n\n\ndef main():\n")
    digest = digest.replace("    return client.chat.completions.create(model='m', messages=[])\n\n\nif", "    return ask()\n\n\nif")
    manual = ("import argparse\n\nfrom jobs.digest import ask\n\n"
              "if __name__ == '__main__':\n    argparse.ArgumentParser().parse_args()\n    ask()\n")
    files = {"run_digest.sh": WRAPPER, "jobs/__init__.py": "", "jobs/digest.py": digest}
    assert sites(project(tmp_path, files)) == {("jobs/digest.py", 10): ("chat.completions.create", "scheduled")}
    result = project(tmp_path / "two", {**files, "ask_cli.py": manual})
    assert sites(result) == {("jobs/digest.py", 10): ("chat.completions.create", "mixed")}
