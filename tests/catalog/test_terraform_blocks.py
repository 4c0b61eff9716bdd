"""Terraform blocks are cut by braces outside strings, comments and heredocs, and a block left
open ends where the next one starts: one pass over the text, whatever it holds (review 3, finding 5)."""
from __future__ import annotations

from llm_latency_lint.catalog.sources._hcl import _blocks
from llm_latency_lint.catalog.sources.terraform import parse


class CountingText(str):
    """A text that counts how often a character or slice of it is taken."""

    reads = 0

    def __getitem__(self, key):
        CountingText.reads += 1
        return str.__getitem__(self, key)


def test_braces_in_strings_comments_and_heredocs_do_not_open_blocks():
    text = (
        'resource "aws_lambda_function" "a" {\n'
        '  description = "uses { braces"\n'
        '  tags = { note = "${var.x == "}" ? 1 : 2}" }\n'
        '  # a comment with { and "\n'
        '  policy = <<EOT\n{ "Statement": {\nEOT\n'
        '}\n'
        'resource "aws_lambda_function" "b" {\n'
        '  handler = "main.handler"\n'
        '  nested {\n    x = 1\n  }\n'
        '}\n'
    )
    blocks = {(kind, name): body for kind, name, _, body in _blocks(text)}
    assert set(blocks) == {("aws_lambda_function", "a"), ("aws_lambda_function", "b")}
    assert blocks[("aws_lambda_function", "a")].endswith("EOT\n")
    assert "handler" not in blocks[("aws_lambda_function", "a")]
    assert blocks[("aws_lambda_function", "b")] == '\n  handler = "main.handler"\n  nested {\n    x = 1\n  }\n'


def test_unbalanced_strings_in_many_blocks_are_read_in_one_pass():
    """Each block's ``description`` opens a brace it never closes: before, every block's scan ran to
    the end of the file (4,000 such resources took minutes). Reads of the text stay below its size."""
    one = ('resource "aws_lambda_function" "f{n}" {{\n  description = "uses {{ braces"\n'
           '  handler = "f{n}.handler"\n}}\n\n')
    text = CountingText("".join(one.format(n=n) for n in range(300)))
    CountingText.reads = 0
    blocks = list(_blocks(text))
    assert [name for _, name, _, _ in blocks] == [f"f{n}" for n in range(300)]
    assert all(f'handler = "{name}.handler"' in body and body.count("handler =") == 1 for _, name, _, body in blocks)
    assert CountingText.reads < len(text)


def test_an_unclosed_block_does_not_swallow_the_next_functions_handler():
    """An image function with an unclosed brace in a string has no handler of its own: the next
    function's is not taken for it (the schedule targeting it runs the Lambda image named after it,
    ``catalog/lambda_images.py``)."""
    text = (
        'resource "aws_lambda_function" "image" {\n  package_type = "Image"\n  description = "a { b"\n}\n\n'
        'resource "aws_lambda_function" "zip" {\n  filename = "fn.zip"\n  handler = "app.run"\n}\n\n'
        'resource "aws_cloudwatch_event_rule" "nightly" {\n  schedule_expression = "cron(0 3 * * ? *)"\n}\n\n'
        'resource "aws_cloudwatch_event_target" "t" {\n  rule = aws_cloudwatch_event_rule.nightly.name\n'
        '  arn  = aws_lambda_function.image.arn\n}\n'
    )
    entries = {t.entry_key: t.target for t in parse("infra/main.tf", text) if t.kind == "entry"}
    assert entries == {"terraform:infra/aws_lambda_function.zip": ["entry", "terraform-package:infra|fn|app.run"],
                       "terraform:infra/aws_lambda_function.image": ["entry", "lambda-image:image"]}
