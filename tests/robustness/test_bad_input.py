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


def test_syntax_newer_than_the_interpreter_is_analysed_not_an_error(tmp_path):
    """PEP 701 f-strings (quotes nested in the braces) are valid from Python 3.12: under 3.11
    CPython's parser rejects them, libcst's reads them, so the file is analysed."""
    newer = (
        "from openai import OpenAI\nclient = OpenAI()\nsongs = {'a': 1}\n\n"
        "def weekly():  # llm-latency: scheduled\n"
        "    client.chat.completions.create(model='m', messages=[{'role': 'user', 'content': f'{songs['a']}'}])\n"
    )
    (tmp_path / "good.py").write_text(GOOD)
    (tmp_path / "newer.py").write_text(newer)
    result = run([tmp_path], Config(), root=tmp_path)
    assert result.errors == []
    assert [(f.path, f.code) for f in result.findings] == [("good.py", "LLM001"), ("newer.py", "LLM001")]


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
    check(tmp_path, "secret.py", GOOD.encode())
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


def test_fifo_named_py_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.py")  # open() on it would block until a writer came
    errors = check(tmp_path, "other.txt", b"")
    assert errors == {"pipe.py": "not a regular file (FIFO, socket or device)"}


def test_file_symlink_loop_and_explicit_looping_path(tmp_path):
    (tmp_path / "a.py").symlink_to(tmp_path / "b.py")
    (tmp_path / "b.py").symlink_to(tmp_path / "a.py")
    errors = check(tmp_path, "other.txt", b"")
    assert errors == {"a.py": "broken or looping symlink", "b.py": "broken or looping symlink"}
    result = run([tmp_path / "a.py", tmp_path / "good.py"], Config(), root=tmp_path)
    assert {e.path: e.message for e in result.errors} == {"a.py": "broken or looping symlink"}
    assert [f.path for f in result.findings] == ["good.py"]


def test_non_utf8_file_name_is_checked_and_printable(tmp_path):
    name = os.fsdecode(b"caf\xe9.py")  # surrogate-escaped: what os.walk returns for it
    (tmp_path / name).write_text(GOOD)
    (tmp_path / "broken.py").write_bytes(b"import openai\ndef f(:\n")
    result = run([tmp_path], Config(), root=tmp_path)
    assert [f.path for f in result.findings] == ["caf\\xe9.py"]
    assert [e.path for e in result.errors] == ["broken.py"]
    from llm_latency_lint.audit.inventory import build
    from llm_latency_lint.reporters import AUDIT_FORMATS, CHECK_FORMATS

    for render in CHECK_FORMATS.values():
        render(result).encode("utf-8")  # strict: no surrogate reaches a report
    audit = build(result, Config())
    for render_audit in AUDIT_FORMATS.values():
        render_audit(audit, False).encode("utf-8")


def test_unreadable_file_error_path(tmp_path, monkeypatch):
    """Root reads mode-000 files, so the EACCES path is driven through ``os.open`` itself."""
    from llm_latency_lint.files import read as source

    real_open = source.os.open

    def deny(path, *args, **kwargs):
        if str(path).endswith("secret.py"):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(source.os, "open", deny)
    errors = check(tmp_path, "secret.py", GOOD.encode())
    assert errors == {"secret.py": "permission denied"}


def test_unreadable_file_as_an_unprivileged_user(tmp_path):
    """The real EACCES: the CLI runs as ``nobody`` (root only) over a mode-000 file."""
    import subprocess

    if sys.platform == "win32" or os.geteuid() != 0:
        pytest.skip("needs root to drop to another user; test_unreadable_file covers non-root")
    work = tmp_path / "shared"
    work.mkdir()
    for folder in [work, *work.parents]:
        if folder == folder.parent:
            break
        folder.chmod(folder.stat().st_mode | 0o005)  # traversable by others
    (work / "good.py").write_text(GOOD)
    (work / "secret.py").write_text(GOOD)
    (work / "secret.py").chmod(0)

    def as_nobody():
        os.setgid(65534)
        os.setuid(65534)

    try:
        probe = subprocess.run([sys.executable, "-c", "import llm_latency_lint"], preexec_fn=as_nobody, capture_output=True)
    except PermissionError:
        probe = None
    if probe is None or probe.returncode != 0:
        pytest.skip("the interpreter or the package is not readable by nobody here")
    proc = subprocess.run(
        [sys.executable, "-m", "llm_latency_lint", "check", ".", "--format", "json"],
        cwd=work, preexec_fn=as_nobody, capture_output=True, text=True, timeout=120,
    )
    import json

    data = json.loads(proc.stdout)
    assert proc.returncode == 1, proc.stderr
    assert [f["path"] for f in data["findings"]] == ["good.py"]
    assert data["errors"] == [{"path": "secret.py", "message": "permission denied"}]


