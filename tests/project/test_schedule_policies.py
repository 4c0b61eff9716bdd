"""Label policies 1-3 end to end: a documented crontab line schedules an argparse CLI (no run by
hand added), another command line no schedule runs makes the site mixed, a ``schedule`` job that
runs a script in a subprocess reaches that script's calls, a compose service run with flags only
runs its image's entrypoint."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of

CLIENT = ("from anthropic import Anthropic\n\n\ndef summarize(text):\n"
          "    return Anthropic().messages.create(model='m', max_tokens=9, messages=[])\n")
MAIN = ("import argparse\n\nfrom bot.client import summarize\n\n\ndef main():\n"
        "    args = argparse.ArgumentParser().parse_args()\n    summarize('x')\n\n\n"
        "if __name__ == '__main__':\n    main()\n")
README = ("# Bot\n\nTry it: `python main.py --mode evening --dry-run`\n\n```cron\n"
          "0 13 * * * cd /srv/bot && python main.py --mode evening >> cron.log 2>&1\n```\n")
OTHER_CLI = ("import click\n\nfrom bot.client import summarize\n\n\n@click.command()\ndef cli():\n"
             "    summarize('y')\n\n\nif __name__ == '__main__':\n    cli()\n")


def tree(**extra: str):
    found = {"bot/__init__.py": "", "bot/client.py": CLIENT, "main.py": MAIN, "README.md": README}
    found.update(extra)
    return found


def test_a_documented_crontab_line_schedules_the_cli_it_runs_without_a_run_by_hand(tmp_path):
    result = project(tmp_path, tree())
    assert classes_of(result) == {("bot/client.py", 5): "scheduled"}
    first = result.sites[0].evidence[0]
    assert (first.path, first.line) == ("README.md", 6)
    assert "documents a crontab line '0 13 * * *'" in first.note


def test_without_the_documented_line_the_cli_is_run_by_hand(tmp_path):
    result = project(tmp_path, tree(**{"README.md": "# Bot\n\nThe digest goes out daily at 13:00 UTC.\n"}))
    assert classes_of(result) == {("bot/client.py", 5): "real-time"}


def test_a_documented_line_that_runs_another_program_adds_nothing(tmp_path):
    result = project(tmp_path, tree(**{"README.md": README.replace("python main.py", "python /opt/other/run.py")}))
    assert classes_of(result) == {("bot/client.py", 5): "real-time"}


def test_a_documented_path_from_another_machine_names_the_one_script_of_that_name(tmp_path):
    """``/full/path/to/main.py`` in a README's crontab line: neither path ends the other, the file
    name is the longest tail they share, and one scanned script has it (round 9)."""
    readme = README.replace("cd /srv/bot && python main.py", "/usr/bin/python3 /full/path/to/main.py")
    files = tree(**{"README.md": readme})
    files["src/main.py"] = files.pop("main.py")
    assert classes_of(project(tmp_path, files)) == {("bot/client.py", 5): "scheduled"}


def test_a_documented_path_two_scripts_share_the_tail_of_names_neither(tmp_path):
    readme = README.replace("cd /srv/bot && python main.py", "/usr/bin/python3 /full/path/to/main.py")
    files = tree(**{"README.md": readme, "tools/main.py": MAIN})
    files["src/main.py"] = files.pop("main.py")
    assert classes_of(project(tmp_path, files)) == {("bot/client.py", 5): "real-time"}


def test_another_command_line_no_schedule_runs_makes_the_site_mixed(tmp_path):
    """Policy 1: the schedule runs ``main.py``; ``tools/resummarize.py`` is a click CLI in another
    module that nothing runs: a person runs it and waits."""
    result = project(tmp_path, tree(**{"tools/resummarize.py": OTHER_CLI}))
    assert classes_of(result) == {("bot/client.py", 5): "mixed"}


RUNNER = ("import subprocess\nimport sys\n\nimport schedule\n\n\ndef run_script():\n"
          "    subprocess.run(['/srv/venv/bin/python', 'main.py'], check=True)\n\n\n"
          "if __name__ == '__main__':\n    schedule.every().day.at('21:00').do(run_script)\n"
          "    while True:\n        schedule.run_pending()\n")


def test_a_scheduled_function_that_runs_a_script_in_a_subprocess_reaches_the_scripts_calls(tmp_path):
    result = project(tmp_path, tree(**{"run.py": RUNNER, "README.md": "# Bot\n"}))
    assert classes_of(result) == {("bot/client.py", 5): "scheduled"}
    notes = [e.note for e in result.sites[0].evidence]
    assert "run_script runs main.py with subprocess.run" in notes, notes


def test_a_launcher_function_nothing_calls_runs_nothing(tmp_path):
    unused = RUNNER.replace("schedule.every().day.at('21:00').do(run_script)", "pass")
    result = project(tmp_path, tree(**{"run.py": unused, "README.md": "# Bot\n"}))
    assert classes_of(result) == {("bot/client.py", 5): "real-time"}


def test_a_documented_compose_run_with_flags_runs_the_images_entrypoint(tmp_path):
    files = tree(**{
        "README.md": "```bash\n0 0 * * * cd /home/pi/bot && /usr/bin/docker compose run --rm bot --mode=ingest\n```\n",
        "docker-compose.yml": "services:\n  bot:\n    build: .\n    restart: 'no'\n",
        "Dockerfile": "FROM python:3.12\nWORKDIR /app\nENTRYPOINT [\"python\", \"main.py\"]\nCMD [\"--mode=digest\"]\n",
    })
    result = project(tmp_path, files)
    assert classes_of(result) == {("bot/client.py", 5): "scheduled"}
    assert [e.path for e in result.sites[0].evidence[:3]] == ["README.md", "docker-compose.yml", "Dockerfile"]


CLI_MODULE = ("import click\n\nfrom bot.client import summarize\n\n\n@click.command()\ndef cli():\n"
              "    summarize('x')\n\n\nif __name__ == '__main__':\n    cli()\n")
ENTRY = "from bot.cli import cli\n\nif __name__ == '__main__':\n    cli()\n"
WORKFLOW = ("on:\n  schedule:\n    - cron: '14 8 * * *'\njobs:\n  run:\n    runs-on: ubuntu-latest\n"
            "    steps:\n      - run: python main.py\n")


def test_the_scheduled_cli_under_another_name_only_repeats_the_job(tmp_path):
    """``bot/cli.py``'s own ``__main__`` calls the same ``cli`` the scheduled ``main.py`` calls:
    ``python -m bot.cli`` is the scheduled command by another name (a manual re-run), not mixed."""
    result = project(tmp_path, {"bot/__init__.py": "", "bot/client.py": CLIENT, "bot/cli.py": CLI_MODULE,
                                "main.py": ENTRY, ".github/workflows/daily.yml": WORKFLOW})
    assert classes_of(result) == {("bot/client.py", 5): "scheduled"}


def test_a_bot_whose_command_line_starts_its_own_daily_loop_is_scheduled(tmp_path):
    """``main.py --now`` runs the daily job at once; without it, ``main`` starts the loop that runs
    it every day: the command hosts the schedule, so a manual run repeats the scheduled job."""
    bot = ("import argparse\nimport asyncio\n\nfrom bot.client import summarize\n\n\n"
           "async def daily_loop():\n    while True:\n        await asyncio.sleep(86400)\n        summarize('x')\n\n\n"
           "async def main():\n    args = argparse.ArgumentParser().parse_args()\n    if args.now:\n"
           "        summarize('now')\n    await asyncio.create_task(daily_loop())\n\n\n"
           "if __name__ == '__main__':\n    asyncio.run(main())\n")
    result = project(tmp_path, {"bot/__init__.py": "", "bot/client.py": CLIENT, "main.py": bot})
    assert classes_of(result) == {("bot/client.py", 5): "scheduled"}


def test_a_shell_script_runs_python_named_by_a_variable(tmp_path):
    runner = ('#!/bin/bash\nREPO_DIR="$(cd "$(dirname "$0")" && pwd)"\nVENV_PYTHON="$REPO_DIR/.venv/bin/python"\n'
              '"$VENV_PYTHON" "$REPO_DIR/main.py" --mode evening >> "$REPO_DIR/log" 2>&1\n')
    crontab = "0 7 * * * /srv/bot/run_all.sh\n"
    result = project(tmp_path, tree(**{"README.md": "# Bot\n", "run_all.sh": runner, "deploy/crontab": crontab}))
    assert classes_of(result) == {("bot/client.py", 5): "scheduled"}


def test_an_eventbridge_schedule_reaches_a_lambda_declared_in_another_terraform_file(tmp_path):
    """Terraform reads a folder as one module: ``eventbridge.tf`` targets the function ``lambda.tf``
    declares (its archive is a placeholder: the handler resolves from the scan root)."""
    handler = ("from openai import OpenAI\n\n\ndef lambda_handler(event, context):\n"
               "    return OpenAI().chat.completions.create(model='m', messages=[])\n")
    lambda_tf = ('resource "aws_lambda_function" "main" {\n  function_name = "digest"\n'
                 '  filename      = data.archive_file.dummy.output_path\n  handler = "src.handler.lambda_handler"\n}\n')
    schedule_tf = ('resource "aws_scheduler_schedule" "daily" {\n  schedule_expression = "cron(0 9 * * ? *)"\n'
                   '  target {\n    arn = aws_lambda_function.main.arn\n  }\n}\n')
    result = project(tmp_path, {"app/src/__init__.py": "", "app/src/handler.py": handler,
                                "terraform/lambda.tf": lambda_tf, "terraform/eventbridge.tf": schedule_tf})
    assert classes_of(result) == {("app/src/handler.py", 5): "scheduled"}
    assert [e.path for e in result.sites[0].evidence[:2]] == ["terraform/eventbridge.tf", "terraform/lambda.tf"]


def test_each_terraform_function_runs_the_handler_its_archive_in_another_file_packs(tmp_path):
    """``data.tf`` packs two folders that each hold ``lambda_function.py``; ``lambda.tf`` declares an
    API Gateway function and a queue-fed one naming the same handler: each runs its own folder's."""
    handler = ("from openai import OpenAI\n\n\ndef lambda_handler(event, context):\n"
               "    return OpenAI().chat.completions.create(model='m', messages=[])\n")
    data_tf = "".join(f'data "archive_file" "{name}" {{\n  type = "zip"\n  source_dir = "./{name}"\n'
                      f'  output_path = "./{name}/code.zip"\n}}\n\n' for name in ("front", "back"))
    lambda_tf = "".join(f'resource "aws_lambda_function" "{name}" {{\n  filename = data.archive_file.{name}.output_path\n'
                        f'  handler = "lambda_function.lambda_handler"\n}}\n\n' for name in ("front", "back"))
    lambda_tf += ('resource "aws_apigatewayv2_integration" "api" {\n  integration_uri = aws_lambda_function.front.invoke_arn\n}\n\n'
                  'resource "aws_lambda_event_source_mapping" "queue" {\n  event_source_arn = aws_sqs_queue.q.arn\n'
                  '  function_name = aws_lambda_function.back.arn\n}\n')
    result = project(tmp_path, {"front/lambda_function.py": handler, "back/lambda_function.py": handler,
                                "data.tf": data_tf, "lambda.tf": lambda_tf})
    assert classes_of(result) == {("front/lambda_function.py", 5): "real-time",
                                  ("back/lambda_function.py", 5): "near-real-time"}
    back = next(s for s in result.sites if s.resolved.facts.path == "back/lambda_function.py")
    assert "archive 'back' packs back/ (data.tf)" in " | ".join(e.note for e in back.evidence)


