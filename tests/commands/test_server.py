"""``llm-latency-lint server``: the real server, a subprocess over stdio, driven by pygls's client.

Every scenario waits for the server's notifications (diagnostics, log messages) instead of
sleeping; the debounce is set to a few milliseconds through ``initializationOptions``.
"""
from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys

import pytest

pytest.importorskip("pygls", reason="the server extra (pygls, lsprotocol) is not installed")

from lsprotocol import types  # noqa: E402
from support.lsp import apply, document_edits, kill_servers, start, stop, uri  # noqa: E402
from support.paths import DEMO  # noqa: E402
from support.sample_project import FILES, STREAM_FILES, make  # noqa: E402

from llm_latency_lint.commands.server.actions import FIX_ALL_KIND, pragma_edit  # noqa: E402
from llm_latency_lint.rules import rules_by_code  # noqa: E402

FAST = {"debounce": 0.01}
SUMMARIZE = "deskapp/services/summarize.py"
CALL = types.Position(line=13, character=30)  # inside client.chat.completions.create( in summarize.py


def run(scenario):
    return asyncio.run(asyncio.wait_for(scenario, 120))


def doc_id(doc: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=doc)


async def actions(client, doc, diagnostics, rng=None, only=None):
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=doc_id(doc), range=rng or diagnostics[0].range,
        context=types.CodeActionContext(diagnostics=list(diagnostics), only=only),
    ))


@pytest.fixture(autouse=True)
def no_server_left():
    yield
    kill_servers()


@pytest.fixture
def demo(tmp_path):
    root = tmp_path / "demo_app"
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns(".llm_latency_lint_cache", "__pycache__"))
    return root


def test_diagnostics_hover_and_unsafe_fix_applied_with_evidence_in_other_files(demo):
    async def scenario():
        client = await start(demo, {**FAST, "unsafeFixes": True})
        path = demo / SUMMARIZE
        doc = await client.open(path)
        published = await client.diagnostics_for_version(doc, 1)
        (diag,) = published.diagnostics
        assert diag.code == "LLM001" and diag.source == "llm-latency-lint"
        assert diag.code_description.href == rules_by_code()["LLM001"].help_uri()
        assert (diag.range.start.line, diag.range.start.character) == (13, 15)
        assert diag.severity == types.DiagnosticSeverity.Warning
        chain = [(r.location.uri, r.location.range.start.line, r.message) for r in diag.related_information]
        assert chain[0] == (uri(demo / "deskapp/celery_app.py"), 16,
                            "beat_schedule 'nightly-ticket-summaries' crontab(hour=2, minute=0) (daily 02:00)")
        assert [c[0] for c in chain[1:]] == [uri(demo / p) for p in
                                             ("deskapp/tasks.py", "deskapp/reports/nightly.py", "deskapp/services/tickets.py")]

        hover = await client.text_document_hover_async(types.HoverParams(text_document=doc_id(doc), position=CALL))
        text = hover.contents.value
        assert "Latency class: **scheduled**" in text
        assert "Why: beat_schedule 'nightly-ticket-summaries'" in text and "summarize_ticket calls summarize_thread" in text
        assert "Estimated saving: **$360.00/month**" in text  # spend is configured in the demo's pyproject.toml
        assert hover.range.start == diag.range.start
        nothing = await client.text_document_hover_async(
            types.HoverParams(text_document=doc_id(doc), position=types.Position(line=0, character=0)))
        assert nothing is None

        offered = await actions(client, doc, [diag])
        titles = [a.title for a in offered]
        # summarize_thread runs once per ticket from the nightly loop: no batch of one; the fix
        # batches at that loop, through summarize_ticket, as `check --fix` does (the fix sees the
        # analysed call graph), and its edit covers every file of the chain and the helper module.
        chain_fix = next(a for a in offered if "(unsafe" in a.title)
        assert "batch at the caller's loop (deskapp/reports/nightly.py:28" in chain_fix.title, titles
        touched = {getattr(op, "uri", None) or op.text_document.uri for op in chain_fix.edit.document_changes}
        assert touched == {uri(demo / p) for p in ("deskapp/services/summarize.py", "deskapp/services/tickets.py",
                                                   "deskapp/reports/nightly.py", "deskapp/_llm_batch.py")}
        assert "LLM001: silence on this line (# noqa: LLM001)" in titles
        assert "LLM001: declare this call real-time (# llm-latency: real-time)" in titles
        assert not any("declare this call scheduled" in t for t in titles), "the class it has is not offered"

        backfill = demo / "scripts/backfill_embeddings.py"  # its own loop: one batch for the run
        loop_doc = await client.open(backfill)
        loop_diags = [d for d in (await client.diagnostics_for_version(loop_doc, 1)).diagnostics if d.code == "LLM001"]
        offered = await actions(client, loop_doc, loop_diags)
        fix = next(a for a in offered if a.title.startswith("LLM001") and "(unsafe" in a.title)
        assert fix.kind == types.CodeActionKind.QuickFix and fix.diagnostics[0].code == "LLM001"
        ops = fix.edit.document_changes
        helper = uri(demo / "deskapp/_llm_batch.py")  # the script imports deskapp: the project's one helper module
        assert [type(op).__name__ for op in ops] == ["TextDocumentEdit", "CreateFile", "TextDocumentEdit"]
        assert ops[0].text_document.uri == uri(backfill) and ops[0].text_document.version == 1
        assert ops[1].uri == helper and ops[2].text_document.uri == helper
        assert "def _openai_batch(" in document_edits(fix.edit, helper)[0].new_text
        fixed = apply(backfill.read_text(), document_edits(fix.edit, loop_doc))
        assert "from deskapp._llm_batch import _openai_batch" in fixed and "def _openai_batch(" not in fixed

        client.change(loop_doc, fixed, 2)  # unsaved: the server must analyse the buffer, not the file
        after = await client.diagnostics_for_version(loop_doc, 2)
        assert not [d for d in after.diagnostics if d.code == "LLM001"], after.diagnostics
        assert await stop(client) == 0

    run(scenario())


