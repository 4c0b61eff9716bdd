"""Flex rewrites of shapes met in real code: keywords in the call's layout; a short timeout, ``**kwargs`` refused.

Found by scripts/fix_rate.py on real code (flex opted in): a call laid out one argument per line
without a trailing comma became ``messages=[...], `` (trailing blank) with
``service_tier="flex", timeout=900.0)`` on a line of its own; and a comment at the end of the last
argument's line moved to the line of the new ``timeout=``.
"""
from __future__ import annotations

import textwrap

import pytest
from support.fixlib import fixed_text, fixes_for

HEAD = "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
ANY = {"flex-models": ["*"]}


def _fixed(tmp_path, body: str) -> str:
    text = fixed_text(tmp_path, HEAD + textwrap.dedent(body), strategy="flex", config=ANY)
    assert text is not None
    compile(text, "jobs.py", "exec")
    return text[len(HEAD):].replace("client.with_options(max_retries=8)", "client")


@pytest.mark.parametrize("body, want", [
    (  # one per line, no trailing comma: still none, ``)`` where it was
        '''\
        def job(prompt):  # llm-latency: scheduled
            return client.chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": prompt}]
            )
        ''',
        '''\
        def job(prompt):  # llm-latency: scheduled
            return client.chat.completions.create(
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": prompt}],
                service_tier="flex",
                timeout=900.0
            )
        ''',
    ),
    (  # one per line with a trailing comma; the comments stay on their arguments' lines
        '''\
        def job(prompt):  # llm-latency: scheduled
            return client.chat.completions.create(
                model="gpt-4o-mini",  # cheap
                messages=prompt,  # the question
            )
        ''',
        '''\
        def job(prompt):  # llm-latency: scheduled
            return client.chat.completions.create(
                model="gpt-4o-mini",  # cheap
                messages=prompt,  # the question
                service_tier="flex",
                timeout=900.0,
            )
        ''',
    ),
    (  # a comment after the last argument, no trailing comma: the comma goes before the comment
        '''\
        def job(prompt):  # llm-latency: scheduled
            return client.chat.completions.create(
                model="gpt-4o-mini",
                messages=prompt  # the question
            )
        ''',
        '''\
        def job(prompt):  # llm-latency: scheduled
            return client.chat.completions.create(
                model="gpt-4o-mini",
                messages=prompt,  # the question
                service_tier="flex",
                timeout=900.0
            )
        ''',
    ),
    (  # one argument on its own line
        '''\
        def job(prompt):  # llm-latency: scheduled
            return client.chat.completions.create(
                model="gpt-4o-mini"
            )
        ''',
        '''\
        def job(prompt):  # llm-latency: scheduled
            return client.chat.completions.create(
                model="gpt-4o-mini",
                service_tier="flex",
                timeout=900.0
            )
        ''',
    ),
    (  # inline stays inline
        '''\
        def job(prompt):  # llm-latency: scheduled
            return client.chat.completions.create(model="gpt-4o-mini", messages=prompt)
        ''',
        '''\
        def job(prompt):  # llm-latency: scheduled
            return client.chat.completions.create(model="gpt-4o-mini", messages=prompt, service_tier="flex", timeout=900.0)
        ''',
    ),
], ids=["no-trailing-comma", "trailing-comma-comments", "comment-on-last", "single-argument", "inline"])
def test_flex_keywords_follow_the_call_layout(tmp_path, body, want):
    assert _fixed(tmp_path, body) == textwrap.dedent(want)


def test_a_short_timeout_of_its_own_is_refused(tmp_path):
    """Also from real code: ``timeout=30`` kept under flex, whose requests may take 15 minutes."""
    body = '''\
        def job(prompt):  # llm-latency: scheduled
            return client.chat.completions.create(model="gpt-4o-mini", messages=prompt, timeout=30)
        '''
    fix = fixes_for(tmp_path, HEAD + textwrap.dedent(body), strategy="flex", config=ANY)["LLM001"]
    assert fix.refusal.startswith("the call sets timeout=30 s; a flex request may take up to 900 s")


def test_a_long_enough_or_computed_timeout_is_kept(tmp_path):
    body = '''\
        def job(prompt, limit):  # llm-latency: scheduled
            a = client.chat.completions.create(model="gpt-4o-mini", messages=prompt, timeout=1800)
            return a, client.chat.completions.create(model="gpt-4o-mini", messages=prompt, timeout=limit)
        '''
    text = _fixed(tmp_path, body)
    assert text.count('service_tier="flex"') == 2 and "timeout=900" not in text


def test_keyword_arguments_unpacked_into_the_call_are_refused(tmp_path):
    """From real code: ``create(**request_params)`` where the dict holds ``"timeout"``; adding
    ``timeout=900.0`` beside it raised TypeError (multiple values for keyword argument) at run time."""
    body = '''\
        def job(prompt):  # llm-latency: scheduled
            params = {"model": "gpt-4o-mini", "messages": prompt, "timeout": 60}
            return client.chat.completions.create(**params)
        '''
    fix = fixes_for(tmp_path, HEAD + textwrap.dedent(body), strategy="flex", config=ANY)["LLM001"]
    assert fix.refusal.startswith("the call passes `**` keyword arguments")
