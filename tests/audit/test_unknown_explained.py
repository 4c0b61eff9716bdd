"""``unknown`` explains itself in the audit (issue 15 item 5), on a real-shaped fixture: each
unknown site's evidence says where the trail stopped (the callback nothing registers, with the
untyped call that probably reaches the site; the helper nothing calls) and ends with the pragma or
``*-functions`` entry that settles it; a declared wrapper that names no function is an error."""
from __future__ import annotations

import json

from support.cli import cli
from support.paths import PROJECTS

ROOT = PROJECTS / "unknown_trails"


def test_unknown_sites_say_where_the_trail_stops_and_how_to_settle_it():
    done = cli("audit", str(ROOT), "--format", "json", "--no-cache", cwd=ROOT)
    out = json.loads(done.stdout)
    sites = {(s["path"], s["line"]): s for s in out["call_sites"]}
    assert {k: s["latency_class"] for k, s in sites.items()} == {
        ("app/providers/base.py", 18): "unknown", ("app/providers/base.py", 23): "unknown"}

    callback = [e["note"] for e in sites[("app/providers/base.py", 18)]["evidence"]]
    assert callback[0].startswith("no caller found for on_document")
    assert "provider.summarize_text() on a receiver with no known type: if that is an OpenAIProvider" in callback[1]
    assert "'# llm-latency: scheduled'" in callback[-1] and "app.hooks.on_document under scheduled-functions" in callback[-1]

    helper = [e["note"] for e in sites[("app/providers/base.py", 23)]["evidence"]]
    assert helper[0].startswith("no caller found for embed_all")
    assert "app.providers.base.embed_all under scheduled-functions" in helper[-1]

    assert [e["message"] for e in out["errors"]] == [
        "[tool.llm-latency-lint] wrappers: 'app.providers.base.LLMProvider.missing' names no function in the "
        "scanned code (give the qualified name, e.g. pkg.module.Class.method)"]
