"""Before/after rewrites for every shape (LibCST ``CodemodTest`` style), aliases and async included.

Each case names the function to compare; the helper and imports are checked once in the golden
test and in ``test_helper_and_imports``.
"""
from __future__ import annotations

import textwrap

import pytest
from support.fixlib import assert_imports_sorted, fixed_text, function_code

CASES = {
    "single call, alias import": (
        '''\
        from openai import OpenAI as OAI

        client = OAI()

        def job(text):  # llm-latency: scheduled
            reply = client.chat.completions.create(model="gpt-4o-mini", messages=[text])
            return reply.choices[0].message.content
        ''',
        "job",
        '''\
        def job(text):  # llm-latency: scheduled
            reply = next(
                _openai_batch(
                    client,
                    "/v1/chat/completions",
                    [dict(model="gpt-4o-mini", messages=[text])],
                    openai.types.chat.ChatCompletion.model_validate,
                )
            )
            return reply.choices[0].message.content
        ''',
    ),
    "module alias, loop over a call, nested if": (
        '''\
        import openai as oa

        client = oa.OpenAI()

        def job(rows, out):  # llm-latency: scheduled
            for row in rows.fetch():
                if row.active:
                    result = client.responses.create(model="gpt-4.1-mini", input=row.text)
                    out.append(result.output_text)
        ''',
        "job",
        '''\
        def job(rows, out):  # llm-latency: scheduled
            # The requests go to the OpenAI Batch API; the loop below runs on the results, in order.
            batch_items = list(rows.fetch())
            batch_bodies = [dict(model="gpt-4.1-mini", input=row.text) for row in batch_items if row.active]
            batch_results = _openai_batch(
                client, "/v1/responses", batch_bodies, openai.types.responses.Response.model_validate,
            )
            for row in batch_items:
                if row.active:
                    result = next(batch_results)
                    out.append(result.output_text)
        ''',
    ),
    "self attribute client, with_options, negated guard": (
        '''\
        from openai import OpenAI

        class Nightly:
            def __init__(self):
                self.client = OpenAI()

            def run(self, docs):  # llm-latency: scheduled
                for doc in docs:
                    if not doc.ready:
                        continue
                    doc.vector = self.client.with_options(timeout=30).embeddings.create(model="text-embedding-3-small", input=doc.text).data[0].embedding
        ''',
        "run",
        '''\
        def run(self, docs):  # llm-latency: scheduled
            # The requests go to the OpenAI Batch API; the loop below runs on the results, in order.
            batch_items = list(docs)
            batch_bodies = [
                dict(model="text-embedding-3-small", input=doc.text)
                for doc in batch_items
                if doc.ready
            ]
            batch_results = _openai_batch(
                self.client.with_options(timeout=30), "/v1/embeddings", batch_bodies, openai.types.CreateEmbeddingResponse.model_validate,
            )
            for doc in batch_items:
                if not doc.ready:
                    continue
                doc.vector = next(batch_results).data[0].embedding
        ''',
    ),
    "async client, single awaited call": (
        '''\
        from openai import AsyncOpenAI

        aclient = AsyncOpenAI()

        async def job(q):  # llm-latency: scheduled
            r = await aclient.chat.completions.create(model="gpt-4o-mini", messages=q, timeout=20)
            return r.id
        ''',
        "job",
        '''\
        async def job(q):  # llm-latency: scheduled
            r = next(
                await _openai_batch_async(
                    aclient,
                    "/v1/chat/completions",
                    [dict(model="gpt-4o-mini", messages=q)],
                    openai.types.chat.ChatCompletion.model_validate,
                )
            )
            return r.id
        ''',
    ),
    "comments and layout inside the call survive": (
        '''\
        from openai import OpenAI

        client = OpenAI()

        def job(items):  # llm-latency: scheduled
            # one request per item
            for item in items:
                resp = client.chat.completions.create(
                    model="gpt-4o-mini",  # cheapest
                    # the prompt
                    messages=[{"role": "user", "content": item}],
                )
                print(resp.id)  # keep the log line
        ''',
        "job",
        '''\
        def job(items):  # llm-latency: scheduled
            # one request per item
            # The requests go to the OpenAI Batch API; the loop below runs on the results, in order.
            batch_items = list(items)
            batch_bodies = [
                dict(
                    model="gpt-4o-mini",  # cheapest
                    # the prompt
                    messages=[{"role": "user", "content": item}],
                )
                for item in batch_items
            ]
            batch_results = _openai_batch(
                client, "/v1/chat/completions", batch_bodies, openai.types.chat.ChatCompletion.model_validate,
            )
            for item in batch_items:
                resp = next(batch_results)
                print(resp.id)  # keep the log line
        ''',
    ),
    "method: self client, counter on self after the call": (
        '''\
        from openai import OpenAI

        class Digest:
            def __init__(self):
                self.client = OpenAI()
                self.sent = 0

            def run(self, users):  # llm-latency: scheduled
                for user in users:
                    mail = self.client.chat.completions.create(model="gpt-4o-mini", messages=[user.prompt])
                    self.sent += 1
                    user.send(mail.choices[0].message.content)
        ''',
        "run",
        '''\
        def run(self, users):  # llm-latency: scheduled
            # The requests go to the OpenAI Batch API; the loop below runs on the results, in order.
            batch_items = list(users)
            batch_bodies = [dict(model="gpt-4o-mini", messages=[user.prompt]) for user in batch_items]
            batch_results = _openai_batch(
                self.client, "/v1/chat/completions", batch_bodies, openai.types.chat.ChatCompletion.model_validate,
            )
            for user in batch_items:
                mail = next(batch_results)
                self.sent += 1
                user.send(mail.choices[0].message.content)
        ''',
    ),
    "groq client": (
        '''\
        import groq

        g = groq.Groq()

        def job(texts):  # llm-latency: scheduled
            return [x for x in texts if g.chat.completions.create(model="llama-3.1-8b-instant", messages=[x]).id]
        ''',
        None,  # a comprehension: refused (see test_fix_refusals)
        None,
    ),
}


