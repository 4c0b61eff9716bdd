"""A real LSP client (pygls's ``LanguageClient``) driving ``llm-latency-lint server`` over stdio.

Diagnostics arrive as notifications; ``diagnostics(uri, version)`` awaits the next publication
for a document instead of sleeping, and every wait has a timeout so a hung server fails the
test rather than the run.
"""
from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

TIMEOUT = 30.0
STARTED: List["Client"] = []  # every client started, so a failed test can kill its server (``kill_servers``)


def uri(path: Path) -> str:
    return from_fs_path(str(path))


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("llm-latency-lint-tests", "0")
        self.published: Dict[str, List[types.PublishDiagnosticsParams]] = {}
        self.logs: List[types.LogMessageParams] = []
        self.registrations: List[types.Registration] = []
        self.changed = asyncio.Condition()

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        async def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, []).append(params)
            async with self.changed:
                self.changed.notify_all()

        @self.feature(types.WINDOW_LOG_MESSAGE)
        async def on_log(params: types.LogMessageParams) -> None:
            self.logs.append(params)
            async with self.changed:
                self.changed.notify_all()

        @self.feature(types.CLIENT_REGISTER_CAPABILITY)
        def on_register(params: types.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)

        @self.feature(types.WINDOW_SHOW_MESSAGE)
        def on_show(params: types.ShowMessageParams) -> None:
            self.logs.append(types.LogMessageParams(type=params.type, message=params.message))

    async def until(self, test: Callable[[], Any], timeout: float = TIMEOUT) -> Any:
        """Wait for a notification after which ``test()`` is truthy; return its value."""
        async def wait() -> Any:
            async with self.changed:
                while True:
                    value = test()
                    if value:
                        return value
                    await self.changed.wait()

        return await asyncio.wait_for(wait(), timeout)

    async def diagnostics(self, doc: str, after: int = 0) -> types.PublishDiagnosticsParams:
        """The first publication for ``doc`` beyond the ``after`` already seen."""
        return await self.until(lambda: len(self.published.get(doc, [])) > after and self.published[doc][after])

    async def diagnostics_for_version(self, doc: str, version: int) -> types.PublishDiagnosticsParams:
        """The latest publication for ``doc`` made from buffer ``version`` (or a later one)."""
        return await self.until(lambda: next((p for p in reversed(self.published.get(doc, []))
                                              if p.version is not None and p.version >= version), None))

    def seen(self, doc: str) -> int:
        return len(self.published.get(doc, []))

    def change(self, doc: str, text: str, version: int) -> None:
        """Replace the whole buffer (an unsaved edit)."""
        self.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=doc, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        ))

    def write_raw(self, body: bytes) -> None:
        """Bytes no well-behaved client sends, straight onto the server's stdin."""
        self._server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    async def request_raw(self, method: str, params: Any, msg_id: str = "raw-1") -> Any:
        """A request with ``params`` sent as given (pygls's client would refuse to serialise
        what does not fit the method); the server's answer, or its error raised."""
        future = asyncio.get_running_loop().create_future()
        self.protocol._request_futures[msg_id] = future  # the client matches the response to it
        self.write_raw(json.dumps({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params}).encode())
        return await asyncio.wait_for(future, TIMEOUT)

    async def open(self, path: Path, text: Optional[str] = None, version: int = 1) -> str:
        doc = uri(path)
        self.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=doc, language_id="python", version=version, text=path.read_text() if text is None else text,
        )))
        return doc


async def start(root: Path, options: Optional[dict] = None, env: Optional[Dict[str, str]] = None) -> Client:
    """The server as editors start it (``llm-latency-lint server``), initialised on ``root``."""
    client = Client()
    STARTED.append(client)
    env = {**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})}
    await client.start_io(sys.executable, "-m", "llm_latency_lint", "server", cwd=str(root), env=env)
    result = await asyncio.wait_for(client.initialize_async(types.InitializeParams(
        process_id=os.getpid(),
        root_uri=uri(root),
        workspace_folders=[types.WorkspaceFolder(uri=uri(root), name=root.name)],
        initialization_options=options or {},
        capabilities=types.ClientCapabilities(
            workspace=types.WorkspaceClientCapabilities(
                workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True),
                did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
            ),
            text_document=types.TextDocumentClientCapabilities(
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True),
                hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
            ),
        ),
    )), TIMEOUT)
    assert result.server_info is not None and result.server_info.name == "llm-latency-lint"
    client.initialized(types.InitializedParams())
    return client


async def stop(client: Client) -> Optional[int]:
    """Shut down politely; the server's exit code."""
    await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
    client.exit(None)
    await asyncio.wait_for(client.stop(), TIMEOUT)
    return client._server.returncode if client._server is not None else None


def apply(text: str, edits: List[types.TextEdit]) -> str:
    """``edits`` applied to ``text`` the way an editor does (positions in UTF-16 units, all
    relative to the original text), from the last to the first."""
    lines = text.splitlines(keepends=True)

    def offset(pos: types.Position) -> int:
        before = sum(len(line) for line in lines[: pos.line])
        content = lines[pos.line].rstrip("\r\n") if pos.line < len(lines) else ""
        units = 0
        for i, ch in enumerate(content):
            if units >= pos.character:
                return before + i
            units += len(ch.encode("utf-16-le")) // 2
        return before + len(content)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def document_edits(edit: types.WorkspaceEdit, doc: str) -> List[types.TextEdit]:
    """The text edits a workspace edit makes to ``doc`` (document changes or plain changes)."""
    found: List[types.TextEdit] = []
    for change in edit.document_changes or []:
        if isinstance(change, types.TextDocumentEdit) and change.text_document.uri == doc:
            found.extend(change.edits)
    found.extend((edit.changes or {}).get(doc, []))
    return found


def kill_servers() -> None:
    """Kill the servers a failed or timed-out scenario left running."""
    while STARTED:
        client = STARTED.pop()
        server = client._server
        if server is not None and server.returncode is None:
            try:
                server.kill()
            except ProcessLookupError:
                pass