PACKED_HANDLER = ("import json\nimport urllib.request\n\n\ndef handler(event, context):\n"
                  "    req = urllib.request.Request('https://api.openai.com/v1/chat/completions', data=b'{}')\n"
                  "    return urllib.request.urlopen(req, timeout=30)\n")
QUIET_HANDLER = "def handler(event, context):\n    return {'statusCode': 200}\n"
ZIPPED_TF = (
    'resource "aws_lambda_function" "aggregator" {\n  filename = "aggregator.zip"\n'
    '  function_name = "${var.project}-aggregator-${var.env}"\n  handler = "index.handler"\n}\n\n'
    'resource "aws_lambda_function" "email_sender" {\n  filename = "placeholder.zip"\n'
    '  function_name = "${var.project}-email-sender-${var.env}"\n  handler = "index.handler"\n}\n\n'
    'resource "aws_cloudwatch_event_rule" "morning" {\n  schedule_expression = "cron(0 10 * * ? *)"\n}\n\n'
    'resource "aws_cloudwatch_event_target" "aggregator" {\n  rule = aws_cloudwatch_event_rule.morning.name\n'
    '  arn  = aws_lambda_function.aggregator.arn\n}\n'
)
ZIP_SCRIPT = 'for f in aggregator email-sender; do (cd "$f" && zip -r "../$f.zip" index.py); done\n'


