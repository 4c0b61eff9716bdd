"""The prefilter's anchors: SDK packages shared with non-LLM services count only with the words
of their LLM modules (issue 14): boto3 with a Bedrock runtime client, google with genai or
generativeai; google.protobuf, google.cloud.storage and S3 make no anchor."""
from __future__ import annotations

import pytest

from llm_latency_lint.facts import prefilter


@pytest.mark.parametrize("text", [
    "import boto3\n\ns3 = boto3.client('s3')\n",
    "import boto3\n\nsession = boto3.Session()\ntable = session.resource('dynamodb')\n",
    "from google.protobuf import json_format\n",
    "from google.cloud import storage\n\nbucket = storage.Client().bucket('b')\n",
    "import google.auth\n",
    "# see google for more\nx = 1\n",
    "class Meta:\n    unique_together = (('a', 'b'),)\n",
    "def check_coherence(x):\n    return x\n",
    "# put together with openai later\n",
    "ALLOWED_HOSTS = ['localhost', '127.0.0.1', '0.0.0.0']\n",
    "import requests\n\nrequests.get('http://localhost:8000/health')\n",
])
def test_a_non_llm_use_of_a_shared_package_is_no_anchor(text):
    assert not prefilter.summarise(text, "m", False).anchor


@pytest.mark.parametrize("text", [
    "import boto3\n\nbr = boto3.client('bedrock-runtime')\n",
    "import boto3\n\nagent = boto3.client(service_name=\"bedrock-agent-runtime\")\n",
    "import boto3\n\ncontrol = boto3.client('bedrock')\n",
    "from google import genai\n",
    "from google import auth, genai\n",
    "from google.genai import types\n",
    "import google.generativeai as palm\n",
    "from google import generativeai\n",
    "import vertexai\n",
    "from openai import OpenAI\n",
    "import os, openai\n",
    "def ask():\n    import anthropic\n    return anthropic.Anthropic()\n",
    "from together import Together\n",
    "import cohere as co\n",
    "# llm-latency: scheduled\n",
])
def test_an_llm_module_is_an_anchor(text):
    assert prefilter.summarise(text, "m", False).anchor


def test_an_s3_helper_no_longer_pulls_its_importers_in():
    texts = {
        "storage.py": "import boto3\n\ndef put(key, body):\n    boto3.client('s3').put_object(Key=key, Body=body)\n",
        "views.py": "from storage import put\n\ndef upload(request):\n    put('k', request.body)\n",
        "llm.py": "import boto3\n\nbr = boto3.client('bedrock-runtime')\n\n"
                  "def ask(body):\n    return br.converse(modelId='m', messages=[])\n",
        "jobs.py": "from llm import ask\n\ndef nightly():\n    ask('x')\n",
    }
    modules = {k: k[:-3] for k in texts}
    packages = {k: False for k in texts}
    assert prefilter.relevant(texts, modules, packages) == {"llm.py", "jobs.py"}


def test_an_importer_by_path_of_a_namespace_folder_is_kept():
    """``app/`` has no ``__init__.py``: its files' module names drop ``app``, but code run from the
    scan root imports them as ``app.ai.client`` (the graph resolves it the same way)."""
    texts = {
        "app/ai/client.py": "from openai import AsyncOpenAI\n\nclient = AsyncOpenAI()\n",
        "app/ai/generator.py": "from app.ai.client import client\n\nasync def post(text):\n"
                               "    return await client.chat.completions.create(model='m', messages=[])\n",
    }
    modules = {"app/ai/client.py": "ai.client", "app/ai/generator.py": "ai.generator"}
    packages = {k: False for k in texts}
    assert prefilter.relevant(texts, modules, packages) == set(texts)


