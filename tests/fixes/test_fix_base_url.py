"""OpenAI SDK clients pointed at other servers get no OpenAI-only rewrite (issue 16, item 1).

Found on real code by scripts/fix_rate.py: ``OpenAI(base_url="https://models.github.ai/inference")``
(GitHub Models) and clients whose ``base_url`` is a setting or an environment variable were
given the Batch API and flex rewrites, which exist only on api.openai.com. Now the rewrite is
refused naming the ``base_url``, unless ``openai-base-urls`` says it is OpenAI itself.
"""
from __future__ import annotations

import pytest
from support.fixlib import fixes_for

from llm_latency_lint.config import ConfigError, parse

JOB = '''\
import os

from openai import OpenAI

from app import settings

client = OpenAI({args})


def digest(texts):  # llm-latency: scheduled
    out = []
    for text in texts:
        r = client.chat.completions.create(model="o3", messages=[{{"role": "user", "content": text}}])
        out.append(r.choices[0].message.content)
    return out
'''

FOREIGN = {
    "unknown host": ('base_url="https://models.github.ai/inference"', "a server this catalog does not know"),
    "setting": ("base_url=settings.LLM_BASE_URL", "set where the code cannot see it"),
    "environment": ('base_url=os.environ["LLM_BASE_URL"], api_key="k"', "set where the code cannot see it"),
}


def _fix(tmp_path, args, strategy="auto", config=None):
    return fixes_for(tmp_path, JOB.format(args=args), name="job.py", config=config, strategy=strategy)["LLM001"]


@pytest.mark.parametrize("strategy", ["auto", "batch", "flex"])
@pytest.mark.parametrize("name", sorted(FOREIGN))
def test_a_client_on_another_server_is_refused_naming_its_base_url(tmp_path, name, strategy):
    args, what = FOREIGN[name]
    fix = _fix(tmp_path, args, strategy)
    assert fix.refusal.startswith("the client's base_url is `")
    assert what in fix.refusal and "exist only on api.openai.com" in fix.refusal
    assert args.split(",")[0].split("=", 1)[1] in fix.refusal
    assert not fix.edits


@pytest.mark.parametrize("name, allowed", [
    ("unknown host", "https://models.github.ai/inference"),
    ("setting", "settings.LLM_BASE_URL"),
    ("environment", "LLM_BASE_URL"),
    ("setting", "*"),
])
def test_openai_base_urls_opts_a_base_url_in(tmp_path, name, allowed):
    fix = _fix(tmp_path, FOREIGN[name][0], config={"openai-base-urls": [allowed]})
    assert not fix.refusal and fix.edits and "mode: batch" in fix.description


@pytest.mark.parametrize("args", ["", 'base_url="https://api.openai.com/v1"', "api_key=os.environ['K']"])
def test_openai_itself_is_rewritten_as_before(tmp_path, args):
    fix = _fix(tmp_path, args)
    assert not fix.refusal and fix.edits and "mode: batch" in fix.description


def test_a_known_compatible_provider_keeps_its_own_reason(tmp_path):
    fix = _fix(tmp_path, 'base_url="https://api.deepseek.com"')
    assert "deepseek" in fix.refusal.lower() and "base_url is" not in fix.refusal


def test_the_receiver_picks_its_own_client(tmp_path):
    source = JOB.format(args="").replace(
        "client = OpenAI()\n", 'client = OpenAI()\nother = OpenAI(base_url="https://models.github.ai/inference")\n')
    fix = fixes_for(tmp_path, source, name="job.py", strategy="batch")["LLM001"]
    assert not fix.refusal and fix.edits
    fix = fixes_for(tmp_path, source.replace("r = client.", "r = other."), name="job.py", strategy="batch")["LLM001"]
    assert "models.github.ai" in fix.refusal


def test_openai_base_urls_must_be_a_list_of_strings():
    with pytest.raises(ConfigError):
        parse({"openai-base-urls": "https://x"}, "test")
    assert parse({"openai-base-urls": ["X_URL"]}, "test").openai_base_urls == ["X_URL"]