def test_a_terraform_function_from_a_zip_a_script_builds_runs_the_folder_its_package_names(tmp_path):
    """Several ``index.py`` make ``index.handler`` ambiguous: ``aggregator.zip`` names the folder, so the scheduled function runs ``lambdas/aggregator/index.py``."""
    files = {"terraform/main.tf": ZIPPED_TF, "lambdas/deploy.sh": ZIP_SCRIPT,
             "lambdas/aggregator/index.py": PACKED_HANDLER, "lambdas/email-sender/index.py": PACKED_HANDLER,
             "lambdas/ingestor/index.py": QUIET_HANDLER}
    result = project(tmp_path, files)
    assert classes_of(result) == {("lambdas/aggregator/index.py", 7): "scheduled",
                                  ("lambdas/email-sender/index.py", 7): "unknown"}
    notes = " | ".join(e.note for e in result.sites[0].evidence)
    assert "the folder its package names, lambdas/aggregator/" in notes


REPORT_TF = ('resource "aws_lambda_function" "report" {\n  filename = "lambda_payload.zip"\n'
             '  function_name = "${var.project}-report-${var.env}"\n  handler = "handler.lambda_handler"\n}\n\n'
             'resource "aws_cloudwatch_event_rule" "nightly" {\n  schedule_expression = "cron(0 2 * * ? *)"\n}\n\n'
             'resource "aws_cloudwatch_event_target" "report" {\n  rule = aws_cloudwatch_event_rule.nightly.name\n'
             '  arn  = aws_lambda_function.report.arn\n}\n')
