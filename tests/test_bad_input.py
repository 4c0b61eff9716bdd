"""Bad input gets a clear one-line error, and every other file is still checked."""
from __future__ import annotations

import os
import sys

import pytest

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run

GOOD = (
    "from openai import OpenAI\nclient = OpenAI()\n\n"
    "def nightly():  # llm-latency: scheduled\n    client.chat.completions.create(model='m', messages=[])\n"
)


def check(tmp_path, name, data: bytes):
    (tmp_path / "good.py").write_text(GOOD)
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    result = run([tmp_path], Config(), root=tmp_path)
    assert [f.path for f in result.findings] == ["good.py"], "the good file is still checked"
    return {e.path: e.message for e in result.errors}


@pytest.mark.parametrize(
    "data,expected",
    [
        (b"import openai\ndef f(:\n    pass\n", "syntax error at 2:"),
        (b"import openai\nprint 'hello'\n", "syntax error at 2:"),
        (b"import openai\n<<<<<<< HEAD\nx = 1\n=======\nx = 2\n>>>>>>> branch\n", "syntax error at 2:"),
        (b"import openai\nx = '\xff\xfe'\n", "cannot decode as utf-8 at byte"),
        (b"import openai\x00\x00\n", "binary file (contains NUL bytes)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
        (b"# -*- coding: klingon -*-\nimport openai\n", "bad encoding declaration"),
    ],
    ids=["syntax", "python2", "merge-markers", "undecodable", "nul", "binary", "unknown-cookie"],
)
def test_unreadable_sources_become_errors(tmp_path, data, expected):
    errors = check(tmp_path, "bad.py", data)
    assert list(errors) == ["bad.py"]
    assert errors["bad.py"].startswith(expected), errors
    assert "\n" not in errors["bad.py"]


def test_bom_and_coding_cookie_are_read(tmp_path):
    latin = "# -*- coding: latin-1 -*-\n" + GOOD.replace("model='m'", "model='m\u00e9'")
    (tmp_path / "cookie.py").write_bytes(latin.encode("latin-1"))
    (tmp_path / "bom.py").write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    result = run([tmp_path], Config(), root=tmp_path)
    assert result.errors == []
    assert sorted(f.path for f in result.findings) == ["bom.py", "cookie.py"]
    cookie = next(s for s in result.sites if s.resolved.facts.path == "cookie.py")
    assert cookie.resolved.site.model == "m\u00e9"


def test_empty_file_and_directory_named_py(tmp_path):
    (tmp_path / "empty.py").write_text("")
    (tmp_path / "pkg.py").mkdir()
    (tmp_path / "pkg.py" / "inner.py").write_text(GOOD)
    result = run([tmp_path], Config(), root=tmp_path)
    assert result.errors == []
    assert [f.path for f in result.findings] == ["pkg.py/inner.py"]


def test_deeply_nested_expression_is_reported_not_raised(tmp_path):
    deep = "import openai\nx = " + "(" * 3000 + "1" + ")" * 3000 + "\n"
    errors = check(tmp_path, "deep.py", deep.encode())
    assert "deep.py" in errors and "\n" not in errors["deep.py"]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path):
    errors = check(tmp_path, "secret.py", GOOD.encode())
    (tmp_path / "secret.py").chmod(0)
    result = run([tmp_path], Config(), root=tmp_path)
    assert {e.path: e.message for e in result.errors} == {"secret.py": "permission denied"}


def test_symlink_loop_is_skipped(tmp_path):
    (tmp_path / "good.py").write_text(GOOD)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "dangling.py").symlink_to(tmp_path / "missing.py")
    result = run([tmp_path], Config(), root=tmp_path)
    assert [f.path for f in result.findings] == ["good.py"]
    assert {e.path: e.message for e in result.errors} == {"dangling.py": "broken or looping symlink"}


def test_scanned_code_is_never_executed(tmp_path):
    marker = tmp_path / "executed"
    (tmp_path / "evil.py").write_text(
        f"import openai\nopen({str(marker)!r}, 'w').write('x')\n"
        "if __name__ == '__main__':\n    open('also', 'w')\n"
    )
    run([tmp_path], Config(), root=tmp_path)
    assert not marker.exists()


def test_long_operator_chain_is_reported_quickly(tmp_path):
    chain = "import openai\nx = " + "+".join(["1"] * 20000) + "\n"
    errors = check(tmp_path, "chain.py", chain.encode())
    assert errors["chain.py"].startswith(("expression nested", "syntax error"))
