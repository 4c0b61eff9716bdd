"""Code actions for one file's findings, as ``files.edits.Edit`` lists.

Per finding: its fix (``fixes.run.plan_finding``; an unsafe one only when the user opted in, and
labelled), ``# noqa: CODE`` on the line the engine reads it from (``suppress.add.edits_for``),
and the ``# llm-latency: <class>`` pragma that declares the call's class. For the whole file:
``source.fixAll``, the safe fixes that do not overlap, as one ``--fix`` pass would apply them.
"""
from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.commands.server.convert import FIX_ALL_KIND
from llm_latency_lint.config import Config
from llm_latency_lint.files.edits import Edit
from llm_latency_lint.files.write import EditError, apply_to_text
from llm_latency_lint.fixes.base import SAFE, UNSAFE
from llm_latency_lint.fixes.emit import apply_plans
from llm_latency_lint.fixes.plan import (
    FixOptions,
    Layout,
    ParsedFile,
    attach_file,
    caller_index,
    plan_finding,
    strategy_for,
)
from llm_latency_lint.fixes.textdiff import text_edits
from llm_latency_lint.model import LatencyClass
from llm_latency_lint.result import Finding, Result
from llm_latency_lint.rules.llm100 import UnusedNoqa
from llm_latency_lint.suppress.add import edits_for
from llm_latency_lint.syntax.parse import ParseFailure, parse_module

PRAGMA_CLASSES = (LatencyClass.REAL_TIME.value, LatencyClass.NEAR_REAL_TIME.value, LatencyClass.SCHEDULED.value)
PRAGMA_RE = re.compile(r"#\s*llm-latency:\s*[\w-]+")


@dataclass
class Action:
    title: str
    kind: str  # "quickfix" or FIX_ALL_KIND
    edits: List[Edit]
    finding: Optional[Finding] = None
    preferred: bool = False


def _parsed(path: str, text: str) -> Optional[ParsedFile]:
    try:
        return ParsedFile(path, text)
    except Exception:  # noqa: BLE001 - an unparsable buffer has no fixes, and no crash either
        return None


def fix_action(finding: Finding, parsed: Optional[ParsedFile], config: Config, options: FixOptions,
               result: Optional[Result] = None) -> Optional[Action]:
    """The finding's fix as an action; with the analysed ``result`` the fix sees the call graph, so
    a call made once per item or before a page is refused as ``check --fix`` refuses it."""
    fix = finding.fix  # LLM100's text fix comes with the finding
    if fix is None and parsed is not None and finding.site is not None and strategy_for(finding.code, options):
        callers = caller_index(result, config) if result is not None else None
        layout = Layout(result, config) if result is not None else None  # the package's helper module
        _, fix = plan_finding(finding, parsed, config, options, callers=callers, layout=layout)
    if fix is None or not fix.applicable:
        return None
    if fix.safety == UNSAFE and not options.unsafe:
        return None
    label = " (unsafe: changes behaviour, review it)" if fix.safety == UNSAFE else ""
    return Action(f"{finding.code}: {fix.description}{label}", "quickfix", list(fix.edits), finding, fix.safety == SAFE)


def noqa_action(finding: Finding, text: str) -> Optional[Action]:
    if finding.code == UnusedNoqa.code:
        return None  # the remedy for a stale noqa is removing it
    edits, refused = edits_for(finding.path, text, {finding.line: [finding.code]})
    if refused or not edits:
        return None
    return Action(f"{finding.code}: silence on this line (# noqa: {finding.code})", "quickfix", edits, finding)


def _line_comment(text: str, line: int) -> Tuple[Optional[Tuple[int, str]], bool]:
    """The comment ending ``line`` (0-based column, text), and whether the line can take one."""
    comment: Optional[Tuple[int, str]] = None
    open_token = False
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
            (start, col), (end, _) = tok.start, tok.end
            if tok.type == tokenize.COMMENT and start == line:
                comment = (col, tok.string)
            elif end > start and start <= line < end and tok.type not in (tokenize.NL, tokenize.NEWLINE):
                open_token = True
    except (tokenize.TokenError, SyntaxError):
        return None, False
    return comment, not open_token


