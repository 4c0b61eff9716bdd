"""A Terraform function whose ``filename`` zip a build script packs from a folder of another name.

Issue 15, round 16's dspenard/lambda-bedrock-kb-test: ``filename = "city_facts_agent.zip"`` names no
folder, and ``scripts/build.sh`` copies ``src/lambda_agent/index.py`` into a staging folder and zips
it (``cp ...; cd build_agent; zip -r ../city_facts_agent.zip .``): the API Gateway function runs
``src/lambda_agent/index.py``, not the other ``index.py``.
"""
from __future__ import annotations

import pytest
from test_graph import project
from test_reach import classes_of

from llm_latency_lint.catalog.sources._packages import FOLDER_KEY, ZIP_KEY, packed_zips

HANDLER = ("from openai import OpenAI\n\n\ndef handler(event, context):\n"
           "    return OpenAI().chat.completions.create(model='m', messages=[])\n")
TF = ('resource "aws_lambda_function" "agent" {\n  filename = "city_facts_agent.zip"\n'
      '  handler = "index.handler"\n}\n\n'
      'resource "aws_lambda_function" "direct" {\n  filename = "city_facts_direct.zip"\n'
      '  handler = "index.handler"\n}\n\n'
      'resource "aws_api_gateway_integration" "agent" {\n  uri = aws_lambda_function.agent.invoke_arn\n}\n')
STAGED = ("mkdir -p build_agent\ncp src/lambda_agent/index.py build_agent/\ncd build_agent\n"
          "zip -r ../city_facts_agent.zip .\ncd ..\n")
IN_PLACE = "cd src/lambda_agent && zip -r ../../city_facts_agent.zip . && cd -\n"
JUNKED = "zip -j city_facts_agent.zip src/lambda_agent/index.py\n"
GLOBBED = "cp -r src/lambda_agent/* build/\n(cd build && zip -qr ../city_facts_agent.zip .)\n"


@pytest.mark.parametrize("script", [STAGED, IN_PLACE, JUNKED, GLOBBED])
def test_the_folder_a_build_script_zips_is_the_functions_code(tmp_path, script):
    files = {"terraform/lambda.tf": TF, "scripts/build.sh": script,
             "src/lambda_agent/index.py": HANDLER, "src/lambda_direct/index.py": HANDLER}
    result = project(tmp_path, files)
    assert classes_of(result) == {("src/lambda_agent/index.py", 5): "real-time",
                                  ("src/lambda_direct/index.py", 5): "unknown"}
    notes = " | ".join(e.note for e in result.sites[0].evidence)
    assert "the folder its package names, src/lambda_agent/" in notes


def test_without_the_build_script_the_handler_stays_ambiguous(tmp_path):
    files = {"terraform/lambda.tf": TF, "src/lambda_agent/index.py": HANDLER, "src/lambda_direct/index.py": HANDLER}
    assert set(classes_of(project(tmp_path, files)).values()) == {"unknown"}


def test_a_script_is_read_from_the_root_and_from_its_own_folder():
    """Where the script runs from is not written: both readings, those above the root dropped."""
    found = packed_zips("lambdas/build.sh", [(1, "cp agent/index.py out/"), (2, "cd out"),
                                              (3, "zip -r ../agent.zip .")])
    assert [(t.entry_key, t.target) for t in found] == [
        (ZIP_KEY + "agent", ["entry", FOLDER_KEY + "agent"]),
        (ZIP_KEY + "agent", ["entry", FOLDER_KEY + "lambdas/agent"])]


def test_a_subshells_cd_ends_with_it():
    """``(cd src/a && zip -r ../../a.zip .)`` leaves the script where it was: the next line's
    ``(cd src/b && ...)`` is read from the same place, not from ``src/a``."""
    found = packed_zips("build.sh", [(1, "(cd src/lambda_a && zip -r ../../infra/ingest.zip .)"),
                                     (2, "(cd src/lambda_b && zip -r ../../infra/summarizer.zip .)")])
    assert [(t.entry_key, t.target) for t in found] == [
        (ZIP_KEY + "ingest", ["entry", FOLDER_KEY + "src/lambda_a"]),
        (ZIP_KEY + "summarizer", ["entry", FOLDER_KEY + "src/lambda_b"])]
