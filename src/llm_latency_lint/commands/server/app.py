"""The Language Server on pygls: documents in, diagnostics, hovers and code actions out.

Analyses run one at a time on a worker thread (the event loop keeps answering), per project:
open and save analyse at once, a change after ``debounce`` seconds of quiet; a newer request for
the same project replaces one still waiting. Hovers and code actions first wait for the
project's pending analysis, so they never answer from text older than the buffer they were
asked about. After each analysis every open document of the project gets its diagnostics,
because an edit in one file can change the evidence, and so the findings, of another.
"""
from __future__ import annotations

import asyncio
import logging
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from llm_latency_lint import __version__
from llm_latency_lint.commands.server import convert
from llm_latency_lint.commands.server.convert import FIX_ALL_KIND
from llm_latency_lint.commands.server.projects import (
    Analysis,
    Buffer,
    Projects,
    absolute,
)

if TYPE_CHECKING:  # pragma: no cover
    from llm_latency_lint.commands.server.actions import Action
    from llm_latency_lint.fixes.plan import FixOptions

log = logging.getLogger("llm_latency_lint.server")
NAME = "llm-latency-lint"
DEBOUNCE = 0.3  # seconds of quiet after a change before re-analysing
BATCH, FLEX = "batch", "flex"  # fixes.base's strategies; the fixes (libcst codemods) load on the first code action


class Settings:
    """``initializationOptions`` (and ``workspace/didChangeConfiguration`` ``settings``, either
    bare or under ``llm-latency-lint``): ``unsafeFixes``, ``fixStrategy``, ``debounce``."""

    def __init__(self) -> None:
        self.unsafe_fixes = False
        self.fix_strategy = BATCH
        self.debounce = DEBOUNCE

    def update(self, options: Any) -> None:
        if not isinstance(options, dict):
            return
        options = options.get(NAME, options) if isinstance(options.get(NAME), dict) else options
        if isinstance(options.get("unsafeFixes"), bool):
            self.unsafe_fixes = options["unsafeFixes"]
        if options.get("fixStrategy") in (BATCH, FLEX):
            self.fix_strategy = options["fixStrategy"]
        if isinstance(options.get("debounce"), (int, float)) and not isinstance(options.get("debounce"), bool):
            self.debounce = max(0.0, float(options["debounce"]))

    @property
    def fix_options(self) -> "FixOptions":
        from llm_latency_lint.fixes.plan import FixOptions

        return FixOptions(strategy=self.fix_strategy, unsafe=self.unsafe_fixes)


class Protocol(LanguageServerProtocol):
    """pygls, plus an error response to a request whose params do not fit its method: pygls
    logs such a request and drops it, and the client would wait for an answer forever."""

    def structure_message(self, data: Any) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "id" in data and "method" in data:
                self._send_response(data["id"], error=exc.to_response_error())
            raise


class LatencyServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(NAME, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         protocol_cls=Protocol)
        self.projects = Projects()
        self.settings = Settings()
        self.analyses: Dict[Path, Analysis] = {}
        self.pending: Dict[Path, asyncio.Task] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="llm-latency-lint-analysis")
        self.published: Dict[Path, List[str]] = {}  # root -> URIs given diagnostics by its last analysis

    # ---- documents and projects --------------------------------------------------------
    def path_of(self, uri: str) -> Optional[Path]:
        path = to_fs_path(uri)
        return absolute(Path(path)) if path else None

    def open_buffers(self, root: Path) -> Dict[str, Buffer]:
        """The open Python documents of the project at ``root``: relpath -> (text, version)."""
        buffers: Dict[str, Buffer] = {}
        for uri, doc in list(self.workspace.text_documents.items()):
            path = self.path_of(uri)
            if path is None or path.suffix not in (".py", ".pyi") or self.projects.root_for(path) != root:
                continue
            buffers[self.projects.relpath(root, path)] = (doc.source, doc.version)
        return buffers

    def open_uris(self, root: Path) -> Dict[str, str]:
        """URI -> relpath of the open Python documents of the project at ``root``."""
        found = {}
        for uri in list(self.workspace.text_documents):
            path = self.path_of(uri)
            if path is not None and path.suffix in (".py", ".pyi") and self.projects.root_for(path) == root:
                found[uri] = self.projects.relpath(root, path)
        return found

    def units(self, text: str) -> int:
        return self.workspace.position_codec.client_num_units(text)

    # ---- analysis ----------------------------------------------------------------------
    def schedule(self, root: Path, delay: float = 0.0) -> asyncio.Task:
        """Analyse the project at ``root`` after ``delay`` seconds, replacing a waiting request."""
        previous = self.pending.get(root)
        if previous is not None and not previous.done():
            previous.cancel()
        task = asyncio.ensure_future(self._analyse(root, delay))
        self.pending[root] = task
        return task

    async def _analyse(self, root: Path, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        try:
            buffers = self.open_buffers(root)
            loop = asyncio.get_running_loop()
            analysis = await loop.run_in_executor(self.worker, self.projects.analyse, root, buffers)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - Projects.analyse catches the pipeline; this is the rest
            analysis = Analysis(root, None, error=f"llm-latency-lint internal error: {type(exc).__name__}: {exc}")
        self.analyses[root] = analysis
        if analysis.error:
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=analysis.error))
            log.error("%s", analysis.error)
        try:
            self.publish(root, analysis)
        except Exception:  # noqa: BLE001 - logged; the next analysis publishes again
            log.exception("cannot publish the diagnostics of %s", root)

    async def settled(self, root: Path) -> Optional[Analysis]:
        """The project's analysis once no request for it is waiting or running."""
        while True:
            task = self.pending.get(root)
            if task is None or task.done():
                break
            await asyncio.wait([task])
        return self.analyses.get(root)

    def publish(self, root: Path, analysis: Analysis) -> None:
        uri_of = convert.path_uri(root)
        texts = convert.Texts(analysis.result.texts if analysis.result else {}, root)
        errors = {e.path: e for e in analysis.result.errors} if analysis.result else {}
        shown = self.open_uris(root)
        for uri, relpath in shown.items():
            try:
                if analysis.error:
                    diagnostics = [convert.problem(analysis.error.splitlines()[0])]
                else:
                    diagnostics = [convert.diagnostic(f, texts, uri_of, self.units) for f in analysis.findings_in(relpath)]
                    if relpath in errors:
                        diagnostics.append(convert.file_problem(errors[relpath]))
            except Exception as exc:  # noqa: BLE001 - a bad conversion costs one file's diagnostics
                log.exception("cannot convert the findings of %s", relpath)
                diagnostics = [convert.problem(f"llm-latency-lint internal error: {type(exc).__name__}: {exc}")]
            version = analysis.versions.get(relpath)
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
            )
        for uri in self.published.get(root, []):
            if uri not in shown:  # closed since: clear what it showed
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        self.published[root] = list(shown)

    async def analysis_for(self, uri: str) -> Optional[tuple]:
        """(analysis, relpath) for a document, after its project's pending analysis."""
        path = self.path_of(uri)
        if path is None:
            return None
        root = self.projects.root_for(path)
        if root not in self.analyses and root not in self.pending:
            self.schedule(root)
        analysis = await self.settled(root)
        if analysis is None or analysis.result is None:
            return None
        return analysis, self.projects.relpath(root, path)

    def workspace_edit(self, changes: List[convert.Change]) -> types.WorkspaceEdit:
        caps = self.client_capabilities.workspace
        return convert.workspace_edit(changes, bool(caps and caps.workspace_edit and caps.workspace_edit.document_changes))


server = LatencyServer()


@server.feature(types.INITIALIZE)
def initialize(ls: LatencyServer, params: types.InitializeParams) -> None:
    ls.settings.update(params.initialization_options)
    folders = [f.uri for f in params.workspace_folders or []] or ([params.root_uri] if params.root_uri else [])
    ls.projects.workspaces = [p for p in (ls.path_of(u) for u in folders) if p is not None]


@server.feature(types.INITIALIZED)
async def initialized(ls: LatencyServer, params: types.InitializedParams) -> None:
    caps = ls.client_capabilities.workspace
    watch = caps and caps.did_change_watched_files and caps.did_change_watched_files.dynamic_registration
    if not watch:
        return
    try:
        await ls.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
            id="llm-latency-lint-pyproject",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern="**/pyproject.toml")]
            ),
        )]))
    except Exception:  # noqa: BLE001 - no watching: saving pyproject.toml in the editor still reloads
        log.exception("the client refused to watch pyproject.toml")


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
def did_change_configuration(ls: LatencyServer, params: types.DidChangeConfigurationParams) -> None:
    ls.settings.update(params.settings)
    for root in {ls.projects.root_for(p) for p in _open_paths(ls)}:
        ls.schedule(root)


def _open_paths(ls: LatencyServer) -> List[Path]:
    return [p for p in (ls.path_of(u) for u in list(ls.workspace.text_documents)) if p is not None]


def _config_changed(ls: LatencyServer, path: Path) -> None:
    """A pyproject.toml changed: reload the configs it feeds and re-analyse those projects."""
    roots = set(ls.projects.forget_config(path))
    folder = path.parent
    roots |= {r for r in (ls.projects.root_for(p) for p in _open_paths(ls)) if r == folder or folder in r.parents}
    ls.window_log_message(types.LogMessageParams(type=types.MessageType.Info, message=f"{NAME}: reloading config from {path}"))
    for root in roots:
        ls.projects.configs.pop(root, None)
        ls.schedule(root)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: LatencyServer, params: types.DidChangeWatchedFilesParams) -> None:
    for change in params.changes:
        path = ls.path_of(change.uri)
        if path is not None and path.name == "pyproject.toml":
            _config_changed(ls, path)


