"""Lines and columns of the nodes the facts pass asks about, without libcst's ``PositionProvider``.

``PositionProvider`` regenerates the code of the whole module to count lines and columns: on a
cold run that was a third of the facts pass, for positions of a few node kinds. CPython's parser,
which checks every file first (``parse.check_python``), already gives those: calls, ``def``s,
classes, ``if``s, ``while``s and ``for``s (an ``async for`` from its ``async``), with the same starts (and, for calls, ends) as libcst's syntactic
positions. Both parsers see the same nodes of these kinds in the same source order, so the n-th
libcst call is the n-th CPython call. Columns are converted from CPython's UTF-8 bytes to
characters. Decorators take their line from their expression (the ``@`` must be on it), noqa and
pragma comments theirs from the lines their texts end (``tokenize`` only for a text a string also
ends a line with).

Calls inside f-strings are placed by generating only the code of the outermost string around
them, from its start (CPython 3.11 misplaces what is inside f-strings). Any other node, or any
doubt (the two parsers' counts differ, an ``@`` apart from its decorator, a file only libcst
reads), falls back to ``PositionProvider`` for the file, so the answers are libcst's either way
(``tests/syntax/test_positions.py`` compares the two on every fixture).
"""
from __future__ import annotations

import io
import tokenize
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from llm_latency_lint.syntax.checked import Checked, Raw
from llm_latency_lint.syntax.lines import source_lines
from llm_latency_lint.syntax.walk import FIELDS, TABLE_MATCHES, children

Span = Tuple[int, int, int, int]  # start line, start column, end line, end column (0-based columns)
_STRINGS = (cst.FormattedString, cst.ConcatenatedString)


def full_positions(module: cst.Module) -> Any:
    """``PositionProvider`` for the whole module, without the extra pass ``wrapper.resolve`` adds
    (libcst follows every non-batchable provider with a batched traversal of the whole tree)."""
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    try:
        return PositionProvider()._gen(wrapper)
    except AttributeError:  # pragma: no cover - a libcst without the private hook
        return wrapper.resolve(PositionProvider)


