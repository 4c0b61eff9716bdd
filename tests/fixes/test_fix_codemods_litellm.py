"""LiteLLM batch rewrite: before/after for a loop, a single call, the async twin and the import
spellings (``import litellm as ll``, ``from litellm import completion``); refusals for providers
without a LiteLLM batch path the fix targets and for LiteLLM call options."""
from __future__ import annotations

import textwrap

import pytest
from support.fixlib import assert_helper_added, assert_rewrite, fixed_text, fixes_for

CASES = {
    "loop, module alias, provider prefix, timeout dropped": (
        '''\
        import litellm as ll

        def job(texts, out):  # llm-latency: scheduled
            for t in texts:
                r = ll.completion(
                    model="openai/gpt-4o-mini",
                    messages=[{"role": "user", "content": t}],
                    timeout=30,
                )
                out.append(r.choices[0].message.content)
        ''',
        "job",
        '''\
        def job(texts, out):  # llm-latency: scheduled
            # The requests go to the LiteLLM Batch API; the loop below runs on the results, in order.
            batch_items = list(texts)
            batch_bodies = [
                dict(
                    model="openai/gpt-4o-mini",
                    messages=[{"role": "user", "content": t}],
                )
                for t in batch_items
            ]
            batch_results = _litellm_batch("openai", batch_bodies)
            for t in batch_items:
                r = next(batch_results)
                out.append(r.choices[0].message.content)
        ''',
    ),
    "reasoning model with max_completion_tokens": (
        '''\
        import litellm

        def job(q):  # llm-latency: scheduled
            return litellm.completion(model="o3-mini", messages=q, max_completion_tokens=50).id
        ''',
        "job",
        '''\
        def job(q):  # llm-latency: scheduled
            return next(_litellm_batch("openai", [dict(model="o3-mini", messages=q, max_completion_tokens=50)])).id
        ''',
    ),
    "single call, from-import, bare OpenAI model": (
        '''\
        from litellm import completion

        def job(q):  # llm-latency: scheduled
            r = completion(model="gpt-4o", messages=q, temperature=0)
            return r.id
        ''',
        "job",
        '''\
        def job(q):  # llm-latency: scheduled
            r = next(_litellm_batch("openai", [dict(model="gpt-4o", messages=q, temperature=0)]))
            return r.id
        ''',
    ),
    "async twin, from-import alias, explicit custom_llm_provider dropped": (
        '''\
        from litellm import acompletion as ask

        async def job(q):  # llm-latency: scheduled
            r = await ask(model="my-finetune", custom_llm_provider="openai", messages=q)
            return r.model
        ''',
        "job",
        '''\
        async def job(q):  # llm-latency: scheduled
            r = next(await _litellm_batch_async("openai", [dict(model="my-finetune", messages=q)]))
            return r.model
        ''',
    ),
    "azure: the configured batch deployment": (
        '''\
        import litellm

        def job(q):  # llm-latency: scheduled
            return litellm.completion(model="azure/chat-std", messages=q).id
        ''',
        "job",
        '''\
        def job(q):  # llm-latency: scheduled
            return next(_litellm_batch("azure", [dict(model="azure/chat-batch", messages=q)])).id
        ''',
    ),
    "loop with an assignment before the call, model constant": (
        '''\
        import litellm

        MODEL = "openai/gpt-4o-mini"

        def job(titles, out):  # llm-latency: scheduled
            for title in titles:
                prompt = f"Tag: {title}"
                r = litellm.completion(model=MODEL, messages=[{"role": "user", "content": prompt}], stream=False)
                out.append(r.id)
        ''',
        "job",
        '''\
        def job(titles, out):  # llm-latency: scheduled
            # The requests go to the LiteLLM Batch API; the loop below runs on the results, in order.
            batch_items = list(titles)
            batch_bodies: List[Dict[str, Any]] = []
            for title in batch_items:
                prompt = f"Tag: {title}"
                batch_bodies.append(dict(model=MODEL, messages=[{"role": "user", "content": prompt}]))
            batch_results = _litellm_batch("openai", batch_bodies)
            for title in batch_items:
                prompt = f"Tag: {title}"
                r = next(batch_results)
                out.append(r.id)
        ''',
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_rewrite(tmp_path, name):
    assert_rewrite(tmp_path, *CASES[name], config={"azure-batch-deployments": {"chat-std": "chat-batch"}})


def test_helper_imports_and_idempotence(tmp_path):
    before, _, _ = CASES["async twin, from-import alias, explicit custom_llm_provider dropped"]
    assert_helper_added(
        tmp_path, before,
        imports=("import litellm", "import litellm.exceptions", "import asyncio", "import json"),
        snippets=("await litellm.acreate_file(", "await litellm.acreate_batch(", "await litellm.aretrieve_batch(",
                  "await litellm.afile_content(file_id=file_id,", "await asyncio.sleep(poll_seconds)",
                  'provider: Literal["openai", "azure"]'),
    )


def _job(call: str, head: str = "import litellm\n") -> str:
    return head + f"\ndef job(q, m):  # llm-latency: scheduled\n    return {call}\n"


REFUSALS = {
    "anthropic prefix": ('litellm.completion(model="anthropic/claude-3-5-haiku", messages=q)',
                         "create_batch does not take custom_llm_provider='anthropic'"),
    "azure without a batch deployment": ('litellm.completion(model="azure/gpt-4o-mini-std", messages=q)',
                                         "LiteLLM on Azure needs a batch deployment for 'gpt-4o-mini-std'"),
    "azure deployment not a literal": ('litellm.completion(model=m, custom_llm_provider="azure", messages=q)',
                                       "LiteLLM on Azure: the model (deployment) is not a literal"),
    "vertex prefix": ('litellm.completion(model="vertex_ai/gemini-2.0-flash", messages=q)', "need a GCS bucket"),
    "bedrock prefix": ('litellm.completion(model="bedrock/anthropic.claude-3", messages=q)', "need an S3 bucket"),
    "mistral via explicit provider": ('litellm.completion(model="mistral-small", custom_llm_provider="mistral", messages=q)',
                                      "use the mistralai SDK"),
    "provider without batches": ('litellm.completion(model="together_ai/llama-3", messages=q)',
                                 "LiteLLM has no batch API for provider 'together_ai'"),
    "bare model of another provider": ('litellm.completion(model="claude-3-haiku", messages=q)',
                                       "has no provider prefix and is not an OpenAI model name"),
    "model not a literal": ("litellm.completion(model=m, messages=q)", "the model is not a literal"),
    "provider not a literal": ("litellm.completion(model=m, custom_llm_provider=m, messages=q)",
                               "`custom_llm_provider=` is not a string literal"),
    "api_base": ('litellm.completion(model="openai/llama3", messages=q, api_base="http://localhost:8000")',
                 "the call goes to the server at `api_base=`"),
    "api_key": ('litellm.completion(model="gpt-4o", messages=q, api_key=m)', "`api_key=` is a per-call credential"),
    "litellm-only option": ('litellm.completion(model="gpt-4o", messages=q, fallbacks=["gpt-4o-mini"])',
                            "`fallbacks=` is a LiteLLM call option"),
    "litellm metadata": ('litellm.completion(model="gpt-4o", messages=q, metadata={"job": "x"})',
                         "`metadata=` is a LiteLLM call option"),
    "pydantic response_format": ('litellm.completion(model="gpt-4o", messages=q, response_format=m)',
                                 "`response_format=` is not a dict literal"),
    "max_tokens on a reasoning model": ('litellm.completion(model="openai/o3-mini", messages=q, max_tokens=100)',
                                        "LiteLLM rewrites `max_tokens=` for the reasoning model 'o3-mini'"),
    "temperature on gpt-5": ('litellm.completion(model="gpt-5-mini", messages=q, temperature=0.2)',
                             "LiteLLM rewrites `temperature=` for the reasoning model 'gpt-5-mini'"),
    "positional": ('litellm.completion("gpt-4o", q)', "positional arguments"),
    "double star": ('litellm.completion(model="gpt-4o", messages=q, **m)', "`**` arguments"),
    "stream": ('litellm.completion(model="gpt-4o", messages=q, stream=True)', "the call streams"),
    "acompletion not awaited": ('litellm.acompletion(model="gpt-4o", messages=q)', "not awaited where it is made"),
}


@pytest.mark.parametrize("name", list(REFUSALS))
def test_refused_with_reason(tmp_path, name):
    call, reason = REFUSALS[name]
    source = _job(call)
    fix = fixes_for(tmp_path, source)["LLM001"]
    assert not fix.applicable and not fix.edits
    assert reason in fix.refusal, fix.refusal
    assert fixed_text(tmp_path, source) is None


def test_loop_refusals_are_the_shared_ones(tmp_path):
    source = textwrap.dedent('''\
    import litellm

    def job(items):  # llm-latency: scheduled
        history = []
        for item in items:
            r = litellm.completion(model="openai/gpt-4o-mini", messages=history + [item])
            history.append(r.choices[0].message)
    ''')
    assert "feeds one result into the next request" in fixes_for(tmp_path, source)["LLM001"].refusal


def test_router_calls_are_refused(tmp_path):
    source = textwrap.dedent('''\
    import litellm

    router = litellm.Router(model_list=[])

    def job(q):  # llm-latency: scheduled
        return router.completion(model="gpt-4o", messages=q)
    ''')
    assert "picks the deployment (and so the provider) from its model_list" in fixes_for(tmp_path, source)["LLM001"].refusal
