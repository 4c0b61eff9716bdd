"""The tool never runs scanned code, never touches the network, and never reports a path
outside the scanned root."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

from llm_latency_lint.config import Config
from llm_latency_lint.engine import run

JOB = (
    "from openai import OpenAI\nclient = OpenAI()\n\n"
    "def nightly():  # llm-latency: scheduled\n    client.chat.completions.create(model='m', messages=[])\n"
)

# Installed by a sitecustomize on PYTHONPATH: every way to reach a network records itself and fails.
NO_NETWORK = textwrap.dedent(
    """
    import os, socket

    def _blocked(*args, **kwargs):
        with open(os.environ["LLM_LINT_NETWORK_LOG"], "a") as log:
            log.write(repr(args[:2]) + "\\n")
        raise OSError("network access blocked by the test")

    class _Socket(socket.socket):
        def connect(self, *args): _blocked(*args)
        def connect_ex(self, *args): _blocked(*args)
        def sendto(self, *args): _blocked(*args)
        def bind(self, *args): _blocked(*args)

    socket.socket = _Socket
    socket.create_connection = _blocked
    socket.getaddrinfo = _blocked
    socket.gethostbyname = _blocked
    """
)


def cli(args, cwd: Path, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "llm_latency_lint", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def hostile_project(root: Path, marker_dir: Path, port: int) -> None:
    """Modules whose import would leave a file behind or connect to ``port``, including ones
    named like the standard library modules the CLI imports after start-up."""
    effect = (
        f"import socket\nopen({str(marker_dir / 'ran')!r} + '-' + __name__, 'w').close()\n"
        f"socket.create_connection(('127.0.0.1', {port}), timeout=1)\n"
    )
    (root / "pkg").mkdir()
    (root / "pkg" / "__init__.py").write_text("import openai\n" + effect)
    (root / "pkg" / "jobs.py").write_text(JOB + effect)
    for name in ("json", "argparse", "fnmatch", "tomllib", "conftest", "setup", "sitecustomize"):
        (root / f"{name}.py").write_text("import openai\n" + effect)


def test_scanned_modules_are_never_imported_or_run(tmp_path):
    project, markers = tmp_path / "project", tmp_path / "markers"
    project.mkdir()
    markers.mkdir()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)
    hostile_project(project, markers, listener.getsockname()[1])
    try:
        for args in (["check", "."], ["audit", "."], ["check", ".", "--format", "json"]):
            proc = cli(args, cwd=project)  # cwd is the project: `-m` would put it on sys.path
            assert proc.returncode in (0, 1), proc.stderr
            assert "Traceback" not in proc.stderr
        run([project], Config(), root=project)
        assert list(markers.iterdir()) == []
        try:
            listener.accept()
            connected = True
        except BlockingIOError:
            connected = False
        assert not connected, "a scanned module opened a socket"
    finally:
        listener.close()
    assert "pkg/jobs.py:5:5: LLM001" in cli(["check", "."], cwd=project).stdout


def test_no_network_access_during_a_run(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NO_NETWORK)
    log = tmp_path / "network.log"
    project = tmp_path / "project"
    project.mkdir()
    (project / "jobs.py").write_text(JOB)
    (project / "pyproject.toml").write_text('[tool.llm-latency-lint]\nselect = ["LLM"]\n')
    env = {**os.environ, "PYTHONPATH": str(site), "LLM_LINT_NETWORK_LOG": str(log)}
    probe = subprocess.run([sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
                           env=env, capture_output=True, text=True)
    assert "blocked by the test" in probe.stderr, "the socket guard is installed"
    log.unlink()
    outputs = []
    for args in (["check", "."], ["check", ".", "--format", "json"], ["audit", ".", "--format", "json"]):
        proc = cli(args, cwd=project, env=env)
        assert "Traceback" not in proc.stderr, proc.stderr
        outputs.append(proc)
    assert outputs[0].returncode == 1 and "LLM001" in outputs[0].stdout
    assert json.loads(outputs[2].stdout)["summary"]["by_class"] == {"scheduled": 1}
    assert not log.exists(), log.read_text()


def reported_paths(result) -> list:
    paths = [f.path for f in result.findings] + [e.path for e in result.errors] + [f.path for f in result.files]
    for site in result.sites:
        paths.append(site.resolved.facts.path)
        paths.extend(e.path for e in site.evidence)
    return paths


def test_reported_paths_stay_under_the_scanned_root(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text(JOB)
    (outside / "broken.py").write_text("import openai\ndef f(:\n")
    project = tmp_path / "project"
    (project / "sub").mkdir(parents=True)
    (project / "sub" / "jobs.py").write_text(JOB)
    (project / "linked.py").symlink_to(outside / "secret.py")  # a file link: read, named as the link
    (project / "linked_dir").symlink_to(outside, target_is_directory=True)  # never followed
    (project / "up").symlink_to(tmp_path, target_is_directory=True)
    result = run([project, project / "sub" / ".." / "sub" / "jobs.py"], Config(), root=project)
    paths = reported_paths(result)
    assert sorted(set(f.path for f in result.findings)) == ["linked.py", "sub/jobs.py"]
    assert len(result.findings) == 2, "a path spelled with '..' is the same file, reported once"
    for path in paths:
        assert not Path(path).is_absolute() and ".." not in Path(path).parts, path
        assert (project / path).exists(), path


def test_a_folder_reached_through_a_symlink_keeps_its_layout(tmp_path):
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "sub" / "jobs.py").write_text(JOB)
    (tmp_path / "alias").symlink_to(real, target_is_directory=True)
    proc = cli(["check", str(tmp_path / "alias")], cwd=tmp_path)
    assert proc.stdout.startswith("alias/sub/jobs.py:5:5: LLM001"), proc.stdout  # as named, from the cwd


def test_yaml_python_tags_in_a_workflow_are_never_constructed(tmp_path):
    """Cross-check of the YAML sources: a ``!!python/object/apply`` tag stays inert data."""
    marker = tmp_path / "constructed"
    project = tmp_path / "project"
    (project / ".github" / "workflows").mkdir(parents=True)
    (project / ".github" / "workflows" / "nightly.yml").write_text(
        "on:\n  schedule:\n    - cron: '0 2 * * *'\n"
        f"evil: !!python/object/apply:os.system ['touch {marker}']\n"
        f"evil2: !!python/object/new:subprocess.check_call [['touch', '{marker}']]\n"
        "jobs:\n  run:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python jobs.py\n"
    )
    (project / "jobs.py").write_text(JOB)
    result = run([project], Config(), root=project)
    assert not marker.exists()
    assert [f.path for f in result.findings] == ["jobs.py"]