class Positions:
    """``line(node)`` and ``span(node)`` as ``PositionProvider`` would give them."""

    def __init__(self, module: cst.Module, text: str, checked: Optional[Checked]) -> None:
        self._module = module
        self._text = text
        self.text = text  # the source, for a recogniser's word test (``Context.mentions``)
        self._lines: Optional[List[str]] = None
        self._spans: Dict[int, Span] = {}
        self._full: Any = None
        self._comments: Optional[Dict[str, List[int]]] = None
        self._indents: Dict[int, str] = {}  # by id: the block indentation of calls and f-strings
        if checked is None or not TABLE_MATCHES or not self._matched(checked):
            self._spans.clear()
            self._full = full_positions(module)

    # ---- answers -------------------------------------------------------------------------
    def span(self, node: cst.CSTNode) -> Span:
        found = self._spans.get(id(node))
        if found is not None:
            return found
        if self._full is None:
            self._full = full_positions(self._module)
        pos = self._full[node]
        return pos.start.line, pos.start.column, pos.end.line, pos.end.column

    def line(self, node: cst.CSTNode) -> int:
        return self.span(node)[0]

    def span_in(self, node: cst.CSTNode, call: cst.Call) -> Span:
        """``span(node)`` for a node inside ``call`` (a method handed to a runner): generated from
        the call's own code and start, as f-strings' calls are, instead of ``PositionProvider``
        regenerating the whole module for one node (a tenth of a second per file)."""
        found = self._spans.get(id(node))
        if found is not None:
            return found
        start, indent = self._spans.get(id(call)), self._indents.get(id(call))
        if self._full is None and start is not None and indent is not None:
            found = _generated_positions(self._module, call, indent, start[0], start[1], node).get(id(node))
            if found is not None:
                self._spans[id(node)] = found
                return found
        return self.span(node)

    def lines_of(self, nodes: List[cst.CSTNode]) -> Optional[Tuple[int, int]]:
        """The first and last line of ``nodes``' calls, defs, classes, ``if``s, ``while``s and
        decorators (the nodes CPython placed, ``for``s apart), or of ``nodes`` themselves once the whole module's
        positions were needed anyway; None: none of those in ``nodes``. What a call edge or a call
        site inside the statements can be on (a branch guard's range, ``facts.branches``), without
        regenerating the whole module's code for the statements' own positions."""
        if self._full is not None:
            return self.span(nodes[0])[0], self.span(nodes[-1])[2]
        first, last = 0, 0
        stack = list(nodes)
        while stack:
            node = stack.pop()
            found = self._spans.get(id(node))
            if found is not None and type(node) is not cst.For:  # a loop's own line is not a call's
                first = found[0] if not first else min(first, found[0])
                last = max(last, found[2], found[0])
            stack.extend(children(node))
        return (first, last) if first else None

    def comment_lines(self, totals: Mapping[str, int]) -> Dict[str, List[int]]:
        """The lines of each comment text the walk met (text -> how many of it), in source order. A
        comment runs to its line's end, so a text that ends exactly ``total`` lines ends its
        comments' lines: one pass over the lines finds them all, with no tokenizing of the whole
        file, which only a text also ending a line elsewhere (in a string) still needs."""
        if self._full is not None or not totals:
            return {}
        found = _ending_lines(self._source_lines(), totals)
        for value, total in totals.items():
            if len(found.get(value, ())) != total:
                if self._comments is None:
                    self._comments = _comment_lines(self._text)
                found[value] = self._comments.get(value, [])
        return found

    def comment_line(self, node: cst.Comment, nth: int, lines: Sequence[int]) -> int:
        """The line of ``node``, the ``nth`` (from 0) comment of its text, whose comments' lines
        ``comment_lines`` gave."""
        if self._full is None and nth < len(lines):
            return lines[nth]
        return self.line(node)

    # ---- matching libcst's nodes to CPython's ----------------------------------------------
    def _matched(self, checked: Checked) -> bool:
        try:
            return self._match(checked)
        except Exception:  # noqa: BLE001 - a tree this code did not foresee: libcst's positions
            return False

    def _match(self, checked: Checked) -> bool:
        indents = self._indents
        mine = _collect(self._module, indents)
        raw = checked.raw
        pairs = [(mine[cst.Call], raw("calls")), (mine[cst.FunctionDef], raw("defs")),
                 (mine[cst.ClassDef], raw("classes")), (mine[cst.If], raw("ifs")), (mine[cst.While], raw("whiles")),
                 (mine[cst.For], raw("fors")), (mine[cst.Decorator], raw("decorators"))]
        if any(len(a) != len(b) for a, b in pairs):
            return False
        for nodes, others in pairs:
            for node, other in zip(nodes, others):
                self._spans[id(node)] = self._converted(other)
        for node in mine[cst.Decorator]:
            line, col = self._spans[id(node)][:2]
            if not self._line(line)[:col].rstrip().endswith("@"):
                return False  # ``@`` on another line than its expression
            self._spans[id(node)] = (line, 0, line, 0)  # only the line is asked of a decorator
        return self._place_in_strings(mine[cst.FormattedString], indents, raw("fstrings"))

    def _place_in_strings(self, tops: List[cst.CSTNode], indents: Dict[int, str], outer: List[Raw]) -> bool:
        """Calls inside f-strings: the code of each outermost string holding a call, generated from
        that string's start (CPython's own positions there are unreliable before 3.12)."""
        if not tops:
            return True
        if len(outer) != len(tops):
            return False
        for top, other in zip(tops, outer):
            line, col = self._converted(other)[:2]
            found = _generated_positions(self._module, top, indents[id(top)], line, col)
            for node_id, span in found.items():
                self._spans.setdefault(node_id, span)
        return True

    def _converted(self, raw: Raw) -> Span:
        line, offset, end_line, end_offset = raw
        return (line, self._column(line, offset), end_line, self._column(end_line, end_offset))

    def _source_lines(self) -> List[str]:
        if self._lines is None:
            self._lines = source_lines(self._text)
        return self._lines

    def _line(self, number: int) -> str:
        lines = self._source_lines()
        return lines[number - 1] if 0 < number <= len(lines) else ""

    def _column(self, line: int, offset: int) -> int:
        """CPython's UTF-8 byte offset as libcst's character column."""
        text = self._line(line)
        if text.isascii():
            return offset
        return len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "replace"))


