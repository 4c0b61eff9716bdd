"""A job run only by a GitHub Actions schedule gets no blocking batch by default (issue 16, item 4).

Found on real code by scripts/fix_rate.py: a daily workflow's embeddings loop became a batch,
but GitHub Actions cancels a job after 6 h and a batch may take 24 h. Now, when every trigger
reaching the call is a GitHub Actions workflow (one of them its ``schedule:``), ``auto`` takes
flex where the model allows it, else refuses saying why; ``--fix-strategy batch`` still batches.
"""
from __future__ import annotations

import pytest
from support.fixlib import write_project

from llm_latency_lint.config import parse
from llm_latency_lint.engine import run
from llm_latency_lint.fixes import FixOptions, attach

WORKFLOW = '''\
name: daily
on:
  schedule:
    - cron: "0 6 * * *"
  workflow_dispatch:
jobs:
  digest:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: python digest.py
'''

DIGEST = '''\
from openai import OpenAI

client = OpenAI()


def main(texts):
    out = []
    for text in texts:
        r = client.chat.completions.create(model="{model}", messages=[{{"role": "user", "content": text}}])
        out.append(r.choices[0].message.content)
    return out


if __name__ == "__main__":
    main(["a", "b"])
'''


def _fix(root, model, strategy="auto", extra=None):
    files = {".github/workflows/daily.yml": WORKFLOW, "digest.py": DIGEST.format(model=model), **(extra or {})}
    write_project(root, files)
    cfg = parse({"fix-helper-module": "inline"}, "test")
    result = run([root], cfg)
    attach(result, cfg, FixOptions(strategy=strategy))
    return next(f.fix for f in result.findings if f.code == "LLM001" and f.path == "digest.py")


def test_a_flex_model_gets_flex_and_the_reason(tmp_path):
    fix = _fix(tmp_path, "o3")
    assert not fix.refusal and "mode: flex" in fix.description
    assert "GitHub Actions job is cancelled after 6 h" in fix.description
    assert ".github/workflows/daily.yml:" in fix.description


def test_without_flex_the_batch_is_refused_with_the_time_limit(tmp_path):
    fix = _fix(tmp_path, "gpt-4o-mini")
    assert fix.refusal.startswith("every trigger reaching the call is a GitHub Actions workflow run on its `schedule:`")
    assert not fix.edits


def test_fix_strategy_batch_forces_the_batch(tmp_path):
    fix = _fix(tmp_path, "gpt-4o-mini", strategy="batch")
    assert not fix.refusal and fix.edits


@pytest.mark.parametrize("model", ["o3", "gpt-4o-mini"])
def test_another_trigger_keeps_the_batch(tmp_path, model):
    other = {"cron_job.py": "import digest\n\n\ndef nightly():  # llm-latency: scheduled\n    digest.main(['x'])\n"}
    fix = _fix(tmp_path, model, extra=other)
    assert not fix.refusal and "mode: batch" in fix.description


def test_a_foreign_base_url_is_the_reason_that_leads(tmp_path):
    files = {".github/workflows/daily.yml": WORKFLOW,
             "digest.py": DIGEST.format(model="o3").replace("OpenAI()", 'OpenAI(base_url="https://llm.example.org/v1")')}
    write_project(tmp_path, files)
    cfg = parse({}, "test")
    result = run([tmp_path], cfg)
    attach(result, cfg, FixOptions())
    fix = next(f.fix for f in result.findings if f.code == "LLM001")
    assert fix.refusal.startswith("the client's base_url is `\"https://llm.example.org/v1\"`")
