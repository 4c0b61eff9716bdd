"""The coverage survey (``bench/shapes/survey.py``): its snippets cite their documentation, mark
expected sites, the survey counts found, missed and unexpected sites from the linter's output, and
what it counts now is what ``bench/shapes/record.json`` (docs/providers.md) says."""
from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace

import pytest
from support.paths import SHAPES, SHAPES_RECORD

from llm_latency_lint.rules.docs import Coverage, CoverageRow


@pytest.fixture(scope="module")
def survey():
    spec = importlib.util.spec_from_file_location("shapes_survey", SHAPES / "survey.py")
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


def test_the_record_is_what_the_survey_measures_now(survey):
    """A catalog change that loses a shape fails here; one that gains a shape asks for the record:
    ``python bench/shapes/survey.py --record`` then ``python scripts/gen_rule_docs.py``."""
    scores = [survey.score(path) for path in sorted(survey.SNIPPETS.glob("*.py"))]
    recorded = Coverage.from_json(SHAPES_RECORD.read_text(encoding="utf-8"))
    measured = [(s.snippet, s.library, s.expected, s.found) for s in scores]
    assert measured == [(r.snippet, r.library, r.expected, r.after) for r in recorded.rows], (
        "the snippets score otherwise than bench/shapes/record.json says (a loss is a regression; for a gain "
        "run `python bench/shapes/survey.py --record` and `python scripts/gen_rule_docs.py`)")
    assert sum(len(s.unexpected) for s in scores) == recorded.unexpected_after
    assert all(r.before <= r.expected and r.after <= r.expected for r in recorded.rows)


def _score(survey, snippet, expected, found, unexpected=()):
    return survey.Score(snippet.upper(), snippet, expected, found, unexpected=list(unexpected))


def test_recording_takes_before_from_the_earlier_run_or_keeps_it(survey):
    previous = Coverage("summary", "cmd", "corpus", 3, 1, ("a gap",), (
        CoverageRow("a.py", "A", 2, 0, 1), CoverageRow("gone.py", "G", 1, 1, 1)))
    now = [_score(survey, "a.py", 2, 2), _score(survey, "b.py", 1, 1, [(4, "openai")])]
    with pytest.raises(ValueError, match="b.py"):
        survey.record(now, previous)
    earlier = [_score(survey, "b.py", 1, 0), _score(survey, "a.py", 2, 1, [(3, "x"), (5, "y")])]
    written = survey.record(now, previous, earlier)
    assert written.rows == (CoverageRow("a.py", "A.PY", 2, 1, 2), CoverageRow("b.py", "B.PY", 1, 0, 1))
    assert (written.unexpected_before, written.unexpected_after) == (2, 1)
    assert (written.summary, written.command, written.corpus, written.gaps) == ("summary", "cmd", "corpus", ("a gap",))
    kept = survey.record(now[:1], previous)
    assert kept == replace(previous, unexpected_after=0, rows=(CoverageRow("a.py", "A.PY", 2, 0, 2),))
    assert Coverage.from_json(written.to_json()) == written
