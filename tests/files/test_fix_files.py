"""--fix and the files it writes: atomic under SIGKILL, skips files changed since they were read,
keeps CRLF, BOM, PEP 263 encodings and permissions."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

from llm_latency_lint.config import Config
from llm_latency_lint.fixes import FixOptions, fix_paths
from llm_latency_lint.fixes.run import write_report

JOB = textwrap.dedent('''\
    from openai import OpenAI

    client = OpenAI()


    def job(items):  # llm-latency: scheduled
        for item in items:
            reply = client.chat.completions.create(model="gpt-4o-mini", messages=[item])
            print(reply.id)
''')

# Runs the real CLI, announcing each file just before it is renamed into place and pausing there,
# so the parent can kill it in the middle of the writes.
_DRIVER = textwrap.dedent('''\
    import os, sys, time
    real_replace = os.replace
    def announced_replace(src, dst):
        if str(dst).endswith(".py"):  # source files, not the facts cache's own atomic writes
            print("REPLACE", dst, flush=True)
            time.sleep(0.02)
        real_replace(src, dst)
    os.replace = announced_replace
    from llm_latency_lint.cli import main
    sys.exit(main(["check", sys.argv[1], "--fix", "--unsafe-fixes"]))
''')


def _project(root: Path, count: int) -> None:
    for i in range(count):
        (root / f"job_{i:03d}.py").write_text(JOB, encoding="utf-8")


def test_sigkill_during_fix_leaves_every_file_old_or_new(tmp_path):
    reference = tmp_path / "reference"
    reference.mkdir()
    _project(reference, 1)
    expected = fix_paths([reference], Config(), FixOptions(unsafe=True), write=False).fixed["job_000.py"]

    project = tmp_path / "project"
    project.mkdir()
    count = 12
    _project(project, count)
    proc = subprocess.Popen([sys.executable, "-c", _DRIVER, str(project)], stdout=subprocess.PIPE, text=True)
    seen = 0
    for line in proc.stdout:
        if line.startswith("REPLACE"):
            seen += 1
            if seen == count // 2:
                os.kill(proc.pid, signal.SIGKILL)
                break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    contents = [p.read_text(encoding="utf-8") for p in sorted(project.glob("job_*.py"))]
    assert len(contents) == count
    assert all(c in (JOB, expected) for c in contents), "a file is neither the old nor the new text"
    assert 0 < sum(c == expected for c in contents) < count  # killed in the middle, not before or after
    # a second run finishes the job from where it stopped
    subprocess.run([sys.executable, "-m", "llm_latency_lint", "check", str(project), "--fix", "--unsafe-fixes"],
                   capture_output=True, timeout=120)
    assert all(p.read_text(encoding="utf-8") == expected for p in project.glob("job_*.py"))


def test_file_changed_between_read_and_write_is_skipped_with_an_error(tmp_path):
    _project(tmp_path, 2)
    report = fix_paths([tmp_path], Config(), FixOptions(unsafe=True), write=False)
    assert sorted(report.fixed) == ["_llm_batch.py", "job_000.py", "job_001.py"]
    assert report.created == {"_llm_batch.py"}
    edited = JOB + "# edited by someone else\n"
    (tmp_path / "job_000.py").write_text(edited, encoding="utf-8")
    write_report(report)
    assert report.errors == [("job_000.py", "file changed since it was read; skipped")]
    assert (tmp_path / "job_000.py").read_text(encoding="utf-8") == edited
    assert (tmp_path / "job_001.py").read_text(encoding="utf-8") == report.fixed["job_001.py"]
    assert (tmp_path / "_llm_batch.py").read_text(encoding="utf-8") == report.fixed["_llm_batch.py"]


def test_a_helper_module_that_appeared_meanwhile_is_not_overwritten(tmp_path):
    _project(tmp_path, 1)
    report = fix_paths([tmp_path], Config(), FixOptions(unsafe=True), write=False)
    (tmp_path / "_llm_batch.py").write_text("# mine\n", encoding="utf-8")
    write_report(report)
    assert report.errors == [("_llm_batch.py", "file appeared since the fix was planned; skipped"),
                             ("job_000.py", "its helper module _llm_batch.py was not written; skipped")]
    assert (tmp_path / "job_000.py").read_text(encoding="utf-8") == JOB
    assert (tmp_path / "_llm_batch.py").read_text(encoding="utf-8") == "# mine\n"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".llmfix")]


def test_crlf_bom_encoding_and_permissions_survive(tmp_path):
    crlf = tmp_path / "crlf_job.py"
    crlf.write_bytes(b"\xef\xbb\xbf" + JOB.replace("\n", "\r\n").encode("utf-8"))
    os.chmod(crlf, 0o751)
    latin = tmp_path / "latin_job.py"
    latin.write_bytes(("# -*- coding: latin-1 -*-\n# r\xe9sum\xe9 nightly\n" + JOB).encode("latin-1"))
    report = fix_paths([tmp_path], Config(), FixOptions(unsafe=True), write=True)
    assert not report.errors and sorted(report.fixed) == ["_llm_batch.py", "crlf_job.py", "latin_job.py"]
    assert "def _openai_batch(" in (tmp_path / "_llm_batch.py").read_text(encoding="utf-8")

    data = crlf.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"_openai_batch(" in data
    assert data.count(b"\n") == data.count(b"\r\n")  # no bare LF introduced
    assert stat.S_IMODE(os.stat(crlf).st_mode) == 0o751

    text = latin.read_bytes().decode("latin-1")
    assert "r\xe9sum\xe9 nightly" in text and "_openai_batch(" in text
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".llmfix")]
