"""The walk from a trigger writes a step's evidence text only for the chains a call site reads:
most functions a walk reaches hold no call site, and most steps it queues reach a function
already seen (issue 14: ``hop_note`` was 30 % of the walk on autogen). The evidence itself must
read as before."""
from __future__ import annotations

import textwrap
from pathlib import Path

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run
from llm_latency_lint.project import hops
from llm_latency_lint.project.edges import Edge
from llm_latency_lint.project.hops import Link
from llm_latency_lint.project.reaches import Evidence

HELPERS = 12


def _project(tmp_path: Path) -> None:
    helpers = "\n".join(
        f"def helper_{i}(x):\n    return helper_{(i + 1) % HELPERS}(x) + helper_{(i + 2) % HELPERS}(x)\n"
        for i in range(HELPERS))
    calls = "\n".join(f"    helper_{i}(1)" for i in range(HELPERS))
    (tmp_path / "jobs.py").write_text(helpers + textwrap.dedent("""\
        import openai

        def summarize(text):
            return openai.OpenAI().chat.completions.create(model="m", messages=[{"role": "user", "content": text}])

        def prepare(text):
            return summarize(text)

        def nightly():  # llm-latency: scheduled
        """) + calls + "\n    prepare('all')\n", encoding="utf-8")


def test_only_the_kept_chains_are_written_and_they_read_as_before(tmp_path, monkeypatch):
    _project(tmp_path)
    written = []
    original = hops.hop_note

    def counting(edge, project):
        written.append((edge.src, edge.dst))
        return original(edge, project)

    monkeypatch.setattr(hops, "hop_note", counting)
    result = run([tmp_path], Config(cache=False), root=tmp_path)
    [site] = result.sites
    assert site.latency_class == "scheduled"
    notes = [e.note for e in site.evidence]
    assert notes[1:] == ["nightly calls prepare", "prepare calls summarize"]
    assert notes[0].startswith("pragma '# llm-latency: scheduled' on nightly")
    # 38 edges were queued (twelve helpers, each calling two others), only the site's two steps written
    assert sorted(written) == [("jobs.nightly", "jobs.prepare"), ("jobs.prepare", "jobs.summarize")]


def test_a_link_writes_the_chain_an_eager_walk_wrote(monkeypatch):
    monkeypatch.setattr(hops, "hop_note", lambda edge, project: f"{edge.src} -> {edge.dst}")
    base = [Evidence("a.py", 1, "cron")]
    root = Link(None, None, base, ("a",))
    ab = Link(root, Edge("a", "b", "call", "a.py", 2))
    bc, bd = Link(ab, Edge("b", "c", "call", "b.py", 3)), Link(ab, Edge("b", "d", "call", "b.py", 4))
    assert bd.chain(None) == base + [Evidence("a.py", 2, "a -> b"), Evidence("b.py", 4, "b -> d")]
    assert bc.chain(None)[:2] == bd.chain(None)[:2] and bc.chain(None)[2] == Evidence("b.py", 3, "b -> c")
    assert (bc.functions(), bd.functions()) == (("a", "b", "c"), ("a", "b", "d"))
    assert root.chain(None) is base  # a seed's chain is the seed's own list, as before