@pytest.mark.parametrize("name", [k for k, v in CASES.items() if v[1]])
def test_rewrite(tmp_path, name):
    before, function, after = CASES[name]
    text = fixed_text(tmp_path, textwrap.dedent(before))
    assert text is not None, "no fix applied"
    assert function_code(text, function) == textwrap.dedent(after)


def test_helper_and_imports(tmp_path):
    before, _, _ = CASES["single call, alias import"]
    text = fixed_text(tmp_path, textwrap.dedent(before))
    # the imports where Ruff's isort order puts them: stdlib, then third party, one blank line between
    assert text.startswith("import json\nimport time\nfrom typing import (\n    Any,\n")
    assert "\n    TypeVar,\n)\n\nimport openai\nimport openai.types.chat\nfrom openai import OpenAI as OAI\n\n" in text
    assert_imports_sorted(tmp_path, text)
    assert text.count("def _openai_batch(") == 1
    assert text.index("def _openai_batch(") < text.index("client = OAI()")
    # the limits are named constants next to the helper, with their source
    assert "\n_OPENAI_BATCH_MAX_REQUESTS = 50_000  # requests per input file (openai batches.create docstring)\n" in text
    assert "\n_OPENAI_BATCH_MAX_BYTES = 200 * 1000 * 1000  # " in text
    assert text.count("def _batch_spans(") == 1


def test_azure_uses_the_configured_batch_deployment(tmp_path):
    source = '''\
    from openai import AzureOpenAI

    az = AzureOpenAI(api_version="2025-04-01-preview", azure_endpoint="https://x.example")

    def job(q):  # llm-latency: scheduled
        return az.chat.completions.create(model="gpt-4o-mini-std", messages=q)
    '''
    text = fixed_text(tmp_path, textwrap.dedent(source), config={"azure-batch-deployments": {"gpt-4o-mini-std": "gpt-4o-mini-batch"}})
    assert 'dict(model="gpt-4o-mini-batch", messages=q)' in function_code(text, "job")


def test_two_calls_in_one_module_share_one_helper_and_second_fix_changes_nothing(tmp_path):
    source = '''\
    from openai import OpenAI

    client = OpenAI()

    def a(x):  # llm-latency: scheduled
        return client.chat.completions.create(model="m", messages=x)

    def b(xs):  # llm-latency: scheduled
        for x in xs:
            print(client.embeddings.create(model="e", input=x).data)
    '''
    text = fixed_text(tmp_path, textwrap.dedent(source))
    assert text.count("def _openai_batch(") == 1
    assert "/v1/chat/completions" in function_code(text, "a") and "/v1/embeddings" in function_code(text, "b")
    assert fixed_text(tmp_path, text) is None  # idempotent: nothing left to fix


