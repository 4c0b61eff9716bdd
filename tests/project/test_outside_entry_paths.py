"""Schedules declared outside Python whose command names its script the way a deploy does (the
survey11 session): a systemd service's relative ``ExecStart`` run from its ``WorkingDirectory``
in a repository of several sub-projects sharing script and unit names, and a launchd job running
``python -m pkg`` where ``pkg/__main__.py`` is module code of a ``src/`` package whose ``main.py``
also has a ``__main__`` block (the same job run by hand: no second class)."""
from __future__ import annotations

from test_graph import project
from test_reach import classes_of

CLIENT = ("from openai import OpenAI\n\n\ndef complete(prompt):\n"
          "    return OpenAI().chat.completions.create(model='m', messages=[])\n")
APP = "from client import complete\n\n\nif __name__ == '__main__':\n    complete('x')\n"
TIMER = "[Timer]\nOnUnitActiveSec=1h\n"
DAILY = "[Timer]\nOnCalendar=*-*-* 06:00:00\n"


def service(folder: str) -> str:
    return f"[Service]\nType=oneshot\nWorkingDirectory=/home/me/ai/{folder}\nExecStart=/usr/bin/env python3 app.py\n"


def subproject(name: str, timer: str) -> dict:
    return {f"{name}/app.py": APP, f"{name}/client.py": CLIENT, f"{name}/systemd/pipeline.timer": timer,
            f"{name}/systemd/pipeline.service": service(name)}


def test_each_sub_projects_timer_runs_its_own_app_from_the_working_directory(tmp_path):
    result = project(tmp_path, {**subproject("news", TIMER), **subproject("video", DAILY)})
    assert classes_of(result) == {("news/client.py", 5): "scheduled", ("video/client.py", 5): "scheduled"}
    words = {s.resolved.facts.path: [e.schedule for e in s.evidence if e.schedule] for s in result.sites}
    assert words == {"news/client.py": ["hourly"], "video/client.py": ["daily 06:00"]}


def test_without_the_working_directory_a_shared_script_name_stays_run_by_hand(tmp_path):
    files = {**subproject("news", TIMER), **subproject("video", DAILY)}
    files["news/systemd/pipeline.service"] = "[Service]\nExecStart=/usr/bin/env python3 app.py\n"
    result = project(tmp_path, files)
    assert classes_of(result)[("news/client.py", 5)] == "real-time"


PLIST = """<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict>
<key>Label</key><string>com.me.digest</string>
<key>ProgramArguments</key><array><string>/Users/me/.local/bin/uv</string><string>run</string>
<string>python</string><string>-m</string><string>digest</string></array>
<key>WorkingDirectory</key><string>/Users/me/code/digest</string>
<key>StartCalendarInterval</key><dict><key>Hour</key><integer>10</integer><key>Minute</key><integer>0</integer></dict>
</dict></plist>
"""
PKG_MAIN = "import sys\n\nfrom digest.main import main\n\nsys.exit(main())\n"
PKG_CLI = ("import argparse\n\nfrom digest.client import complete\n\n\ndef main():\n"
           "    argparse.ArgumentParser().parse_args()\n    complete('x')\n    return 0\n\n\n"
           "if __name__ == '__main__':\n    main()\n")


def test_python_m_runs_a_src_packages_module_level_main(tmp_path):
    result = project(tmp_path, {
        "launchd/com.me.digest.plist": PLIST, "src/digest/__init__.py": "", "src/digest/__main__.py": PKG_MAIN,
        "src/digest/main.py": PKG_CLI, "src/digest/client.py": CLIENT})
    assert classes_of(result) == {("src/digest/client.py", 5): "scheduled"}
    notes = [e.note for e in result.sites[0].evidence]
    assert any("launchd job 'com.me.digest'" in n for n in notes), notes


LAUNCHER = ("import subprocess\nfrom pathlib import Path\n\nBASE_DIR = Path(__file__).parent\n\n\n"
            "def main():\n    subprocess.run(['python3', str(BASE_DIR / 'step.py')], check=True)\n\n\n"
            "if __name__ == '__main__':\n    main()\n")
STEP = ("import argparse\n\nfrom client import complete\n\n\nif __name__ == '__main__':\n"
        "    argparse.ArgumentParser().parse_args()\n    complete('x')\n")


def test_a_launcher_runs_the_step_beside_it_not_another_sub_projects(tmp_path):
    """Both sub-projects ship ``step.py``; the scheduled one's launcher runs its own (before, the
    longest matching path won, whichever sub-project it was in)."""
    other = STEP.replace("from client import complete", "from openai import OpenAI").replace(
        "complete('x')", "OpenAI().chat.completions.create(model='m', messages=[])")
    files = {**subproject("news", TIMER), "news/app.py": LAUNCHER, "news/step.py": STEP, "video/step.py": other}
    found = classes_of(project(tmp_path, files))
    assert found[("news/client.py", 5)] == "scheduled"
    assert found[("video/step.py", 8)] == "real-time"