def test_noqa_and_pragma_actions_silence_the_finding(demo):
    async def scenario():
        client = await start(demo, FAST)
        path = demo / "deskapp/reports/sla.py"
        doc = await client.open(path)
        (diag,) = (await client.diagnostics_for_version(doc, 1)).diagnostics
        assert diag.code == "LLM001"
        offered = await actions(client, doc, [diag])
        assert not any("(unsafe" in a.title for a in offered), "unsafe fixes only when configured"
        text = path.read_text()
        noqa = next(a for a in offered if "# noqa: LLM001" in a.title)
        client.change(doc, apply(text, document_edits(noqa.edit, doc)), 2)
        assert (await client.diagnostics_for_version(doc, 2)).diagnostics == ()
        pragma = next(a for a in offered if "# llm-latency: real-time" in a.title)
        with_pragma = apply(text, document_edits(pragma.edit, doc))
        assert "# llm-latency: real-time" in with_pragma.splitlines()[diag.range.start.line]
        client.change(doc, with_pragma, 3)
        assert (await client.diagnostics_for_version(doc, 3)).diagnostics == ()
        assert await stop(client) == 0

    run(scenario())


def test_fix_all_applies_the_safe_fixes(tmp_path):
    root = make(tmp_path, {**FILES, **STREAM_FILES})
    (root / "pyproject.toml").write_text("[project]\nname = 'sample'\n")

    async def scenario():
        client = await start(root, {"debounce": 0.5})
        path = root / "digest.py"
        doc = await client.open(path)
        published = await client.diagnostics_for_version(doc, 1)
        assert sorted(d.code for d in published.diagnostics) == ["LLM001", "LLM004"]
        (fix_all,) = await actions(client, doc, published.diagnostics, only=[FIX_ALL_KIND])
        assert fix_all.kind == FIX_ALL_KIND
        fixed = apply(path.read_text(), document_edits(fix_all.edit, doc))
        assert "stream=True" not in fixed
        quick = await actions(client, doc, published.diagnostics, only=[types.CodeActionKind.QuickFix])
        stream = next(a for a in quick if a.title.startswith("LLM004: "))
        assert stream.is_preferred and "(unsafe" not in stream.title
        assert not any(a.kind == FIX_ALL_KIND for a in quick)
        client.change(doc, "def half_typed(:\n", 2)  # a burst of edits: only the last is analysed
        client.change(doc, fixed, 3)
        after = await client.diagnostics_for_version(doc, 3)
        assert [d.code for d in after.diagnostics] == ["LLM001"]
        assert [p.version for p in client.published[doc]] == [1, 3], "the debounce skipped version 2"
        assert await stop(client) == 0

    run(scenario())


def test_config_reloads_when_pyproject_changes_and_a_bad_config_is_a_diagnostic(tmp_path):
    root = make(tmp_path)
    pyproject = root / "pyproject.toml"
    pyproject.write_text("[project]\nname = 'sample'\n")

    async def scenario():
        client = await start(root, FAST)
        doc = await client.open(root / "llm.py")
        assert [d.code for d in (await client.diagnostics(doc)).diagnostics] == ["LLM001"]
        assert any(r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in client.registrations)

        seen = client.seen(doc)
        pyproject.write_text("[project]\nname = 'sample'\n\n[tool.llm-latency-lint]\nignore = ['LLM001']\n")
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri(pyproject), type=types.FileChangeType.Changed)]))
        assert (await client.diagnostics(doc, seen)).diagnostics == ()

        seen = client.seen(doc)
        pyproject.write_text("[tool.llm-latency-lint]\nselect = ['NOPE']\n")
        client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=doc_id(uri(pyproject))))
        (problem,) = (await client.diagnostics(doc, seen)).diagnostics
        assert problem.code == "LLM900" and "config error" in problem.message and "NOPE" in problem.message
        await client.until(lambda: any(m.type == types.MessageType.Error and "config error" in m.message for m in client.logs))
        assert await stop(client) == 0

    run(scenario())


