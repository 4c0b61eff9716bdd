"""Label policy 1 through call chains (``project/repeats.py``): a command-line tool nothing runs
repeats the scheduled job where every path from it to a function passes through what a block
something runs calls first; a path of its own around that entry keeps it ``mixed``, and a first
call that holds the model call itself is a helper, not the job."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of

AGENTS = ("from openai import OpenAI\n\n\ndef summarize(text):\n"
          "    return OpenAI().chat.completions.create(model='m', messages=[text])\n\n\n"
          "def rank(items):\n"
          "    return OpenAI().chat.completions.create(model='m', messages=items)\n")
PIPELINE = ("from news.agents import rank, summarize\n\n\ndef run_pipeline():\n"
            "    return rank([summarize('a'), summarize('b')])\n")
RUNNER = ("from news.pipeline import run_pipeline\n\nif __name__ == '__main__':\n"
          "    print('start')\n    run_pipeline()\n")
WORKFLOW = ("on:\n  schedule:\n    - cron: '37 15 * * *'\njobs:\n  run:\n    runs-on: ubuntu-latest\n"
            "    steps:\n      - run: python scripts/run.py\n")
CLI = ("import argparse\nimport sys\n\n\ndef run_summarizer():\n    from news.pipeline import run_pipeline\n"
       "    run_pipeline()\n    return True\n\n\ndef show_status():\n    print('ok')\n\n\n"
       "def main():\n    args = argparse.ArgumentParser().parse_args()\n    if args.command == 'run':\n"
       "        return 0 if run_summarizer() else 1\n    show_status()\n    return 0\n\n\n"
       "if __name__ == '__main__':\n    sys.exit(main())\n")
ASK = ("    if args.command == 'ask':\n        from news.agents import summarize\n"
       "        summarize(input())\n")
SUMMARIZE, RANK = ("news/agents.py", 5), ("news/agents.py", 9)


def tree(**extra: str):
    found = {"news/__init__.py": "", "news/agents.py": AGENTS, "news/pipeline.py": PIPELINE, "news/cli.py": CLI,
             "scripts/run.py": RUNNER, ".github/workflows/daily.yml": WORKFLOW}
    found.update(extra)
    return found


def test_a_cli_reaching_the_scheduled_pipeline_a_few_calls_down_repeats_the_job(tmp_path):
    """``cli.py`` ``main`` -> ``run_summarizer`` -> ``run_pipeline``, the function the cron job's
    ``scripts/run.py`` calls: a manual run of the scheduled job, not a person's own use."""
    assert classes_of(project(tmp_path, tree())) == {SUMMARIZE: "scheduled", RANK: "scheduled"}


def test_a_subcommand_calling_a_step_of_the_job_around_its_entry_stays_mixed(tmp_path):
    """The CLI's ``ask`` calls ``summarize`` itself: that path avoids ``run_pipeline``, so a person
    waits there (mixed); ``rank`` it reaches only through the pipeline stays scheduled."""
    cli = CLI.replace("    show_status()\n", ASK + "    show_status()\n")
    assert classes_of(project(tmp_path, tree(**{"news/cli.py": cli}))) == {SUMMARIZE: "mixed", RANK: "scheduled"}


def test_without_the_schedule_the_cli_is_run_by_hand(tmp_path):
    files = tree()
    del files[".github/workflows/daily.yml"]
    assert set(classes_of(project(tmp_path, files)).values()) == {"real-time"}


HELPER = ("from openai import OpenAI\n\n\ndef ask_llm(prompt):\n"
          "    return OpenAI().chat.completions.create(model='m', messages=[prompt])\n")
DAILY = "from bot.llm import ask_llm\n\nif __name__ == '__main__':\n    print(ask_llm('daily digest'))\n"
CHAT = ("import argparse\n\nfrom bot.llm import ask_llm\n\n\ndef chat():\n    while True:\n"
        "        print(ask_llm(input('> ')))\n\n\nif __name__ == '__main__':\n"
        "    argparse.ArgumentParser().parse_args()\n    chat()\n")
CRON = WORKFLOW.replace("scripts/run.py", "daily.py")