REPORT_JOB = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef lambda_handler(event, context):\n"
              "    return client.chat.completions.create(model='m', messages=[])\n")
REPORT_APP = ("from fastapi import FastAPI\nfrom openai import OpenAI\n\napp = FastAPI()\nclient = OpenAI()\n\n\n"
              "@app.post('/report')\ndef report(q: str):\n    return client.chat.completions.create(model='m', messages=[])\n"
              "\n\ndef lambda_handler(event, context):\n    return report(event['q'])\n")


def test_a_function_name_word_pairs_no_folder_and_a_unique_handler_stays(tmp_path):
    """``function_name``'s words (``report``) name the deployment, not a folder: a ``report/`` FastAPI
    package with its own ``lambda_handler`` is not the nightly Lambda, which stays the handler the
    name resolves to (``functions/report_job/handler.py``)."""
    files = {"infra/main.tf": REPORT_TF, "functions/report_job/handler.py": REPORT_JOB,
             "report/__init__.py": "", "report/handler.py": REPORT_APP}
    assert classes_of(project(tmp_path, files)) == {("functions/report_job/handler.py", 7): "scheduled",
                                                    ("report/handler.py", 10): "real-time"}


def test_a_package_name_two_folders_share_or_none_holds_pairs_nothing(tmp_path):
    """Two ``aggregator/index.py`` folders, or a zip naming no folder: the handler stays ambiguous."""
    twice = {"terraform/main.tf": ZIPPED_TF, "a/aggregator/index.py": PACKED_HANDLER,
             "b/aggregator/index.py": PACKED_HANDLER}
    assert set(classes_of(project(tmp_path / "twice", twice)).values()) == {"unknown"}
    other = {"terraform/main.tf": ZIPPED_TF.replace("aggregator", "summary"),
             "lambdas/aggregator/index.py": PACKED_HANDLER, "lambdas/other/index.py": PACKED_HANDLER}
    assert set(classes_of(project(tmp_path / "other", other)).values()) == {"unknown"}
