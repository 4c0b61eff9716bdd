"""Each command of a console script's Click group is its own command line (policy 1): a command
that repeats the scheduled job (``run-once``) leaves the schedule's class alone, another command
reaching the same code (``embed``) makes it mixed."""
from __future__ import annotations

import textwrap

import pytest
from support.fixlib import write_project

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run

JOBS = """
from openai import OpenAI

client = OpenAI()


def embed(text):
    return client.embeddings.create(model="text-embedding-3-small", input=text)


def pipeline():
    embed("news")
"""

SCHEDULER = """
from apscheduler.schedulers.blocking import BlockingScheduler

from tool.jobs import pipeline


def run_scheduler():
    scheduler = BlockingScheduler()
    scheduler.add_job(pipeline, "cron", hour=3)
    scheduler.start()
"""

CLI = """
import click

from tool.jobs import embed, pipeline
from tool.scheduler import run_scheduler


@click.group()
def main():
    pass


@main.command(name="run-once")
def run_once():
    pipeline()


@main.command(name="scheduler:run")
def scheduler_run():
    run_scheduler()
{extra}
"""

EMBED = """

@main.command(name="embed")
def embed_one():
    embed("one post")
"""


@pytest.mark.parametrize("extra, expected", [("", "scheduled"), (EMBED, "mixed")])
def test_commands_of_a_group_are_separate_command_lines(tmp_path, extra, expected):
    files = {"tool/__init__.py": "", "tool/jobs.py": JOBS, "tool/scheduler.py": SCHEDULER,
             "tool/cli.py": CLI.format(extra=extra),
             "pyproject.toml": '[project]\nname = "tool"\n\n[project.scripts]\ntool = "tool.cli:main"\n'}
    result = run([write_project(tmp_path, {k: textwrap.dedent(v) for k, v in files.items()})], Config(), root=tmp_path)
    assert [s.latency_class for s in result.sites] == [expected]