def test_malformed_request_and_unparsable_file_leave_the_server_running(tmp_path):
    root = make(tmp_path, {**FILES, "broken.py": "from openai import OpenAI\n\ndef broken(:\n    pass\n"})
    (root / "pyproject.toml").write_text("[project]\nname = 'sample'\n")

    async def scenario():
        client = await start(root, FAST)
        client.write_raw(b"{not json")
        with pytest.raises(Exception, match="Invalid Params"):
            await client.request_raw(types.TEXT_DOCUMENT_HOVER, {"textDocument": 42})
        broken = await client.open(root / "broken.py")
        (problem,) = (await client.diagnostics(broken)).diagnostics
        assert problem.code == "LLM900" and "could not analyse this file" in problem.message
        assert problem.range.start.line == 2  # the line the syntax error names
        assert await client.text_document_hover_async(
            types.HoverParams(text_document=doc_id(broken), position=types.Position(line=2, character=4))) is None
        assert not await actions(client, broken, [problem])
        doc = await client.open(root / "llm.py")
        assert [d.code for d in (await client.diagnostics(doc)).diagnostics] == ["LLM001"], "the rest of the project is analysed"
        assert await stop(client) == 0

    run(scenario())


CRASH = '''
import llm_latency_lint.engine as engine

_run = engine.run


def run(paths, config=None, root=None, overrides=None, progress=None):
    if overrides and any("CRASH-THE-PIPELINE" in text for text in overrides.values()):
        raise RuntimeError("injected failure")
    return _run(paths, config, root, overrides, progress)


engine.run = run
'''


def test_a_crash_in_the_analysis_is_logged_and_shown_and_the_server_recovers(tmp_path):
    root = make(tmp_path / "project")
    (root / "pyproject.toml").write_text("[project]\nname = 'sample'\n")
    inject = tmp_path / "inject"
    inject.mkdir()
    (inject / "sitecustomize.py").write_text(CRASH)  # the pipeline fails on a marker, in the server only

    async def scenario():
        client = await start(root, FAST, env={"PYTHONPATH": str(inject)})
        path = root / "llm.py"
        doc = await client.open(path, path.read_text() + "# CRASH-THE-PIPELINE\n")
        (problem,) = (await client.diagnostics_for_version(doc, 1)).diagnostics
        assert problem.code == "LLM900" and "internal error: RuntimeError: injected failure" in problem.message
        await client.until(lambda: any(m.type == types.MessageType.Error and "Traceback" in m.message for m in client.logs))
        client.change(doc, path.read_text(), 2)
        assert [d.code for d in (await client.diagnostics_for_version(doc, 2)).diagnostics] == ["LLM001"]
        assert await stop(client) == 0

    run(scenario())


def test_pragma_edit_replaces_an_existing_pragma_and_refuses_inside_a_string():
    text = "x = call()  # llm-latency: scheduled\ny = '''a\nb'''\nz = 1  # note\n"
    edit = pragma_edit("m.py", text, 1, "real-time")
    assert (edit.start_col, edit.end_col, edit.replacement) == (13, 37, "# llm-latency: real-time")
    assert pragma_edit("m.py", text, 2, "real-time") is None
    edit = pragma_edit("m.py", text, 4, "scheduled")
    assert (edit.start_col, edit.replacement) == (14, "  # llm-latency: scheduled")


def test_project_without_markers_is_the_workspace_folder_and_a_loose_file_is_analysed_alone(tmp_path):
    workspace = make(tmp_path / "ws")  # no pyproject.toml, no .git: the workspace folder is the project
    scratch = make(tmp_path / "scratch")  # outside the workspace: only its open files count

    async def scenario():
        client = await start(workspace, FAST)
        doc = await client.open(workspace / "llm.py")
        assert [d.code for d in (await client.diagnostics(doc)).diagnostics] == ["LLM001"]
        loose = await client.open(scratch / "llm.py")
        assert (await client.diagnostics(loose)).diagnostics == (), "celery_app.py beside it is not read"
        assert await stop(client) == 0

    run(scenario())


def test_without_the_extra_the_command_says_what_to_install(tmp_path):
    (tmp_path / "sitecustomize.py").write_text("import sys\nsys.modules['pygls'] = None  # as if not installed\n")
    proc = subprocess.run([sys.executable, "-m", "llm_latency_lint", "server"], env={**os.environ, "PYTHONPATH": str(tmp_path)},
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "pip install 'llm-latency-lint[server]'" in proc.stderr, proc.stderr
