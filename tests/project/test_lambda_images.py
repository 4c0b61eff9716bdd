"""Lambda functions packaged as container images (survey 12b): the IaC has no handler, the
Dockerfile's ``CMD`` on a Lambda base image (or after ``awslambdaric``) does, with the code copied
to the task root. Terraform names the image by the function (its ``image_uri`` is a registry URL),
SAM and CDK by the folder it is built in, Serverless by ``provider.ecr.images``."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of

CODE = ("from openai import OpenAI\n\n\n"
        "def handler(event, context):\n"
        "    return OpenAI().chat.completions.create(model='gpt-4o', messages=[])\n")
SITE_LINE = 5
LAMBDA_BASE = "FROM public.ecr.aws/lambda/python:3.12\n"


def image(copy: str, cmd: str = "index.handler", base: str = LAMBDA_BASE) -> str:
    return f"{base}RUN pip install openai\n{copy}\nCMD [ \"{cmd}\" ]\n"


def function_tf(name: str, uri: str) -> str:
    return (f'resource "aws_lambda_function" "{name}" {{\n  function_name = "app-{name}"\n'
            f'  package_type  = "Image"\n  image_uri     = {uri}\n  timeout       = 300\n}}\n')


def schedule_tf(name: str) -> str:
    return (f'resource "aws_cloudwatch_event_rule" "{name}_cron" {{\n  name = "{name}"\n'
            f'  schedule_expression = "cron(0 21 * * ? *)"\n}}\n\n'
            f'resource "aws_cloudwatch_event_target" "{name}_target" {{\n'
            f'  rule = aws_cloudwatch_event_rule.{name}_cron.name\n  arn  = aws_lambda_function.{name}.arn\n}}\n')


def test_a_terraform_image_function_runs_the_handler_of_the_image_named_after_it(tmp_path):
    result = project(tmp_path, {
        "src/digest/index.py": CODE,
        "src/digest/Dockerfile": image("COPY src/digest/ ${LAMBDA_TASK_ROOT}"),  # built from the repository root
        "infra/digest.tf": function_tf("digest", "var.digest_image_uri") + "\n" + schedule_tf("digest"),
    })
    assert classes_of(result) == {("src/digest/index.py", SITE_LINE): "scheduled"}
    notes = " | ".join(e.note for e in result.sites[0].evidence)
    assert "cron(0 21 * * ? *)" in notes and "Lambda image src/digest/Dockerfile runs handler index.handler" in notes


def test_a_queue_mapping_in_another_file_reaches_an_image_built_in_its_own_folder(tmp_path):
    mapping = ('resource "aws_lambda_event_source_mapping" "trigger" {\n'
               '  event_source_arn = aws_sqs_queue.q.arn\n  function_name = aws_lambda_function.rss_reader.arn\n}\n')
    result = project(tmp_path, {
        "services/rss-reader/app.py": CODE,
        "services/rss-reader/Dockerfile": image("COPY app.py ${LAMBDA_TASK_ROOT}/", "app.handler"),
        "terraform/lambda.tf": function_tf("rss_reader", '"${aws_ecr_repository.rss_reader.repository_url}:latest"'),
        "terraform/queue.tf": mapping,
    })
    assert classes_of(result) == {("services/rss-reader/app.py", SITE_LINE): "near-real-time"}


def test_the_only_lambda_image_needs_no_name(tmp_path):
    result = project(tmp_path, {
        "app.py": CODE,
        "Dockerfile": image("COPY . ${LAMBDA_TASK_ROOT}", "app.handler"),
        "main.tf": function_tf("this", "var.image_uri") + "\n" + schedule_tf("this"),
    })
    assert classes_of(result) == {("app.py", SITE_LINE): "scheduled"}


def test_two_images_and_a_name_matching_neither_guess_nothing(tmp_path):
    result = project(tmp_path, {
        "a/app.py": CODE, "a/Dockerfile": image("COPY app.py ${LAMBDA_TASK_ROOT}", "app.handler"),
        "b/app.py": CODE, "b/Dockerfile": image("COPY app.py ${LAMBDA_TASK_ROOT}", "app.handler"),
        "main.tf": function_tf("worker", "var.image_uri") + "\n" + schedule_tf("worker"),
    })
    assert set(classes_of(result).values()) == {"unknown"}


def test_the_runtime_interface_client_on_any_base_image(tmp_path):
    dockerfile = ("FROM python:3.12-slim\nWORKDIR /function\nCOPY handlers/ ./\n"
                  "RUN pip install awslambdaric openai\n"
                  'ENTRYPOINT [ "python", "-m", "awslambdaric" ]\nCMD [ "jobs.handler" ]\n')
    result = project(tmp_path, {
        "worker/handlers/jobs.py": CODE, "worker/Dockerfile": dockerfile,
        "infra/main.tf": function_tf("worker", "var.worker_image") + "\n" + schedule_tf("worker"),
    })
    assert classes_of(result) == {("worker/handlers/jobs.py", SITE_LINE): "scheduled"}


def test_a_plain_image_with_a_dotted_cmd_is_no_lambda(tmp_path):
    result = project(tmp_path, {
        "app.py": CODE, "Dockerfile": image("COPY . /app", "app.handler", base="FROM python:3.12\n"),
        "main.tf": function_tf("this", "var.image_uri") + "\n" + schedule_tf("this"),
    })
    assert classes_of(result) == {("app.py", SITE_LINE): "unknown"}


SAM = ("AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n"
       "  DigestFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      PackageType: Image\n"
       "{config}      Events:\n        Nightly:\n          Type: Schedule\n          Properties:\n"
       "            Schedule: cron(0 3 * * ? *)\n    Metadata:\n      DockerContext: ./digest\n"
       "      Dockerfile: Dockerfile\n")


def test_a_sam_image_function_runs_the_image_built_in_its_docker_context(tmp_path):
    result = project(tmp_path, {
        "digest/app.py": CODE, "digest/Dockerfile": image("COPY app.py ${LAMBDA_TASK_ROOT}", "app.handler"),
        "template.yaml": SAM.format(config=""),
    })
    assert classes_of(result) == {("digest/app.py", SITE_LINE): "scheduled"}


def test_a_sam_image_command_names_the_handler(tmp_path):
    config = "      ImageConfig:\n        Command: [\"jobs.handler\"]\n"
    result = project(tmp_path, {
        "digest/jobs.py": CODE, "digest/Dockerfile": image("COPY . ${LAMBDA_TASK_ROOT}", "app.handler"),
        "template.yaml": SAM.format(config=config),
    })
    assert classes_of(result) == {("digest/jobs.py", SITE_LINE): "scheduled"}


def test_a_serverless_image_function(tmp_path):
    serverless = ("service: digest\nprovider:\n  name: aws\n  ecr:\n    images:\n      digestimage:\n"
                  "        path: ./lambda\nfunctions:\n  digest:\n    image:\n      name: digestimage\n"
                  "    events:\n      - schedule: rate(1 day)\n")
    result = project(tmp_path, {
        "lambda/app.py": CODE, "lambda/Dockerfile": image("COPY app.py ${LAMBDA_TASK_ROOT}", "app.handler"),
        "serverless.yml": serverless,
    })
    assert classes_of(result) == {("lambda/app.py", SITE_LINE): "scheduled"}


def test_a_cdk_docker_image_function(tmp_path):
    stack = ("from aws_cdk import Stack, aws_events as events, aws_events_targets as targets, aws_lambda as lambda_\n\n\n"
             "class DigestStack(Stack):\n    def __init__(self, scope, id):\n        super().__init__(scope, id)\n"
             "        fn = lambda_.DockerImageFunction(self, 'Digest',\n"
             "            code=lambda_.DockerImageCode.from_image_asset('lambdas/digest'))\n"
             "        rule = events.Rule(self, 'Daily', schedule=events.Schedule.cron(minute='0', hour='6'))\n"
             "        rule.add_target(targets.LambdaFunction(fn))\n")
    result = project(tmp_path, {
        "lambdas/digest/app.py": CODE,
        "lambdas/digest/Dockerfile": image("COPY app.py ${LAMBDA_TASK_ROOT}", "app.handler"),
        "infra/stack.py": stack,
    })
    assert classes_of(result) == {("lambdas/digest/app.py", SITE_LINE): "scheduled"}


def test_the_dockerfile_entries_of_a_lambda_image():
    from llm_latency_lint.catalog.sources import dockerfile

    def entries(text: str, path: str = "svc/Dockerfile"):
        return sorted((t.entry_key, t.target[1]) for t in dockerfile.parse(path, text) if t.source == "dockerfile"
                      and (t.entry_key or "").startswith("lambda-image:"))

    assert entries(image("COPY src/ ${LAMBDA_TASK_ROOT}/", "jobs.run")) == [
        ("lambda-image:svc", "src.jobs.run"), ("lambda-image:svc", "svc.src.jobs.run")]
    assert entries(image("COPY --from=build /out ${LAMBDA_TASK_ROOT}", "app.handler"), "Dockerfile") == [
        ("lambda-image:.", "app.handler")]  # built files: the handler is read from the root
    assert entries(image('COPY "unbalanced ${LAMBDA_TASK_ROOT}')) == [("lambda-image:svc", "index.handler"),
                                                                      ("lambda-image:svc", "svc.index.handler")]
    assert entries(image("COPY . /srv", "python app.py")) == []  # a command line, not a handler
    assert entries(image("COPY . .", "app.handler", base="FROM node:20\n")) == []