EMBED = '''\
from openai import OpenAI

from app import settings

client = OpenAI({args})


def embed(texts):  # llm-latency: scheduled
    out = []
    for text in texts:
        r = client.embeddings.create(model="text-embedding-3-small", input=text)
        out.append(r.data[0].embedding)
    return out
'''


@pytest.mark.parametrize("args, refused", [("base_url=settings.EMBED_URL", True), ("", False)])
def test_list_input_embeddings_keep_to_openai_itself(tmp_path, args, refused):
    fixes = fixes_for(tmp_path, EMBED.format(args=args), name="embed.py", strategy="auto")
    fix = fixes["LLM003"]
    assert bool(fix.refusal) is refused
    if refused:
        assert fix.refusal.startswith("the client's base_url is `settings.EMBED_URL`")
        assert "2048 inputs per request" in fix.refusal


@pytest.mark.parametrize("client, refused", [
    ('classifier = OpenAI(base_url=settings.CLASSIFIER_URL)\n', True),
    ('def get_classifier():\n    return OpenAI(base_url="https://models.github.ai/inference")\n', True),
    ('classifier = OpenAI()\n', False),
    ('def get_classifier():\n    return OpenAI(base_url=settings.URL)\n', "local"),
])
def test_a_client_built_in_another_module_is_followed(tmp_path, client, refused):
    from support.fixlib import write_project

    from llm_latency_lint.engine import run
    from llm_latency_lint.fixes import FixOptions, attach

    getter = "get_classifier" if "def get_classifier" in client else "classifier"
    call = "get_classifier()" if getter == "get_classifier" else "classifier"
    local = refused == "local"  # ``client = get_classifier()`` first, then ``client.chat...``
    if local:
        call = "client"
    write_project(tmp_path, {
        "app/__init__.py": "",
        "app/clients.py": "from openai import OpenAI\n\nfrom app import settings\n\n" + client,
        "app/job.py": f"from app.clients import {getter}\n\n\n"
                      "def digest(texts):  # llm-latency: scheduled\n"
                      + ("    client = get_classifier()\n" if local else "")
                      + "    out = []\n"
                      "    for text in texts:\n"
                      f"        r = {call}.chat.completions.create(model=\"o3\", messages=[{{\"role\": \"user\", \"content\": text}}])\n"
                      "        out.append(r.choices[0].message.content)\n"
                      "    return out\n",
    })
    cfg = parse({"fix-helper-module": "inline"}, "test")
    result = run([tmp_path], cfg)
    attach(result, cfg, FixOptions())
    fix = next(f.fix for f in result.findings if f.code == "LLM001")
    assert fix.refusal.startswith("the client's base_url is") is bool(refused)
    assert bool(fix.edits) is not bool(refused)


def test_a_client_module_under_a_namespace_root_is_found_by_its_path(tmp_path):
    from support.fixlib import write_project

    from llm_latency_lint.engine import run
    from llm_latency_lint.fixes import FixOptions, attach

    write_project(tmp_path, {
        "backend/app/llm/__init__.py": "",
        "backend/app/llm/client.py": "from openai import OpenAI\n\nfrom app.core import settings\n\n"
                                     "classifier_client = OpenAI(base_url=settings.CLASSIFIER_URL)\n",
        "backend/app/llm/job.py": JOB.format(args="").replace("client = OpenAI()\n", "").replace(
            "from app import settings\n", "from app.llm.client import classifier_client\n").replace(
            "client.chat", "classifier_client.chat"),
    })
    cfg = parse({"fix-helper-module": "inline"}, "test")
    result = run([tmp_path], cfg)
    attach(result, cfg, FixOptions())
    fix = next(f.fix for f in result.findings if f.code == "LLM001")
    assert fix.refusal.startswith("the client's base_url is `settings.CLASSIFIER_URL`")
