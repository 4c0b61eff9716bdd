"""Every refusal: the fix is withheld, the finding carries ``Fix.refusal`` saying why."""
from __future__ import annotations

import textwrap

import pytest
from support.fixlib import fixed_text, fixes_for

HEAD = '''\
from openai import OpenAI

client = OpenAI()

'''

REFUSALS = {
    "feeds the next request": (
        '''\
        def job(items):  # llm-latency: scheduled
            previous = ""
            for item in items:
                r = client.chat.completions.create(model="m", messages=[previous, item])
                previous = r.choices[0].message.content
        ''',
        "feeds one result into the next request",
    ),
    "feeds through a list": (
        '''\
        def job(items):  # llm-latency: scheduled
            history = []
            for item in items:
                r = client.chat.completions.create(model="m", messages=history + [item])
                history.append(r.choices[0].message)
        ''',
        "feeds one result into the next request",
    ),
    "break": (
        '''\
        def job(items):  # llm-latency: scheduled
            for item in items:
                r = client.chat.completions.create(model="m", messages=[item])
                if r.id == "stop":
                    break
        ''',
        "`break` inside the loop",
    ),
    "return": (
        '''\
        def job(items):  # llm-latency: scheduled
            for item in items:
                r = client.chat.completions.create(model="m", messages=[item])
                if r.id:
                    return r
        ''',
        "`return` inside the loop",
    ),
    "yield": (
        '''\
        def job(items):  # llm-latency: scheduled
            for item in items:
                yield client.chat.completions.create(model="m", messages=[item])
        ''',
        "`yield` inside the loop",
    ),
    "try with a handler in the loop that re-raises": (
        '''\
        def job(items):  # llm-latency: scheduled
            for item in items:
                try:
                    r = client.chat.completions.create(model="m", messages=[item])
                except Exception:
                    print("failed")
                    raise
        ''',
        "a handler of the `try` at line 7 raises (line 11): the original stops at the first failure",
    ),
    "try in the loop with work before the call": (
        '''\
        def job(items):  # llm-latency: scheduled
            for item in items:
                try:
                    print(item)
                    r = client.chat.completions.create(model="m", messages=[item])
                except Exception:
                    continue
        ''',
        "the call is not the first statement of the `try` at line 7",
    ),
    "try around the loop": (
        '''\
        def job(items):  # llm-latency: scheduled
            try:
                for item in items:
                    r = client.chat.completions.create(model="m", messages=[item])
            except Exception:
                return None
        ''',
        "whose handlers depend on the per-call failure",
    ),
    "try around a single call": (
        '''\
        def job(item):  # llm-latency: scheduled
            try:
                return client.chat.completions.create(model="m", messages=[item])
            except Exception:
                return None
        ''',
        "whose handlers depend on the per-call failure",
    ),
    "mutable state changed in the loop": (
        '''\
        def job(items):  # llm-latency: scheduled
            counter = 0
            for item in items:
                r = client.chat.completions.create(model="m", messages=[item], user=str(counter))
                counter += 1
        ''',
        "which the loop body changes (`counter`)",
    ),
    "mutated attribute": (
        '''\
        def job(state, items):  # llm-latency: scheduled
            for item in items:
                r = client.chat.completions.create(model="m", messages=state.prompt)
                state.prompt = state.prompt + [item]
        ''',
        "which the loop body changes",
    ),
    "generator consumed twice": (
        '''\
        def job(lines):  # llm-latency: scheduled
            it = iter(lines)
            for line in it:
                extra = next(it)
                r = client.chat.completions.create(model="m", messages=[line])
        ''',
        "runs before the call in every iteration",
    ),
    "iterator consumed in the body after the call": (
        '''\
        def job(lines):  # llm-latency: scheduled
            it = iter(lines)
            for line in it:
                r = client.chat.completions.create(model="m", messages=[line])
                skipped = next(it, None)
        ''',
        "consumes or changes `it`, which it iterates over",
    ),
    "attribute loop target": (
        '''\
        def job(state, items):  # llm-latency: scheduled
            for state.current in items:
                r = client.chat.completions.create(model="m", messages=[state.current])
        ''',
        "the loop assigns to an attribute or item",
    ),
    "elif branch": (
        '''\
        def job(items):  # llm-latency: scheduled
            for item in items:
                if item.a:
                    pass
                elif item.b:
                    r = client.chat.completions.create(model="m", messages=[item.text])
        ''',
        "the call is in an elif branch inside the loop",
    ),
    "while loop": (
        '''\
        def job(queue):  # llm-latency: scheduled
            while queue:
                r = client.chat.completions.create(model="m", messages=[queue.pop()])
        ''',
        "inside a while loop",
    ),
    "side effect before the call": (
        '''\
        def job(items, log):  # llm-latency: scheduled
            for item in items:
                log.info("summarising %s", item)
                r = client.chat.completions.create(model="m", messages=[item])
        ''',
        "may have side effects",
    ),
    "comprehension": (
        '''\
        def job(items):  # llm-latency: scheduled
            return [client.chat.completions.create(model="m", messages=[i]) for i in items]
        ''',
        "inside a comprehension or lambda",
    ),
    "conditional expression": (
        '''\
        def job(item, cached):  # llm-latency: scheduled
            return cached or client.chat.completions.create(model="m", messages=[item])
        ''',
        "short-circuit",
    ),
    "raw response": (
        '''\
        def job(item):  # llm-latency: scheduled
            return client.chat.completions.with_raw_response.create(model="m", messages=[item])
        ''',
        "raw response",
    ),
    "streaming call under the batch fix": (
        '''\
        def job(item):  # llm-latency: scheduled
            s = client.chat.completions.create(model="m", messages=[item], stream=True)
            return s
        ''',
        "the call streams",
    ),
    "extra_headers": (
        '''\
        def job(item):  # llm-latency: scheduled
            return client.chat.completions.create(model="m", messages=[item], extra_headers={"x": "1"})
        ''',
        "`extra_headers=` has no place in a batch request line",
    ),
}