def test_five_megabyte_generated_file(tmp_path, monkeypatch):
    """A 5 MB file is read, then bounded by the per-file budget (libcst needs minutes for it)."""
    from llm_latency_lint.syntax import parse as parsing

    monkeypatch.setattr(parsing, "BUDGET_SECONDS", 1.0)
    body = "".join(f"def f{i}(x):\n    return client.chat.completions.create(model='m', messages=x)\n"
                   for i in range(70_000))
    data = ("import openai\nclient = openai.OpenAI()\n" + body).encode()
    assert len(data) > 5 * 1024 * 1024
    errors = check(tmp_path, "generated.py", data)
    assert errors == {"generated.py": "analysis took longer than the 1 s per-file budget: skipped"}


def test_file_over_the_size_limit_is_skipped(tmp_path):
    errors = check(tmp_path, "huge.py", b"import openai\n" + b"x = 1\n" * (1_500_000))
    assert errors == {"huge.py": "file larger than 8 MB skipped"}


@pytest.mark.filterwarnings("ignore:This process.* is multi-threaded:DeprecationWarning")
def test_recursion_error_inside_libcst_is_a_file_error(tmp_path, monkeypatch):
    """With the depth guard lifted, libcst itself recurses too deep: still one clean error."""
    from llm_latency_lint.syntax import parse as parsing

    monkeypatch.setattr(parsing, "MAX_DEPTH", 10**6)
    monkeypatch.setattr(parsing, "START_METHOD", "fork")  # the child (a slow parse) sees the lifted guard
    deep = "import openai\nx = " + "-" * 1500 + "1\n"
    compile(deep, "deep.py", "exec")  # CPython accepts it; the RecursionError is libcst's
    errors = check(tmp_path, "deep.py", deep.encode())
    assert errors == {"deep.py": "expression nested too deeply to parse"}


@pytest.mark.parametrize(
    "toml,key",
    [
        ('selekt = ["LLM"]', "tool.llm-latency-lint.selekt: unknown key"),
        ('wrappers = [{ function = "app.ask", bogus = 1 }]', "tool.llm-latency-lint.wrappers.0.bogus: unknown key"),
        ('select = "LLM"', "tool.llm-latency-lint.select:"),
        ("exclude = 3", "tool.llm-latency-lint.exclude:"),
        ('per-file-ignores = ["tests/*"]', "tool.llm-latency-lint.per-file-ignores:"),
        ('per-file-ignores = { "tests/[a" = ["LLM"] }', "tool.llm-latency-lint.per-file-ignores: Value error, bad glob"),
        ('per-file-ignores = { "" = ["LLM"] }', "tool.llm-latency-lint.per-file-ignores: Value error, bad glob"),
        ('ignore = ["llm-001"]', "tool.llm-latency-lint.ignore:"),
        ("wrappers = [{ provider = 'openai' }]", "tool.llm-latency-lint.wrappers.0.function:"),
        ("select = [", "invalid TOML"),
    ],
    ids=["unknown", "unknown-nested", "str-for-list", "int-for-list", "list-for-table", "bad-glob",
         "empty-glob", "bad-code", "missing-field", "invalid-toml"],
)
def test_bad_config_is_one_line_naming_file_and_key(tmp_path, toml, key):
    from llm_latency_lint.config import ConfigError, load

    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.llm-latency-lint]\n" + toml + "\n")
    with pytest.raises(ConfigError) as info:
        load(pyproject)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{pyproject}: ") and key in message, message


def test_config_section_that_is_not_a_table(tmp_path):
    from llm_latency_lint.config import ConfigError, load

    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool]\nllm-latency-lint = 3\n')
    with pytest.raises(ConfigError) as info:
        load(pyproject)
    assert "\n" not in str(info.value) and str(info.value).startswith(str(pyproject))


def test_a_warning_raised_from_the_package_fails_the_suite():
    """pyproject's filterwarnings makes warnings attributed to the package's modules errors, so
    the suite cannot pass while the tool's own code warns (a dependency's warnings are shown)."""
    import warnings

    code = compile("import warnings\nwarnings.warn('from the package', UserWarning)\n", "probe.py", "exec")
    with pytest.raises(UserWarning, match="from the package"):
        exec(code, {"__name__": "llm_latency_lint.probe"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        exec(code, {"__name__": "some_dependency"})
    assert len(caught) == 1



def test_a_parameter_rebound_many_times_is_read_in_polynomial_work(monkeypatch):
    """``text = text.replace(...)`` repeated: each rebinding mentions the parameter, whose in-body
    values (``names._param``) must not read every other rebinding again (n! reads: nine such lines
    ran past the 30 s per-file budget and the file's call sites were lost)."""
    from llm_latency_lint.facts.names import NamesMixin
    from llm_latency_lint.facts.visitor import extract

    reads = []
    local_value = NamesMixin._local_value
    monkeypatch.setattr(NamesMixin, "_local_value", lambda self, value: reads.append(1) or local_value(self, value))
    body = "".join(f"    text = text.replace('a{i}', 'b')\n" for i in range(6))
    facts = extract("from openai import OpenAI\nclient = OpenAI()\n\n\ndef clean(text):\n" + body
                    + "    return client.chat.completions.create(model='m', messages=text)\n", "clean.py", "clean")
    assert len(facts.call_sites) == 1
    assert len(reads) < 2000, len(reads)  # 444 (quadratic); n! read again: 164,316
