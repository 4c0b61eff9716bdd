"""--project-root: analyse the whole project, report only on the files given (pre-commit, editors)."""
from __future__ import annotations

from sample_project import cli, make


def test_project_root_reports_on_given_files_with_cross_file_evidence(tmp_path):
    root = make(tmp_path)
    alone = cli("check", "llm.py", cwd=root)
    assert alone.returncode == 0, "on its own, llm.py shows no schedule"
    proc = cli("check", "--project-root", ".", "llm.py", cwd=root)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[:2] == [
        proc.stdout.splitlines()[0],
        "    celery_app.py:6: beat_schedule 'nightly-summary' crontab(hour=2, minute=0)",
    ]
    assert proc.stdout.startswith("llm.py:7:12: LLM001")
    assert cli("check", "--project-root", ".", "web.py", "tasks.py", cwd=root).returncode == 0
    assert cli("check", "--project-root", str(root), str(root), cwd=tmp_path.parent).returncode == 1


def test_project_root_rejects_paths_outside_it(tmp_path):
    root = make(tmp_path / "proj")
    (tmp_path / "other.py").write_text("x = 1\n")
    proc = cli("check", "--project-root", "proj", "other.py", cwd=tmp_path)
    assert proc.returncode == 2 and "other.py is outside the project root" in proc.stderr
