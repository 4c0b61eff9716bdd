"""A command-line tool a person runs outranks what a name says (issue 15, round 8's
florisvlasveld/vea): ``summarize_daily`` reached from a Typer or argparse command nobody
schedules is a person waiting; the labels never count a name as a schedule (policy 2). A Typer
app mounting another module's app (``app.add_typer(daily.app)``) runs that app's commands."""
from __future__ import annotations

from test_graph import project, sites

SUMM = (
    "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
    "def summarize_daily(day):\n    return client.chat.completions.create(model='m', messages=[day])\n"
)
ROOT = "import typer\n\nfrom . import daily\n\napp = typer.Typer()\n\nif hasattr(app, 'add_typer'):\n    app.add_typer(daily.app)\n"
DAILY = (
    "import typer\n\nfrom ..summ import summarize_daily\n\napp = typer.Typer()\n\n\n"
    "@app.command('daily')\ndef generate(day: str = ''):\n    summarize_daily(day)\n"
)
PYPROJECT = '[project]\nname = "pkg"\nversion = "0"\n\n[project.scripts]\npkg = "pkg.cli:app"\n'
TYPER_APP = {"pkg/__init__.py": "", "pkg/cli/__init__.py": ROOT, "pkg/cli/daily.py": DAILY, "pkg/summ.py": SUMM,
             "pyproject.toml": PYPROJECT}
SCRIPT = (
    "{imports}from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
    "def weekly_digest(topic):\n    return client.chat.completions.create(model='m', messages=[topic])\n\n\n"
    "if __name__ == '__main__':\n    {args}weekly_digest('news')\n"
)


def _evidence(result):
    (site,) = result.sites
    return [e.note for e in site.evidence]


def test_a_typer_app_mounted_from_another_module_is_a_command_a_person_runs(tmp_path):
    result = project(tmp_path, TYPER_APP)
    assert sites(result) == {("pkg/summ.py", 7): ("chat.completions.create", "real-time")}
    assert any("console script 'pkg'" in note for note in _evidence(result))


def test_the_mounted_app_is_scheduled_when_a_crontab_runs_its_command(tmp_path):
    files = dict(TYPER_APP, crontab="0 7 * * * cd /srv/pkg && pkg daily\n")
    result = project(tmp_path, files)
    assert sites(result) == {("pkg/summ.py", 7): ("chat.completions.create", "scheduled")}


def test_an_argparse_script_outranks_the_name_of_what_it_calls(tmp_path):
    script = SCRIPT.format(imports="import argparse\n", args="argparse.ArgumentParser().parse_args()\n    ")
    result = project(tmp_path, {"digest.py": script})
    assert sites(result) == {("digest.py", 8): ("chat.completions.create", "real-time")}
    assert not any("suggests" in note for note in _evidence(result))


def test_a_bare_main_block_gives_way_to_the_name(tmp_path):
    """A ``__main__`` that parses no arguments (a demo) is weaker than the name (policy 1's last line)."""
    result = project(tmp_path, {"digest.py": SCRIPT.format(imports="", args="")})
    assert sites(result) == {("digest.py", 7): ("chat.completions.create", "scheduled")}
