"""From the linter's data to LSP's: positions, diagnostics with their evidence, hovers, edits.

Pure functions: no server, no I/O. The linter counts 1-based lines and 1-based character (code
point) columns; LSP counts 0-based lines and 0-based columns in the encoding the client and
server agreed on (UTF-16 unless told otherwise), so every conversion takes ``units``, the
length of a string in the client's units.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Type

from lsprotocol import types

from llm_latency_lint.audit.inventory import Row
from llm_latency_lint.files.edits import Edit
from llm_latency_lint.model import FileError
from llm_latency_lint.project.classify import ClassifiedSite, Evidence
from llm_latency_lint.result import Finding
from llm_latency_lint.rules import rules_by_code
from llm_latency_lint.rules.base import Rule
from llm_latency_lint.syntax.lines import source_lines

Units = Callable[[str], int]  # a string's length in the client's position encoding
Uri = Callable[[str], str]  # a root-relative path -> its URI

SOURCE = "llm-latency-lint"
FIX_ALL_KIND = "source.fixAll.llm-latency-lint"
INTERNAL_ERROR = "LLM900"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "note": types.DiagnosticSeverity.Information,
}


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Lines:
    """A text's lines as the tokenizer counts them, for column conversions."""

    def __init__(self, text: str) -> None:
        self.lines = source_lines(text, keepends=False)

    def position(self, line: int, col: int, units: Units) -> types.Position:
        """LSP position of 1-based ``line`` and 1-based character column ``col``."""
        index = max(line - 1, 0)
        text = self.lines[index] if index < len(self.lines) else ""
        return types.Position(line=index, character=units(text[: max(col - 1, 0)]))

    def line_end(self, line: int, units: Units) -> types.Position:
        index = max(line - 1, 0)
        text = self.lines[index] if index < len(self.lines) else ""
        return types.Position(line=index, character=units(text))

    def range(self, line: int, col: int, end_line: int, end_col: int, units: Units) -> types.Range:
        return types.Range(start=self.position(line, col, units), end=self.position(end_line, end_col, units))

    def whole_line(self, line: int, units: Units) -> types.Range:
        return types.Range(start=self.position(line, 1, units), end=self.line_end(line, units))

    def offset_of(self, position: types.Position, units: Units) -> int:
        """The 1-based character column of an LSP position (inverse of ``position``)."""
        text = self.lines[position.line] if 0 <= position.line < len(self.lines) else ""
        for i in range(len(text) + 1):
            if units(text[:i]) >= position.character:
                return i + 1
        return len(text) + 1


class Texts:
    """``Lines`` per root-relative path, built on demand: the analysed text of a Python file,
    else the file on disk (evidence also points into crontabs, YAML, Procfiles)."""

    def __init__(self, texts: Mapping[str, str], root: Path) -> None:
        self.texts = texts
        self.root = root
        self._lines: Dict[str, Lines] = {}

    def __getitem__(self, path: str) -> Lines:
        if path not in self._lines:
            text: Optional[str] = None
            try:
                text = self.texts[path] if path in self.texts else None
            except (KeyError, OSError, UnicodeDecodeError):
                text = None
            if text is None:
                try:
                    text = (self.root / path).read_text(encoding="utf-8", errors="replace")
                except OSError:
                    text = ""
            self._lines[path] = Lines(text)
        return self._lines[path]


def evidence_words(evidence: Evidence) -> str:
    schedule = f" ({evidence.schedule})" if evidence.schedule and evidence.schedule not in evidence.note else ""
    return f"{evidence.note}{schedule}"


def related(chain: Sequence[Evidence], texts: Texts, uri: Uri, units: Units) -> List[types.DiagnosticRelatedInformation]:
    """The evidence chain as clickable locations, trigger first."""
    return [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri(e.path), range=texts[e.path].whole_line(e.line, units)),
            message=evidence_words(e),
        )
        for e in chain
    ]


def finding_key(finding: Finding) -> Dict[str, object]:
    """What a diagnostic carries back in code action requests (``data``) to name its finding."""
    return {"code": finding.code, "line": finding.line, "col": finding.col}


def named(finding: Finding, diagnostics: Sequence[types.Diagnostic]) -> bool:
    """A diagnostic of a request's context that is this finding (by the ``data`` it carries)."""
    key = finding_key(finding)
    return any(isinstance(d.data, dict) and d.data == key for d in diagnostics)


def _rule(code: str) -> Optional[Type[Rule]]:
    return rules_by_code().get(code)


