"""A raw HTTP request to a provider is refused as what it is, not as a "module-level client".

Found by scripts/fix_rate.py on real code: ``requests.post("https://openrouter.ai/api/v1/chat/completions", ...)``
in a daily job was refused with "module-level OpenRouter client: bind a client object first",
advice that makes no sense for a hand-built request.
"""
from __future__ import annotations

import textwrap

import pytest
from support.fixlib import fixes_for

SOURCES = {
    "requests": '''\
        import requests

        def job(body):  # llm-latency: scheduled
            return requests.post("https://openrouter.ai/api/v1/chat/completions", json=body, timeout=300)
        ''',
    "httpx": '''\
        import httpx

        def job(payload):  # llm-latency: scheduled
            with httpx.Client() as http:
                return http.post("https://api.openai.com/v1/chat/completions", json=payload)
        ''',
}


@pytest.mark.parametrize("strategy", ["batch", "flex", "auto"])
@pytest.mark.parametrize("name", sorted(SOURCES))
def test_raw_http_request_is_refused_as_such(tmp_path, name, strategy):
    fix = fixes_for(tmp_path, textwrap.dedent(SOURCES[name]), strategy=strategy)["LLM001"]
    assert fix.refusal.startswith("raw HTTP request to ")
    assert "`POST:" in fix.refusal and "not hand-built requests" in fix.refusal
    assert "bind a client object" not in fix.refusal
