"""The coverage survey (``bench/shapes/survey.py``): its snippets cite their documentation, mark
expected sites, and the survey counts found, missed and unexpected sites from the linter's output."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SURVEY = Path(__file__).resolve().parents[2] / "bench" / "shapes" / "survey.py"


@pytest.fixture(scope="module")
def survey():
    spec = importlib.util.spec_from_file_location("shapes_survey", SURVEY)
    module = importlib.util.module_from_spec(spec)
    sys.modules["shapes_survey"] = module
    spec.loader.exec_module(module)
    return module


def test_every_snippet_cites_its_docs_and_marks_sites(survey):
    snippets = sorted(survey.SNIPPETS.glob("*.py"))
    assert len(snippets) >= 40
    for path in snippets:
        text = path.read_text(encoding="utf-8")
        assert survey.LIBRARY.search(text), path.name
        assert "# source: http" in text, path.name
        assert survey.expectations(text), path.name


def test_survey_counts_found_missed_and_unexpected(survey, tmp_path):
    snippet = tmp_path / "probe.py"
    snippet.write_text(
        "# library: probe\n"
        "from openai import OpenAI\n"
        "client = OpenAI()\n"
        "def a(text):\n"
        "    return client.chat.completions.create(model='m', messages=[])  # expect: openai\n"
        "def b(text):\n"
        "    return client.embeddings.create(model='m', input=text)\n"
        "def c(text):\n"
        "    return text.upper()  # expect: openai\n"
        "def d(text):\n"
        "    return client.responses.create(model='m', input=text)  # expect: anthropic\n",
        encoding="utf-8",
    )
    score = survey.score(snippet)
    assert (score.library, score.expected, score.found) == ("probe", 3, 1)
    assert score.missed == [9]
    assert score.wrong_provider == [(11, "openai")]
    assert score.unexpected == [(7, "openai")]
    total = survey.table([score], markdown=True).splitlines()[-1]
    assert total.replace(" ", "") == "|TOTAL|1|3|0.333|1||"