@pytest.mark.parametrize("name", list(REFUSALS))
def test_refused_with_reason(tmp_path, name):
    body, reason = REFUSALS[name]
    source = HEAD + textwrap.dedent(body)
    fix = fixes_for(tmp_path, source)["LLM001"]
    assert not fix.applicable and not fix.edits
    assert reason in fix.refusal, fix.refusal
    assert fixed_text(tmp_path, source) is None or "_openai_batch" not in fixed_text(tmp_path, source)


def test_azure_without_a_batch_deployment_is_refused(tmp_path):
    source = textwrap.dedent('''\
    from openai import AzureOpenAI

    az = AzureOpenAI(api_version="2025-04-01-preview", azure_endpoint="https://x.example")

    def job(q):  # llm-latency: scheduled
        return az.chat.completions.create(model="gpt-4o-mini-std", messages=q)
    ''')
    fix = fixes_for(tmp_path, source)["LLM001"]
    assert "needs a batch deployment for 'gpt-4o-mini-std'" in fix.refusal
    assert "azure-batch-deployments" in fix.refusal


def test_anthropic_on_bedrock_is_refused_because_the_sdk_refuses_batches(tmp_path):
    source = textwrap.dedent('''\
    from anthropic import AnthropicBedrock

    claude = AnthropicBedrock()

    def job(q):  # llm-latency: scheduled
        return claude.messages.create(model="anthropic.claude-3-5-haiku", max_tokens=10, messages=q)
    ''')
    fix = fixes_for(tmp_path, source)["LLM001"]
    assert "the SDK refuses batches on this client" in fix.refusal
    assert "Bedrock" in fix.refusal


def test_module_level_proxy_is_refused(tmp_path):
    source = textwrap.dedent('''\
    import openai

    def job(q):  # llm-latency: scheduled
        return openai.chat.completions.create(model="m", messages=q)
    ''')
    assert "module-level OpenAI client" in fixes_for(tmp_path, source)["LLM001"].refusal


def test_stream_loop_doing_more_than_concatenating_is_refused(tmp_path):
    source = HEAD + textwrap.dedent('''\
    def job(q):  # llm-latency: scheduled
        text = ""
        for chunk in client.chat.completions.create(model="m", messages=q, stream=True):
            print(chunk.id)
            text += chunk.choices[0].delta.content or ""
        return text
    ''')
    fix = fixes_for(tmp_path, source)["LLM004"]
    assert "does more than add up each chunk's text" in fix.refusal


def test_no_fixer_in_the_catalog_says_so(tmp_path, monkeypatch):
    from llm_latency_lint.fixes import registry as catalog

    monkeypatch.setattr(catalog, "fixers", lambda: {})
    source = HEAD + textwrap.dedent('''\
    def job(q):  # llm-latency: scheduled
        return client.chat.completions.create(model="m", messages=q)
    ''')
    assert "no batch rewrite for openai chat.completions.create yet" in fixes_for(tmp_path, source)["LLM001"].refusal


def test_module_binding_a_name_the_helper_needs_is_refused(tmp_path):
    source = textwrap.dedent('''\
    from datetime import time

    from openai import OpenAI

    client = OpenAI()

    def job(q):  # llm-latency: scheduled
        return client.chat.completions.create(model="m", messages=q), time(2, 0)
    ''')
    assert "already binds `time` to something else" in fixes_for(tmp_path, source)["LLM001"].refusal
