"""The prefilter's faster scans find exactly what the plain alternations find: ``wordscan.mentions_words``
equals ``word_pattern().search`` and ``imported_roots`` (the alternation tried only at import
lines) equals a scan of the whole text, on every fixture and on this repository's sources."""
from __future__ import annotations

import re
from pathlib import Path
from typing import FrozenSet, List

import pytest
from support.paths import REPO

from llm_latency_lint.catalog import providers
from llm_latency_lint.facts import prefilter, wordscan

SOURCES = sorted([*REPO.glob("tests/fixtures/**/*.py"), *REPO.glob("fixtures/**/*.py"),
                  *REPO.glob("src/llm_latency_lint/**/*.py")])
ODD = [
    "import os, openai\nfrom anthropic import Anthropic\n",
    "x = 1\n    import  groq as g  # indented\n\tfrom\tlitellm import completion\n",
    "s = 'import openai'\nprint('from anthropic import x')\n",
    "url = 'https://api.openai.com/v1/chat/completions'\n",
    "from google import genai\nimport boto3\nb = boto3.client('bedrock-runtime')\n",
    "# llm-latency: scheduled\nimportx = 1\nfromage = 2\n",
    "import openai_helpers\nfrom openaiish import x\n",
]


_ROOT_PATTERNS = {root: re.compile(providers.import_of(root), re.MULTILINE) for root in providers.import_anchored_roots()}


def _scanned_roots(text: str) -> FrozenSet[str]:
    found = set()
    for match in prefilter.roots_pattern().finditer(text):
        end = text.find("\n", match.start())
        line = text[match.start(): end if end >= 0 else len(text)]
        # every root's own pattern, each line (``imported_roots`` tries only the roots a line names)
        found.update(root for root, pattern in _ROOT_PATTERNS.items() if pattern.search(line))
    return frozenset(found)


def _texts() -> List[str]:
    return [*ODD, *(Path(p).read_text(encoding="utf-8", errors="replace") for p in SOURCES)]


def test_fast_scans_equal_the_alternations() -> None:
    hits = roots = 0
    for text in _texts():
        assert wordscan.mentions_words(text) is bool(prefilter.word_pattern().search(text)), text[:200]
        assert prefilter.imported_roots(text) == _scanned_roots(text), text[:200]
        hits += wordscan.mentions_words(text)
        roots += bool(prefilter.imported_roots(text))
    assert hits > 5 and roots > 5  # both sides of each answer are exercised


@pytest.mark.parametrize("expression, literal", [
    (re.escape("api.openai.com"), "api.openai.com"),
    ("from agents import", "from agents import"),
    (r"google\.genai\b", None),
    (r"bedrock(?:-agent)?-runtime", None),
    (r"[\"']bedrock[\"']", None),
])
def test_literal_alternatives_are_told_from_patterns(expression: str, literal: str) -> None:
    assert wordscan.literal(expression) == literal