def pragma_edit(path: str, text: str, line: int, cls: str) -> Optional[Edit]:
    """``# llm-latency: cls`` on ``line``: replacing a pragma there, else after its comment or code."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return None
    comment, ok = _line_comment(text, line)
    if not ok:
        return None
    body = lines[line - 1]
    if comment is not None:
        col, value = comment
        m = PRAGMA_RE.search(value)
        if m:
            return Edit(path, line, col + m.start() + 1, line, col + m.end() + 1, f"# llm-latency: {cls}")
    elif body.rstrip().endswith("\\"):
        return None
    end = len(body.rstrip())
    return Edit(path, line, end + 1, line, len(body) + 1, f"  # llm-latency: {cls}")


def pragma_actions(finding: Finding, text: str) -> List[Action]:
    site = finding.site
    if site is None:
        return []
    actions = []
    for cls in PRAGMA_CLASSES:
        if cls == site.latency_class:
            continue
        edit = pragma_edit(finding.path, text, site.resolved.site.line, cls)
        if edit is not None:
            actions.append(Action(f"{finding.code}: declare this call {cls} (# llm-latency: {cls})", "quickfix", [edit], finding))
    return actions


def actions_for(findings: Sequence[Finding], text: str, config: Config, options: FixOptions,
                result: Optional[Result] = None) -> List[Action]:
    """Quick fixes for ``findings`` (all in one file whose analysed text is ``text``)."""
    if not findings:
        return []
    parsed = _parsed(findings[0].path, text)
    actions: List[Action] = []
    for finding in findings:
        fix = fix_action(finding, parsed, config, options, result)
        if fix is not None:
            actions.append(fix)
        noqa = noqa_action(finding, text)
        if noqa is not None:
            actions.append(noqa)
        actions.extend(pragma_actions(finding, text))
    return actions


def fix_all(result: Result, path: str, text: str, config: Config, options: FixOptions) -> Optional[Action]:
    """The file's safe fixes in one pass: stale noqa codes removed, then the safe rewrites
    whose code does not overlap (the rest wait for the next request, as with ``--fix``)."""
    findings = [f for f in result.findings if f.path == path]
    stale = [e for f in findings if f.code == UnusedNoqa.code and f.fix is not None and f.fix.applicable
             and f.fix.safety == SAFE for e in f.fix.edits]
    new_text = text
    if stale:
        try:
            new_text = apply_to_text(text, stale)
        except EditError:
            new_text = text
    parsed = _parsed(path, new_text)
    if parsed is not None:
        safe = FixOptions(strategy=options.strategy, unsafe=False)
        plans = [plan for _, plan in attach_file(result, path, parsed, config, safe) if plan.safety == SAFE]
        taken: List[Tuple[Tuple[int, int], Tuple[int, int]]] = []
        accepted = []
        for plan in plans:
            spans = [_span(parsed, node) for node in plan.replace]
            if any(s1 < e2 and s2 < e1 for s1, e1 in spans for s2, e2 in taken):
                continue
            taken.extend(spans)
            accepted.append(plan)
        if accepted:
            rewritten = apply_plans(parsed.module, accepted).code
            try:
                parse_module(rewritten)
                new_text = rewritten
            except ParseFailure:
                pass
    if new_text == text:
        return None
    return Action("llm-latency-lint: apply all safe fixes", FIX_ALL_KIND, text_edits(path, text, new_text))


def _span(parsed: ParsedFile, node: cst.CSTNode) -> Tuple[Tuple[int, int], Tuple[int, int]]:
    pos = parsed.positions[node]
    return (pos.start.line, pos.start.column), (pos.end.line, pos.end.column)
