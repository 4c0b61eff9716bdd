"""apply_edits: all-or-nothing rewrites that keep encoding, BOM, newlines and permissions."""
from __future__ import annotations

import os
import stat

import pytest

from llm_latency_lint.files.edits import Edit
from llm_latency_lint.files.write import (
    EditError,
    apply_edits,
    apply_to_text,
    newline_of,
    plan,
    write,
)


def _edit(line, col, end_line, end_col, text, path="x.py"):
    return Edit(path, line, col, end_line, end_col, text)


def test_apply_to_text_replaces_spans_right_to_left():
    text = "a = 1\nb = 2\n"
    out = apply_to_text(text, [_edit(2, 5, 2, 6, "20"), _edit(1, 5, 1, 6, "10")])
    assert out == "a = 10\nb = 20\n"


def test_insertion_and_multiline_replacement():
    text = "x = f(\n    1,\n)\ny = 2\n"
    out = apply_to_text(text, [_edit(1, 1, 3, 2, "x = g(1)"), _edit(4, 1, 4, 1, "# note\n")])
    assert out == "x = g(1)\n# note\ny = 2\n"


def test_overlapping_edits_are_refused():
    with pytest.raises(EditError, match="overlap"):
        apply_to_text("abcdef\n", [_edit(1, 1, 1, 4, "x"), _edit(1, 3, 1, 5, "y")])


@pytest.mark.parametrize("line,col", [(0, 1), (5, 1), (1, 40)])
def test_positions_outside_the_file_are_refused(line, col):
    with pytest.raises(EditError):
        apply_to_text("a = 1\n", [_edit(line, col, line, col, "x")])


def test_newline_detection():
    assert newline_of("a\r\nb\r\n") == "\r\n"
    assert newline_of("a\nb\n") == "\n"
    assert newline_of("a\rb\r") == "\r"
    assert newline_of("single line") == "\n"


def test_crlf_bom_and_permissions_survive(tmp_path):
    path = tmp_path / "m.py"
    path.write_bytes(b"\xef\xbb\xbfx = 1\r\ny = 2\r\n")
    os.chmod(path, 0o640)
    apply_edits(str(path), [_edit(2, 1, 2, 6, "y = 3\nz = 4", str(path))])
    assert path.read_bytes() == b"\xef\xbb\xbfx = 1\r\ny = 3\r\nz = 4\r\n"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


def test_pep263_encoding_is_kept(tmp_path):
    path = tmp_path / "latin.py"
    path.write_bytes("# -*- coding: latin-1 -*-\nname = 'caf\xe9'\n".encode("latin-1"))
    apply_edits(str(path), [_edit(2, 1, 2, 5, "label")])
    assert path.read_bytes() == "# -*- coding: latin-1 -*-\nlabel = 'caf\xe9'\n".encode("latin-1")


def test_text_the_encoding_cannot_hold_writes_nothing(tmp_path):
    path = tmp_path / "latin.py"
    original = "# -*- coding: latin-1 -*-\nname = 'x'\n".encode("latin-1")
    path.write_bytes(original)
    with pytest.raises(EditError, match="encoded"):
        apply_edits(str(path), [_edit(2, 9, 2, 10, "\u2603")])
    assert path.read_bytes() == original


def test_unparsable_result_writes_nothing(tmp_path):
    path = tmp_path / "m.py"
    path.write_text("x = 1\n")
    with pytest.raises(EditError, match="unparsable"):
        apply_edits(str(path), [_edit(1, 5, 1, 6, "(")])
    assert path.read_text() == "x = 1\n"
    assert os.listdir(tmp_path) == ["m.py"]


def test_file_changed_since_read_is_skipped(tmp_path):
    path = tmp_path / "m.py"
    path.write_text("x = 1\n")
    planned = plan(str(path), [_edit(1, 5, 1, 6, "2")])
    path.write_text("x = 5\n")  # someone else saved the file in between
    with pytest.raises(EditError, match="changed since it was read"):
        write(planned)
    assert path.read_text() == "x = 5\n"


def test_expected_text_mismatch_is_skipped(tmp_path):
    path = tmp_path / "m.py"
    path.write_text("x = 1\n")
    with pytest.raises(EditError, match="changed since it was read"):
        plan(str(path), [_edit(1, 5, 1, 6, "2")], expected_text="x = 0\n")
    assert path.read_text() == "x = 1\n"


def test_no_edits_means_no_write(tmp_path):
    path = tmp_path / "m.py"
    path.write_text("x = 1\n")
    before = os.stat(path).st_mtime_ns
    planned = apply_edits(str(path), [])
    assert not planned.changed
    assert os.stat(path).st_mtime_ns == before


def test_symlink_stays_a_symlink(tmp_path):
    real = tmp_path / "real.py"
    real.write_text("x = 1\n")
    link = tmp_path / "link.py"
    link.symlink_to(real)
    apply_edits(str(link), [_edit(1, 5, 1, 6, "2")])
    assert link.is_symlink()
    assert real.read_text() == "x = 2\n"


def test_unreadable_file_is_an_error(tmp_path):
    with pytest.raises(EditError):
        apply_edits(str(tmp_path / "missing.py"), [])
