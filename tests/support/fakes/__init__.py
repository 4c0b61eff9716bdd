"""Fake provider HTTP servers on 127.0.0.1 for behaviour tests: real SDK clients talk to them.

``server.FakeServer`` routes requests to provider modules (``openai_api``: OpenAI-shaped
endpoints, also under Groq's ``/openai`` prefix). A provider module exposes ``routes(state)``
returning ``[(method, path_regex, handler)]``; add Anthropic, Google or Mistral as one module each.
"""
