"""--project-root: analyse the whole project, report only on the files given (pre-commit, editors)."""
from __future__ import annotations

from support.sample_project import FILES, STREAM_FILES, cli, make


def test_project_root_reports_on_given_files_with_cross_file_evidence(tmp_path):
    root = make(tmp_path)
    alone = cli("check", "llm.py", cwd=root)
    assert alone.returncode == 0, "on its own, llm.py shows no schedule"
    proc = cli("check", "--project-root", ".", "llm.py", cwd=root)
    assert proc.returncode == 1
    first, evidence = proc.stdout.splitlines()[:2]
    assert first.startswith("llm.py:7:12: LLM001")
    assert evidence == "    celery_app.py:6: beat_schedule 'nightly-summary' crontab(hour=2, minute=0)"
    assert cli("check", "--project-root", ".", "web.py", "tasks.py", cwd=root).returncode == 0
    assert cli("check", "--project-root", str(root), str(root), cwd=tmp_path.parent).returncode == 1


def test_project_root_rejects_paths_outside_it(tmp_path):
    make(tmp_path / "proj")
    (tmp_path / "other.py").write_text("x = 1\n")
    proc = cli("check", "--project-root", "proj", "other.py", cwd=tmp_path)
    assert proc.returncode == 2 and "other.py is outside the project root" in proc.stderr
    (tmp_path / "proj" / "notes.txt").write_text("")
    for bad in ("nope", "proj/notes.txt"):
        proc = cli("check", "--project-root", bad, "proj/llm.py", cwd=tmp_path)
        assert proc.returncode == 2 and f"--project-root {bad} is not a directory" in proc.stderr


def test_fix_with_project_root_rewrites_only_the_given_files_using_cross_file_evidence(tmp_path):
    root = make(tmp_path, {**FILES, **STREAM_FILES, "digest_copy.py": STREAM_FILES["digest.py"],
                           "beat2.py": STREAM_FILES["beat.py"].replace("from digest", "from digest_copy")})
    original = (root / "digest.py").read_text()
    alone = cli("check", "--fix", "digest.py", cwd=root)
    assert (root / "digest.py").read_text() == original, "without the project, digest.py shows no schedule"
    assert "Fixed 0 finding(s)" in alone.stderr
    proc = cli("check", "--project-root", ".", "--fix", "digest.py", cwd=root)
    assert "Fixed 1 finding(s) in 1 file(s)." in proc.stderr, proc.stderr
    fixed = (root / "digest.py").read_text()
    assert "stream=True" not in fixed and "full_response = client.responses.create(model='gpt-4.1-mini', input=q)" in fixed
    assert (root / "digest_copy.py").read_text() == original, "a file pre-commit did not pass is not touched"
    assert all(line.startswith(("digest.py", "    ", "Found", "No findings")) for line in proc.stdout.splitlines()), proc.stdout


def test_the_whole_project_is_analysed_whatever_path_is_named(tmp_path):
    """Editors and pre-commit name single files: the project root (the nearest folder with
    pyproject.toml, setup.cfg, setup.py or .git) is found and analysed whole, findings are
    reported only in the named paths, relative to where the command ran; --isolated opts out."""
    for marker in ("pyproject.toml", "setup.py", ".git"):
        nested = {"sub/__init__.py": "", "sub/llm.py": FILES["llm.py"],
                  "tasks2.py": "from sub.llm import summarize\n\n\ndef nightly2():  # llm-latency: scheduled\n    summarize('x')\n"}
        root = make(tmp_path / marker.strip(".") / "proj", {**FILES, **nested})
        (root / marker).mkdir() if marker == ".git" else (root / marker).write_text("")
        proc = cli("check", "llm.py", cwd=root)
        assert proc.returncode == 1, (marker, proc.stdout, proc.stderr)
        first, evidence = proc.stdout.splitlines()[:2]
        assert first.startswith("llm.py:7:12: LLM001"), first
        assert evidence == "    celery_app.py:6: beat_schedule 'nightly-summary' crontab(hour=2, minute=0)"
        assert cli("check", "--isolated", "llm.py", cwd=root).returncode == 0, "only llm.py: no schedule seen"
        assert cli("check", "web.py", "tasks.py", cwd=root).returncode == 0, "findings only in the named files"
        # From a subfolder, and naming the project's folder from outside it.
        below = cli("check", ".", cwd=root / "sub")
        assert below.stdout.startswith("llm.py:7:12: LLM001"), below.stdout  # reached from tasks2.py above
        assert "\n    ../tasks2.py:" not in below.stdout and str(root / "tasks2.py") in below.stdout
        assert cli("check", "--isolated", ".", cwd=root / "sub").returncode == 0
        outside = cli("check", "proj/llm.py", cwd=root.parent)
        assert outside.stdout.startswith("proj/llm.py:7:12: LLM001"), outside.stdout
