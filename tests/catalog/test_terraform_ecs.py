"""Terraform schedules starting an ECS task (``catalog/sources/_terraform_ecs.py``): the task
definition's container command when the file declares one, else the repository's image."""
from __future__ import annotations

from llm_latency_lint.catalog.sources.terraform import parse

SCHEDULER = '''
resource "aws_scheduler_schedule" "daily" {
  name                = "daily"
  schedule_expression = var.schedule_cron

  target {
    arn      = aws_ecs_cluster.main.arn
    role_arn = aws_iam_role.scheduler.arn

    ecs_parameters {
      task_definition_arn = aws_ecs_task_definition.digest.arn
      launch_type         = "FARGATE"
    }
  }
}
'''
TASK = '''
resource "aws_ecs_task_definition" "digest" {
  family = "digest"
  container_definitions = jsonencode([{
    name    = "digest"
    image   = "ghcr.io/me/digest:latest"
    command = ["python", "-m", "jobs.digest"]
  }])
}
'''
RULE = '''
resource "aws_cloudwatch_event_rule" "nightly" {
  name                = "nightly"
  schedule_expression = "cron(0 2 * * ? *)"
}

resource "aws_cloudwatch_event_target" "nightly" {
  rule     = aws_cloudwatch_event_rule.nightly.name
  arn      = aws_ecs_cluster.main.arn
  ecs_target {
    task_definition_arn = aws_ecs_task_definition.other.arn
  }
}
'''


def _found(text):
    return [(t.kind, t.target, t.schedule) for t in parse("infra/main.tf", text)]


def test_a_scheduler_starting_a_task_another_file_defines_runs_the_repositorys_image():
    assert _found(SCHEDULER) == [("scheduled", ["entry", "docker:Dockerfile"], None)]


def test_a_scheduler_starting_a_task_the_file_defines_runs_its_container_command():
    assert _found(SCHEDULER + TASK) == [("scheduled", ["entry", "module:jobs.digest"], None)]


def test_an_eventbridge_rule_targeting_a_task_is_read_in_words():
    assert _found(RULE) == [("scheduled", ["entry", "docker:Dockerfile"], "daily 02:00")]


def test_an_event_pattern_rule_targeting_a_task_is_no_schedule():
    pattern = RULE.replace('schedule_expression = "cron(0 2 * * ? *)"', 'event_pattern = "{}"')
    assert _found(pattern) == []


OVERRIDE = '''
  input = jsonencode({
    containerOverrides = [{
      name    = "digest"
      command = ["python", "-m", "jobs.nightly"]
    }]
  })
}
'''


def test_a_target_overriding_the_container_command_runs_its_own_command():
    overridden = RULE.replace("other", "digest").rstrip().rstrip("}") + OVERRIDE
    assert _found(overridden + TASK) == [("scheduled", ["entry", "module:jobs.nightly"], "daily 02:00")]


def test_a_scheduler_overriding_the_command_in_json_runs_its_own_command():
    json_input = '    input = "{\\"containerOverrides\\": [{\\"name\\": \\"digest\\", ' \
        '\\"command\\": [\\"python\\", \\"-m\\", \\"jobs.nightly\\"]}]}"\n'
    scheduler = SCHEDULER.replace("    ecs_parameters {", json_input + "    ecs_parameters {")
    assert _found(scheduler + TASK) == [("scheduled", ["entry", "module:jobs.nightly"], None)]
