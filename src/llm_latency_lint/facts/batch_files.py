"""Reading a file by id is a batch's business only for a batch's files: which ``files.content``-like
calls read a batch's input, output or error file (a Batch API site), and which read other files."""
from __future__ import annotations

import re
from typing import Optional, Set

import libcst as cst

from llm_latency_lint.catalog.providers.spec import BATCH_USE, OTHER_FILE_USES
from llm_latency_lint.facts.pass_state import PassState
from llm_latency_lint.facts.scopes import Local
from llm_latency_lint.syntax.literals import literal

FILE_READS = frozenset({"content", "file_content", "afile_content", "download", "retrieve_content"})
BATCH_FILE_FIELD = re.compile(r"\b(?:input|output|error)_file(?:_id)?\b")


class BatchFilesMixin(PassState):
    """Batch files for ``FactsVisitor`` (which holds the module, its source and the scopes)."""

    def _batch_file(self, node: cst.Call) -> bool:
        """Is the file this call reads a batch file: a batch's ``output_file_id`` (or error or
        input file), or a file created with ``purpose="batch"``, directly or through locals?"""
        keyword = next((a.value for a in node.args if a.keyword is not None and a.keyword.value in ("file_id", "id")), None)
        positional = next((a.value for a in node.args if a.keyword is None and not a.star), None)
        value = keyword if keyword is not None else positional
        if self._is_batch_file(value, set()):
            return True
        return value is not None and self._reads_only_batch_files()

    def _reads_only_batch_files(self) -> bool:
        """Does this module handle batches (``.batches.create/retrieve/list``) and no other kind of
        file, so any file it reads by id is a batch's input, output or error file?"""
        source = self.source or ""
        return bool(source) and BATCH_USE.search(source) is not None and OTHER_FILE_USES.search(source) is None

    def _is_batch_file(self, value: Optional[Local], seen: Set[str]) -> bool:
        if isinstance(value, cst.Await):
            value = value.expression
        if not isinstance(value, cst.BaseExpression):
            return False  # absent, or a loop variable
        if BATCH_FILE_FIELD.search(self.module.code_for_node(value)):
            return True
        if isinstance(value, cst.SimpleString) and self.source and ".batches." in self.source:
            return True  # ``files.content("file-...")``: an id pasted from the batch this file retrieves
        if isinstance(value, cst.Call):
            return any(a.keyword is not None and a.keyword.value == "purpose" and literal(a.value) in ("batch", "batch-api")
                       for a in value.args)
        if isinstance(value, cst.Attribute) and value.attr.value == "id":
            return self._is_batch_file(value.value, seen)
        if isinstance(value, cst.Name) and value.value not in seen:
            seen.add(value.value)
            return any(self._is_batch_file(v, seen) for v in self._function_scope().locals.get(value.value, []))
        return False