def test_a_chat_cli_calling_the_helper_the_scheduled_block_calls_is_not_the_job(tmp_path):
    """The scheduled block's first call holds the model call itself (``ask_llm(prompt)``): a helper
    the job uses, not the job, so a chat loop calling ``ask_llm(input())`` is a person waiting."""
    files = {"bot/__init__.py": "", "bot/llm.py": HELPER, "daily.py": DAILY, "chat.py": CHAT,
             ".github/workflows/daily.yml": CRON}
    assert classes_of(project(tmp_path, files)) == {("bot/llm.py", 5): "mixed"}


def test_a_cli_block_calling_the_helper_directly_is_not_the_job_either(tmp_path):
    chat = ("import argparse\n\nfrom bot.llm import ask_llm\n\nif __name__ == '__main__':\n"
            "    argparse.ArgumentParser().parse_args()\n    ask_llm(input('> '))\n")
    files = {"bot/__init__.py": "", "bot/llm.py": HELPER, "daily.py": DAILY, "chat.py": chat,
             ".github/workflows/daily.yml": CRON}
    assert classes_of(project(tmp_path, files)) == {("bot/llm.py", 5): "mixed"}


LOOP = ("import time\n\nfrom news.pipeline import run_pipeline\n\n\ndef main():\n    while True:\n"
        "        run_pipeline()\n        time.sleep(86400)\n\n\nif __name__ == '__main__':\n    main()\n")
SCHEDULED_JOB = ("import schedule\n\nfrom news.pipeline import run_pipeline\n\n\ndef job():\n    run_pipeline()\n\n\n"
                 "if __name__ == '__main__':\n    schedule.every().day.at('08:00').do(job)\n"
                 "    while True:\n        schedule.run_pending()\n")


def _scheduler_only(text: str):
    files = tree(**{"scheduler.py": text})
    del files[".github/workflows/daily.yml"], files["scripts/run.py"]
    return files


def test_what_a_self_timed_loop_calls_is_the_job(tmp_path):
    """``scheduler.main`` loops and sleeps a day around ``run_pipeline()``: the loop is the
    scheduler, ``run_pipeline`` the job, so the CLI reaching it a few calls down repeats it."""
    result = project(tmp_path, _scheduler_only(LOOP))
    assert classes_of(result) == {SUMMARIZE: "scheduled", RANK: "scheduled"}


def test_what_a_registered_job_calls_is_a_step_of_it_not_the_job(tmp_path):
    """``.do(job)``: ``job`` is the scheduled job; a CLI calling ``run_pipeline``, a step of it, on
    its own runs that step for a person (mixed), unlike one calling ``job()``."""
    assert classes_of(project(tmp_path, _scheduler_only(SCHEDULED_JOB))) == {SUMMARIZE: "mixed", RANK: "mixed"}
    cli = CLI.replace("    from news.pipeline import run_pipeline\n    run_pipeline()\n",
                      "    from scheduler import job\n    job()\n")
    files = {**_scheduler_only(SCHEDULED_JOB), "news/cli.py": cli}
    assert classes_of(project(tmp_path / "calls_job", files)) == {SUMMARIZE: "scheduled", RANK: "scheduled"}


def test_a_cli_calling_a_helper_a_workflow_step_also_runs_keeps_its_own_path(tmp_path):
    """Round 19's Carl-312/daily-report-site: a scheduled workflow's step runs the config loader in a
    heredoc, and a second command-line tool calls that loader too. The loader leads to no model
    call, so calling it starts no scheduled job: the tool's own path to ``summarize`` is a person's."""
    agents = AGENTS + "\n\ndef get_config():\n    return {}\n"
    workflow = WORKFLOW + ("      - run: |\n          python - <<'PY'\n          from news.agents import get_config\n"
                           "          print(get_config())\n          PY\n")
    probe = ("import argparse\n\nfrom news.agents import get_config, summarize\n\n\n"
             "def main():\n    args = argparse.ArgumentParser().parse_args()\n    get_config()\n    summarize(args)\n\n\n"
             "if __name__ == '__main__':\n    main()\n")
    files = tree(**{"news/agents.py": agents, ".github/workflows/daily.yml": workflow, "scripts/probe.py": probe})
    assert classes_of(project(tmp_path, files))[SUMMARIZE] == "mixed"