def test_a_per_item_try_in_the_loop_keeps_catching_each_items_failure(tmp_path):
    source = '''\
    import openai

    client = openai.OpenAI()

    def job(items):  # llm-latency: scheduled
        out = []
        for item in items:
            try:
                r = client.chat.completions.create(model="m", messages=[item])
                out.append(r.choices[0].message.content)
            except openai.BadRequestError:
                out.append(None)
        return out
    '''
    text = fixed_text(tmp_path, textwrap.dedent(source))
    assert function_code(text, "job") == textwrap.dedent('''\
        def job(items):  # llm-latency: scheduled
            out = []
            # The requests go to the OpenAI Batch API; the loop below runs on the results, in order.
            # A failed request raises its error at its own `next(...)`, inside the `try`; the rest go on.
            batch_items = list(items)
            batch_bodies = [dict(model="m", messages=[item]) for item in batch_items]
            batch_results = _openai_batch(
                client, "/v1/chat/completions", batch_bodies, openai.types.chat.ChatCompletion.model_validate,
            )
            for item in batch_items:
                try:
                    r = next(batch_results)
                    out.append(r.choices[0].message.content)
                except openai.BadRequestError:
                    out.append(None)
            return out
        ''')
    assert "    return map(result, range(len(bodies)))" in text  # results go on after a failed item
    assert fixed_text(tmp_path, text) is None


def test_flex_strategy_adds_service_tier_for_a_known_model(tmp_path):
    source = '''\
    from openai import OpenAI

    client = OpenAI()

    def job(q):  # llm-latency: scheduled
        return client.responses.create(
            model="o3",
            input=q,
        )
    '''
    text = fixed_text(tmp_path, textwrap.dedent(source), strategy="flex")
    assert function_code(text, "job") == textwrap.dedent('''\
    def job(q):  # llm-latency: scheduled
        return client.with_options(max_retries=8).responses.create(
            model="o3",
            input=q,
            service_tier="flex",
            timeout=900.0,
        )
    ''')
    assert "_openai_batch" not in text


def test_flex_refused_for_unknown_model_unless_opted_in(tmp_path):
    source = textwrap.dedent('''\
    from openai import OpenAI

    client = OpenAI()

    def job(q):  # llm-latency: scheduled
        return client.chat.completions.create(model="gpt-4o-mini", messages=q)
    ''')
    assert fixed_text(tmp_path, source, strategy="flex") is None
    text = fixed_text(tmp_path, source, strategy="flex", config={"flex-models": ["gpt-4o-mini"]})
    assert 'client.with_options(max_retries=8).chat.completions.create(model="gpt-4o-mini", messages=q, service_tier="flex", timeout=900.0)' in text


def test_stream_fix_is_safe_and_applies_without_unsafe_fixes(tmp_path):
    source = '''\
    from openai import OpenAI

    client = OpenAI()

    def job(q):  # llm-latency: scheduled
        out = ""
        # read the events
        for event in client.responses.create(model="gpt-4.1-mini", input=q, stream=True):
            if event.type == "response.output_text.delta":
                out += event.delta
        return out
    '''
    text = fixed_text(tmp_path, textwrap.dedent(source), unsafe=False)
    assert function_code(text, "job") == textwrap.dedent('''\
    def job(q):  # llm-latency: scheduled
        out = ""
        # read the events
        full_response = client.responses.create(model="gpt-4.1-mini", input=q)
        out += full_response.output_text
        return out
    ''')


def test_async_stream_fix(tmp_path):
    source = '''\
    from openai import AsyncOpenAI

    client = AsyncOpenAI()

    async def job(q):  # llm-latency: scheduled
        text = ""
        async for chunk in await client.chat.completions.create(model="m", messages=q, stream=True):
            text += chunk.choices[0].delta.content or ""
        return text
    '''
    text = fixed_text(tmp_path, textwrap.dedent(source), unsafe=False)
    assert "full_response = await client.chat.completions.create(model=\"m\", messages=q)\n" in text
    assert 'text += full_response.choices[0].message.content or ""' in text


def test_unsafe_fix_needs_unsafe_fixes(tmp_path):
    before, _, _ = CASES["single call, alias import"]
    assert fixed_text(tmp_path, textwrap.dedent(before), unsafe=False) is None


def test_generated_file_is_not_rewritten(tmp_path):
    before, _, _ = CASES["single call, alias import"]
    assert fixed_text(tmp_path, "# @generated by protoc\n" + textwrap.dedent(before)) is None