def _python(ls: LatencyServer, uri: str) -> Optional[Path]:
    path = ls.path_of(uri)
    return path if path is not None and path.suffix in (".py", ".pyi") else None


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LatencyServer, params: types.DidOpenTextDocumentParams) -> None:
    path = _python(ls, params.text_document.uri)
    if path is not None:
        ls.schedule(ls.projects.root_for(path))


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: LatencyServer, params: types.DidChangeTextDocumentParams) -> None:
    path = _python(ls, params.text_document.uri)
    if path is not None:
        ls.schedule(ls.projects.root_for(path), ls.settings.debounce)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: LatencyServer, params: types.DidSaveTextDocumentParams) -> None:
    path = ls.path_of(params.text_document.uri)
    if path is None:
        return
    if path.name == "pyproject.toml":
        _config_changed(ls, path)
    elif path.suffix in (".py", ".pyi"):
        ls.schedule(ls.projects.root_for(path))


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: LatencyServer, params: types.DidCloseTextDocumentParams) -> None:
    path = _python(ls, params.text_document.uri)
    if path is None:
        return
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))
    root = ls.projects.root_for(path)
    if ls.open_uris(root):  # the closed buffer's unsaved text no longer counts for the others
        ls.schedule(root, ls.settings.debounce)


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: LatencyServer, params: types.HoverParams) -> Optional[types.Hover]:
    found = await ls.analysis_for(params.text_document.uri)
    if found is None:
        return None
    analysis, relpath = found
    lines = convert.Lines(analysis.text(relpath) or "")
    col = lines.offset_of(params.position, ls.units)
    here = (params.position.line + 1, col)
    for site in analysis.sites_in(relpath):
        call = site.resolved.site
        if (call.line, call.col) <= here <= (call.end_line, call.end_col):
            findings = [f for f in analysis.findings_in(relpath) if (f.line, f.col) == (call.line, call.col)]
            text = convert.hover_markdown(site, findings, analysis.row_for(site), convert.path_uri(analysis.root))
            return types.Hover(
                contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                range=lines.range(call.line, call.col, call.end_line, call.end_col, ls.units),
            )
    return None


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=False),
)
async def code_action(ls: LatencyServer, params: types.CodeActionParams) -> Optional[List[types.CodeAction]]:
    from llm_latency_lint.commands.server.actions import actions_for, fix_all

    uri = params.text_document.uri
    found = await ls.analysis_for(uri)
    if found is None:
        return None
    analysis, relpath = found
    text = analysis.text(relpath)
    if text is None or analysis.result is None or analysis.config is None:
        return None
    only = params.context.only
    wants = (lambda kind: any(kind == k or kind.startswith(k + ".") for k in only)) if only else (lambda kind: True)
    lines = convert.Lines(text)
    version = analysis.versions.get(relpath)
    chosen: List["Action"] = []
    if wants(types.CodeActionKind.QuickFix):
        start = (params.range.start.line + 1, lines.offset_of(params.range.start, ls.units))
        end = (params.range.end.line + 1, lines.offset_of(params.range.end, ls.units))
        hit = [f for f in analysis.findings_in(relpath)
               if (f.line, f.col) <= end and start <= (f.end_line, f.end_col) or convert.named(f, params.context.diagnostics)]
        chosen += actions_for(hit, text, analysis.config, ls.settings.fix_options, analysis.result)
    if wants(FIX_ALL_KIND):
        every = fix_all(analysis.result, relpath, text, analysis.config, ls.settings.fix_options)
        if every is not None:
            chosen.append(every)
    texts = convert.Texts(analysis.result.texts, analysis.root)
    uri_of = convert.path_uri(analysis.root)
    out = []
    for action in chosen:
        changes = []  # (uri, version, edits, new file): a fix may touch other files, or create one
        for path in dict.fromkeys(e.path or relpath for e in action.edits):
            mine = [e for e in action.edits if (e.path or relpath) == path]
            if path == relpath:
                changes.append((uri, version, convert.text_edits(mine, lines, ls.units), False))
                continue
            new = not (analysis.root / path).exists()
            other = convert.Lines("") if new else texts[path]
            changes.append((uri_of(path), None, convert.text_edits(mine, other, ls.units), new))
        diagnostics = [convert.diagnostic(action.finding, texts, uri_of, ls.units)] if action.finding else None
        out.append(types.CodeAction(
            title=action.title, kind=action.kind, diagnostics=diagnostics,
            is_preferred=action.preferred or None, edit=ls.workspace_edit(changes),
        ))
    return out


def serve(level: str = "WARNING") -> int:
    """Serve on stdio; log to stderr (editors show it in their LSP log) at ``level``."""
    logging.basicConfig(level=getattr(logging, level.upper(), logging.WARNING),
                        format="%(asctime)s %(name)s %(levelname)s: %(message)s")
    server.start_io(*_private_stdio())
    return 0


def _private_stdio() -> tuple:
    """The protocol's own handles on stdin and stdout, and harmless ``sys.stdin``/``sys.stdout``.

    The reader thread blocks inside ``stdin.read`` holding that file's lock. The facts pass forks
    a process pool for a cold project, and a forked child closes ``sys.stdin`` first thing; were
    that the reader's file, the child would wait forever for a lock no thread of it holds. And
    a stray ``print`` anywhere must not corrupt the JSON-RPC stream.
    """
    stdin = os.fdopen(os.dup(sys.stdin.fileno()), "rb")
    stdout = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    sys.stdout = sys.stderr
    return stdin, stdout
