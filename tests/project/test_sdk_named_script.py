"""A lone script named after an SDK (``integrations/openai.py`` in a folder without ``__init__.py``,
so its module is ``openai``) does not hide the SDK it imports (issue 15, round 2 holdout)."""
from __future__ import annotations

from textwrap import dedent

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run


def _sites(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
    result = run([root], Config(), root=root)
    return sorted((s.resolved.facts.path, s.resolved.site.line, s.resolved.match.provider.id) for s in result.sites)


def test_a_script_named_openai_still_calls_the_sdk(tmp_path):
    assert _sites(tmp_path, {
        "src/integrations/openai.py": """
            from openai import AsyncOpenAI
            from settings import *

            _client = AsyncOpenAI()

            async def categorise(prompt):
                return await _client.chat.completions.create(model="m", messages=[])
        """,
        "src/integrations/bot.py": """
            from src.integrations.openai import *
        """,
    }) == [("src/integrations/openai.py", 8, "openai")]


def test_a_package_named_after_the_sdk_is_project_code(tmp_path):
    """``openai/__init__.py`` + ``openai/client.py``: the repository is (a fork of) the SDK."""
    assert _sites(tmp_path, {
        "openai/__init__.py": "from openai.client import OpenAI\n",
        "openai/client.py": """
            class OpenAI:
                def create(self):
                    return 1
        """,
        "app.py": """
            from openai import OpenAI

            def go():
                return OpenAI().chat.completions.create(model="m", messages=[])
        """,
    }) == []