def test_test_code_is_never_kept():
    """Calls in tests are no call sites and nothing deployed runs them (``files.testpaths``)."""
    texts = {
        "app/llm.py": "from openai import OpenAI\n\nclient = OpenAI()\n\ndef ask(q):\n"
                      "    return client.responses.create(model='m', input=q)\n",
        "tests/test_llm.py": "from openai import OpenAI\nfrom app.llm import ask\n\ndef test_ask():\n    ask('x')\n",
        "app/test_smoke.py": "import anthropic\n",
        "conftest.py": "from app.llm import client\n",
    }
    modules = {"app/llm.py": "app.llm", "tests/test_llm.py": "test_llm", "app/test_smoke.py": "app.test_smoke",
               "conftest.py": "conftest"}
    assert prefilter.relevant(texts, modules, {k: False for k in texts}) == {"app/llm.py"}


def test_a_helper_handed_its_client_is_parsed_and_its_call_is_a_site(tmp_path):
    """A helper module that takes the client as a parameter imports and names no SDK: the dotted
    operation path it calls (``.chat.completions.create(``) anchors it, so the call is found and
    classified by whoever passes the client in."""
    from llm_latency_lint.config import Config
    from llm_latency_lint.engine import run

    (tmp_path / "helpers.py").write_text(
        "def summarize(client, text):\n"
        "    return client.chat.completions.create(model='m', messages=[{'role': 'user', 'content': text}])\n")
    (tmp_path / "main.py").write_text(
        "from openai import OpenAI\n\nfrom helpers import summarize\n\n\n"
        "def main():\n    summarize(OpenAI(), 'news')\n\n\nif __name__ == '__main__':\n    main()\n")
    workflow = tmp_path / ".github" / "workflows" / "digest.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("on:\n  schedule:\n    - cron: '0 6 * * *'\njobs:\n  d:\n    runs-on: ubuntu-latest\n"
                        "    steps:\n      - run: python main.py\n")
    result = run([tmp_path], Config(), root=tmp_path)
    assert [(s.resolved.facts.path, s.resolved.site.line, s.latency_class) for s in result.sites] == [
        ("helpers.py", 2, "scheduled")]
    assert prefilter.summarise("x.chat.completions.create(model='m')\n", "m", False).anchor
    assert not prefilter.summarise("client.create(name='m')\n", "m", False).anchor


@pytest.mark.parametrize("text", [
    "def f(c):\n    return c.chat.completions.create(model='m', messages=[])\n",
    "def f(c):\n    return c.messages.parse(model='m')\n",
    "def f(rt):\n    return rt.converse(modelId='m')\n",
    "def f(c):\n    c.create(x)\n    c.chat.completions.list()\n",
    "x = 'see .chat.completions.create( in the docs'\n",
    "def f(twilio):\n    twilio.messages.create(to='+1', body='b')\n",
])
def test_the_call_path_scan_finds_what_a_search_for_every_path_finds(text):
    from llm_latency_lint.catalog import providers
    from llm_latency_lint.facts import wordscan

    calls = prefilter.summarise(text, "m", False).calls
    assert wordscan.mentions_call_path(text, calls) == any(a in text for a in providers.call_path_anchors())


def test_the_roots_import_pattern_matches_what_one_alternative_per_root_matches():
    """``roots_pattern`` writes the import statement's shape once around the roots' alternation;
    it finds the same import lines as ``import_of`` joined per root, with or without own roots."""
    import re

    from llm_latency_lint.catalog import providers

    roots = providers.import_anchored_roots()
    lines = [f"{indent}{form}" for indent in ("", "    ", "\t") for root in [*roots[:40], "openai", "anthropic"]
             for form in (f"import {root}", f"from {root} import X", f"from {root}.sub import X", f"import os, {root}",
                          f"import {root}_extra", f"from {root}x import y", f"import os  # {root}", f"x = {root}",
                          f"from .{root} import y", f"import os; import {root}", f"import a.{root}")]
    text = "\n".join(lines)
    for own in (frozenset(), frozenset({"openai", roots[3]})):
        joined = re.compile("|".join(providers.import_of(r) for r in roots if r not in own), re.MULTILINE)
        factored = prefilter.roots_pattern(own)
        assert [bool(joined.search(line)) for line in lines] == [bool(factored.search(line)) for line in lines]
        assert [m.start() for m in joined.finditer(text)] == [m.start() for m in factored.finditer(text)]
        assert any(factored.search(line) for line in lines) and not all(factored.search(line) for line in lines)
