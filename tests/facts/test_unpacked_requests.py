"""``client.chat.completions.create(**params)`` on a receiver of unknown type: a site when the
unpacked mapping visibly names the model, and the evidence says so."""
from __future__ import annotations

from support.scan import scan, sites


def test_a_request_dict_in_the_function_names_the_model(tmp_path):
    result = scan(tmp_path, """
        def ask(client, question, model_name):
            params = {"model": model_name, "messages": [{"role": "user", "content": question}]}
            return client.chat.completions.create(**params)

        def ask_dict(client, question):
            return client.messages.create(**dict(model="claude-3-haiku", max_tokens=10, messages=[question]))

        def ask_merged(client, question, base={"model": "gpt-4o-mini", "temperature": 0}):
            return client.chat.completions.create(**{**base, "messages": [question]})
    """)
    found = sorted((s.resolved.site.line, s.resolved.match.provider.id) for s in result.sites)
    assert found == [(4, "openai-compatible"), (7, "anthropic"), (10, "openai-compatible")]
    for site in result.sites:
        assert "model= comes from the unpacked mapping" in site.evidence[-1].note


def test_a_mapping_without_a_model_or_of_unknown_keys_is_no_site(tmp_path):
    assert sites(tmp_path, """
        def send(client, to, body):
            params = {"to": to, "body": body}
            return client.messages.create(**params)

        def forward(client, **kwargs):
            return client.chat.completions.create(**kwargs)

        def opaque(client, options):
            return client.chat.completions.create(**options)
    """) == []


def test_bedrock_keyword_in_the_mapping(tmp_path):
    assert sites(tmp_path, """
        import boto3

        def converse(bedrock, text):
            request = {"modelId": "anthropic.claude-3-haiku", "messages": [{"role": "user", "content": [{"text": text}]}]}
            return bedrock.converse(**request)
    """) == [(6, "bedrock", "converse")]


def test_forwarded_kwargs_name_the_model_when_callers_pass_it(tmp_path):
    (tmp_path / "helpers.py").write_text(
        "def complete(client, **kwargs):\n"
        "    return client.chat.completions.create(**kwargs)\n\n"
        "def relay(client, **options):\n"
        "    return client.chat.completions.create(**options)\n",
        encoding="utf-8")
    result = scan(tmp_path, """
        from helpers import complete, relay

        def ask(client, question):
            return complete(client, model="gpt-4o-mini", messages=[question])

        def other(client, question):
            return relay(client, messages=[question])
    """)
    found = [(s.resolved.facts.path, s.resolved.site.line) for s in result.sites]
    assert found == [("helpers.py", 2)]
    assert "model= comes from the unpacked mapping" in result.sites[0].evidence[-1].note


def test_forwarded_kwargs_read_model_only_from_calls_resolved_to_the_forwarder(tmp_path):
    """Another ``complete`` that takes ``model=``, or ``session.complete(model=...)`` on an unknown
    object, is no caller of ``helpers.complete``: its request names no model."""
    (tmp_path / "helpers.py").write_text(
        "def complete(client, **kwargs):\n    return client.chat.completions.create(**kwargs)\n", encoding="utf-8")
    result = scan(tmp_path, """
        import openai

        def complete(text, model=None):
            return text

        def g(session):
            return complete("ab", model="x"), session.complete(model="x")
    """)
    assert [(s.resolved.facts.path, s.resolved.site.line) for s in result.sites] == []