def diagnostic(finding: Finding, texts: Texts, uri: Uri, units: Units) -> types.Diagnostic:
    rule = _rule(finding.code)
    return types.Diagnostic(
        range=texts[finding.path].range(finding.line, finding.col, finding.end_line, finding.end_col, units),
        message=finding.message,
        severity=SEVERITY.get(getattr(rule, "level", "warning"), types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(href=rule.help_uri()) if rule is not None else None,
        source=SOURCE,
        related_information=related(finding.evidence, texts, uri, units) or None,
        data=finding_key(finding),
    )


def problem(message: str, line: int = 1, col: int = 1) -> types.Diagnostic:
    """A diagnostic about the analysis itself (unreadable file, config error, internal error).
    ``col`` is the parser's column, shown as is (the text may not even decode)."""
    start = types.Position(line=max(line - 1, 0), character=max(col - 1, 0))
    return types.Diagnostic(
        range=types.Range(start=start, end=start),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        code=INTERNAL_ERROR,
        source=SOURCE,
    )


def error_position(error: FileError) -> tuple:
    """The 1-based (line, column) a file error names (``at L:C``, ``line N``), else (1, 1)."""
    m = re.search(r"\bat (\d+):(\d+)", error.message)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.search(r"\bline (\d+)", error.message)
    return (int(m.group(1)), 1) if m else (1, 1)


def file_problem(error: FileError) -> types.Diagnostic:
    return problem(f"llm-latency-lint could not analyse this file: {error.message}", *error_position(error))


def money(amount: float) -> str:
    return f"${amount:,.2f}"


def hover_markdown(site: ClassifiedSite, findings: Sequence[Finding], row: Optional[Row], uri: Uri) -> str:
    """What a hover on a call site says: its class, the chain in words, the money."""
    match = site.resolved.match
    lines = [f"**llm-latency-lint** · `{match.provider.id} {match.operation}`", ""]
    lines.append(f"Latency class: **{site.latency_class}**" + (" (declared by a pragma)" if site.pragma else ""))
    chain = site.evidence
    if chain:
        lines += ["", "Why: " + chain_sentence(chain), ""]
        for step, e in enumerate(chain, 1):
            lines.append(f"{step}. [{e.path}:{e.line}]({uri(e.path)}#L{e.line}) {evidence_words(e)}")
    elif not site.pragma:
        lines += ["", "No trigger reaches this call."]
    if row is not None and row.spend:
        lines.append("")
        if row.saving:
            lines.append(f"Estimated saving: **{money(row.saving)}/month** on the batch API "
                         f"({money(row.spend)}/month at {row.rate:.0%} off)")
        elif row.potential:
            lines.append(f"Possible saving: {money(row.potential)}/month if the batch API's delay is fine "
                         f"({money(row.spend)}/month at {row.rate:.0%} off; audit monthly, not counted)")
        else:
            lines.append(f"Spend: {money(row.spend)}/month; not batchable from here")
    for finding in findings:
        rule = _rule(finding.code)
        link = f"[{finding.code}]({rule.help_uri()})" if rule is not None else finding.code
        lines += ["", f"{link}: {finding.message}"]
    return "\n".join(lines) + "\n"


def chain_sentence(chain: Sequence[Evidence]) -> str:
    """The chain in words: "beat_schedule 'x' (daily 02:00), then tasks.a calls b, then ..."."""
    return ", then ".join(evidence_words(e) for e in chain) + "."


def text_edits(edits: Sequence[Edit], lines: Lines, units: Units) -> List[types.TextEdit]:
    return [
        types.TextEdit(range=lines.range(e.start_line, e.start_col, e.end_line, e.end_col, units), new_text=e.replacement)
        for e in edits
    ]


Change = Tuple[str, Optional[int], List[types.TextEdit], bool]  # uri, version, edits, a new file


def workspace_edit(changes: Sequence[Change], versioned: bool) -> types.WorkspaceEdit:
    """One fix's edits, file by file. A new file (the fix's helper module) is created first; a
    client without document changes gets the plain map, which cannot create files."""
    if not versioned:
        return types.WorkspaceEdit(changes={uri: edits for uri, _, edits, _ in changes})
    ops: List[Any] = []
    for uri, version, edits, new in changes:
        if new:
            ops.append(types.CreateFile(uri=uri, options=types.CreateFileOptions(ignore_if_exists=True)))
        ops.append(types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits=edits))
    return types.WorkspaceEdit(document_changes=ops)


def path_uri(root: Path) -> Uri:
    from pygls.uris import from_fs_path

    def uri(path: str) -> str:
        return from_fs_path(str(root / path)) or (root / path).as_uri()

    return uri