def _collect(module: cst.Module, indents: Dict[int, str]) -> Dict[type, List[cst.CSTNode]]:
    """libcst's nodes of the kinds CPython positions, in source order; calls inside strings apart,
    with the outermost strings that hold them (``FormattedString`` key) and, in ``indents``, the
    indentation of the block each of those and each call outside strings is in (a line break
    inside the string or call repeats it)."""
    found: Dict[type, List[cst.CSTNode]] = {kind: [] for kind in (cst.Call, cst.FunctionDef, cst.ClassDef, cst.If,
                                                                  cst.While, cst.For, cst.Decorator,
                                                                  cst.FormattedString)}
    tops: List[cst.CSTNode] = []
    stack: List[Tuple[cst.CSTNode, Optional[cst.CSTNode], str]] = [(module, None, "")]
    while stack:
        node, top, indent = stack.pop()
        kind = type(node)
        if top is None:
            bucket = found.get(kind)
            if bucket is not None:
                bucket.append(node)
                if kind is cst.Call:
                    indents[id(node)] = indent
        elif kind is cst.Call and (not tops or tops[-1] is not top):
            tops.append(top)
            indents[id(top)] = indent
        if top is None and kind in _STRINGS:
            top = node
        elif kind is cst.IndentedBlock:
            indent += node.indent if node.indent is not None else module.default_indent  # type: ignore[attr-defined]
        below = reversed(children(node))
        if kind is cst.Match:  # its cases are indented by the statement's own ``indent``, its subject is not
            inner = indent + (node.indent if node.indent is not None else module.default_indent)  # type: ignore[attr-defined]
            stack.extend((child, top, inner if type(child) is cst.MatchCase else indent) for child in below)
        else:
            stack.extend((child, top, indent) for child in below)
    found[cst.FormattedString] = tops  # replaces the f-strings seen outside strings: not asked for
    return found


class _Recorder:
    """The provider ``PositionProvidingCodegenState`` writes to."""

    def __init__(self) -> None:
        self._computed: Dict[cst.CSTNode, Any] = {}


def _generated_positions(module: cst.Module, node: cst.CSTNode, indent: str, line: int, column: int,
                         wanted: Optional[cst.CSTNode] = None) -> Dict[int, Span]:
    """Spans of the calls under ``node`` (a string expression starting at ``line``/``column`` in a
    block indented by ``indent``), from the code of that node alone (its own parentheses left
    out: they precede its start); of ``wanted`` instead when it is given."""
    from libcst.metadata.position_provider import PositionProvidingCodegenState

    recorder = _Recorder()
    state = PositionProvidingCodegenState(default_indent=module.default_indent, default_newline=module.default_newline,
                                          provider=recorder)  # type: ignore[arg-type]
    state.line, state.column = line, column
    state.indent_tokens = [indent] if indent else []
    bare = node.with_changes(lpar=(), rpar=())
    bare._codegen(state)
    return {id(n): (r.start.line, r.start.column, r.end.line, r.end.column)
            for n, r in recorder._computed.items() if (n is wanted if wanted is not None else type(n) is cst.Call)}


def _ending_lines(lines: List[str], values: Mapping[str, int]) -> Dict[str, List[int]]:
    """The lines (from 1) each of ``values`` (texts starting with ``#``) runs to the end of, in one
    pass over ``lines`` (``source_lines``: ``tokenize``'s line breaks): only a ``#`` whose rest of
    the line is as long as one of them is compared."""
    found: Dict[str, List[int]] = {}
    lengths = {len(value) for value in values}
    for number, line in enumerate(lines, 1):
        at = line.find("#")
        if at < 0:
            continue
        end = len(line.rstrip("\r\n"))
        while 0 <= at:
            if end - at in lengths and line[at:end] in values:
                found.setdefault(line[at:end], []).append(number)  # once a line: the rest's length is the text's
            at = line.find("#", at + 1)
    return found


def _comment_lines(text: str) -> Dict[str, List[int]]:
    """The lines of each comment text, in source order."""
    found: Dict[str, List[int]] = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
            if tok.type == tokenize.COMMENT:
                found.setdefault(tok.string, []).append(tok.start[0])
    except (tokenize.TokenError, SyntaxError):
        return {}
    return found


__all__ = ["Positions", "full_positions", "FIELDS"]
