"""Module names of scripts outside packages: same-named scripts in sibling folders (one per cloud
function) are distinct modules named by their path; a name at a depth of its own stays bare."""
from __future__ import annotations

from llm_latency_lint.config import Config
from llm_latency_lint.files.discover import discover


def test_same_named_scripts_at_one_depth_take_their_paths_name(tmp_path):
    for rel in ("functions/digest/main.py", "functions/chat/main.py", "main.py", "tools/main.py",
                "pkg/__init__.py", "pkg/main.py", "odd-name/x/util.py", "ok/x/util.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x = 1\n", encoding="utf-8")
    modules = {c.relpath: c.module for c in discover([tmp_path], Config(), root=tmp_path).files}
    assert modules == {
        "functions/digest/main.py": "functions.digest.main", "functions/chat/main.py": "functions.chat.main",
        "main.py": "main", "tools/main.py": "main",  # each alone at its depth: bare, as before
        "pkg/__init__.py": "pkg", "pkg/main.py": "pkg.main",  # a package module is never renamed
        "odd-name/x/util.py": "util", "ok/x/util.py": "ok.x.util",  # no dotted name for a folder with a dash
    }
