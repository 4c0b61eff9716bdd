"""AWS Lambda functions packaged as container images: the image's ``CMD`` names the handler.

A function deployed from an image (Terraform ``package_type = "Image"``, SAM ``PackageType: Image``,
CDK ``DockerImageFunction``, Serverless ``image:``) has no ``handler`` of its own: the Dockerfile it
is built from does, ``CMD ["index.handler"]`` on an AWS base image (``public.ecr.aws/lambda/python``)
or after the runtime interface client (``ENTRYPOINT ["python", "-m", "awslambdaric"]``), with the
code copied to the task root (``COPY src/digest/ ${LAMBDA_TASK_ROOT}``). The Dockerfile is the entry
``lambda-image:<its folder>`` (``sources/dockerfile.py``); the IaC names it by the image's folder when
it knows it (SAM ``DockerContext``, CDK ``from_image_asset(directory)``) and otherwise by the function's
name (Terraform's ``image_uri`` is a registry URL): the graph matches the folder by its tail
(``project/classify_entries.py``), and a repository with one Lambda image needs no name.
"""
from __future__ import annotations

import posixpath
import re

from llm_latency_lint.model import Expr

KIND = "lambda-image"
# Base images whose entry point is the Lambda runtime: ``CMD`` is the handler.
BASE_IMAGES = re.compile(r"^(?:public\.ecr\.aws/lambda/python|amazon/aws-lambda-python|lambci/lambda:(?:build-)?python)",
                         re.IGNORECASE)
# An entry point that starts the runtime interface client in any image.
RUNTIME_CLIENT = "awslambdaric"
# Where the runtime imports the handler from.
TASK_ROOTS = ("${LAMBDA_TASK_ROOT}", "$LAMBDA_TASK_ROOT", "/var/task")
HANDLER = re.compile(r"^[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)+$")
# Words an image's variable or repository name carries besides the function's name.
GENERIC_NAMES = frozenset({"image", "img", "uri", "url", "ecr", "repo", "repository", "lambda", "function", "tag"})
_NAME_SUFFIXES = re.compile(rf"(?:[_-](?:{'|'.join(sorted(GENERIC_NAMES))}))+$", re.IGNORECASE)


def image_key(folder: str) -> str:
    """The entry key of a Lambda image built in ``folder`` (``""``: the repository root); names are
    compared without case and with ``-`` as ``_`` (``rss-reader`` is Terraform's ``rss_reader``)."""
    folder = posixpath.normpath(folder).lstrip("/") if folder else "."
    return f"{KIND}:{folder.lower().replace('-', '_')}"


def function_name(name: str) -> str:
    """``summarizer_image_uri`` -> ``summarizer``: the function a variable or repository names."""
    return _NAME_SUFFIXES.sub("", name) or name


def handler_expr(handler: str) -> Expr:
    """A trigger's target: a handler's dotted name, or ``@lambda-image:<folder>`` the image's entry."""
    return ["entry", handler[1:]] if handler.startswith("@") else ["str", handler]


def shown_handler(handler: str) -> str:
    """How the evidence names a handler or an image's."""
    return f"the Lambda image built in {handler.partition(':')[2]}" if handler.startswith("@") else handler
