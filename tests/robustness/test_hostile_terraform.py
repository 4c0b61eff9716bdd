"""A ``.tf`` file is read with line regexes: runs of blank lines or spaces must stay linear (a
pattern opening ``^\\s*`` under ``re.MULTILINE`` retried every blank line: 60 KB took 87 s)."""
from __future__ import annotations

import time

from llm_latency_lint.catalog.sources import terraform

BLANK = "\n" * 60_000


def test_blank_line_runs_in_every_block_parse_at_once():
    text = ('resource "aws_lambda_function" "f" {\n  function_name = "f"\n' + BLANK + '  handler = "app.handler"\n'
            '  environment {\n    variables = {\n' + BLANK + '      "MODE" = "batch"' + " " * 5_000 + ',\n    }\n  }\n}\n'
            'module "m" {\n  source = "./lambda"\n' + BLANK + '  create_lambda_function_url = true\n'
            '  handler = "b.c"\n}\n'
            'resource "aws_lambda_permission" "p" {\n' + BLANK + '  principal = "s3.amazonaws.com"\n'
            '  function_name = aws_lambda_function.f.function_name\n}\n')
    start = time.monotonic()
    found = terraform.parse("infra/main.tf", text)
    assert time.monotonic() - start < 10  # linear: well under a second; quadratic: minutes
    kinds = {(t.kind, t.target[1], t.line) for t in found if t.entry_key is None}
    assert kinds == {("real-time", "infra.b.c", 120_010), ("near-real-time", "infra.app.handler", 180_015)}
