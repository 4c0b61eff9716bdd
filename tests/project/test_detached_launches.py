"""A script another file's class launches (issue 15, round 12): the command list a method returns,
a ``self`` attribute ``__init__`` sets from a parameter's default, and a ``subprocess.Popen`` nobody
waits for, which hands the script off like a thread (label policy 4)."""
from __future__ import annotations

from test_graph import project, sites

from llm_latency_lint.facts.visitor import extract

CHAT = ("import sys\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n"
        "def main():\n    return client.chat.completions.create(model='m', messages=[sys.argv[1]])\n\n\n"
        "if __name__ == '__main__':\n    main()\n")
SITE = ("chat.py", 8)
RUNNER = (
    "import pathlib\nimport subprocess\nimport sys\nimport threading\n\n\n"
    "class Runner:\n"
    "    def __init__(self, script_name='chat.py'):\n"
    "        self._script = pathlib.Path(__file__).resolve().parent / script_name\n\n"
    "    def start(self, topic):\n"
    "        args = self._build(topic)\n"
    "{launch}"
    "    def _build(self, topic):\n"
    "        return [sys.executable, str(self._script), topic]\n"
)
DETACHED = ("        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE)\n"
            "        if self.proc.stdout:\n            threading.Thread(target=self._drain, daemon=True).start()\n\n"
            "    def _drain(self):\n        for line in self.proc.stdout:\n            print(line)\n\n")
PANEL = ("from flask import Flask\nfrom runner import Runner\n\napp = Flask(__name__)\nrunner = Runner()\n\n\n"
         "@app.post('/start')\ndef start():\n    runner.start('x')\n    return 'started'\n")


def launches(launch: str):
    facts = extract(RUNNER.format(launch=launch), "runner.py", "runner")
    return sorted((t.source, t.entry_key, t.target[1]) for t in facts.triggers if t.kind == "entry")


def classes(tmp_path, launch: str):
    files = {"chat.py": CHAT, "runner.py": RUNNER.format(launch=launch), "panel.py": PANEL}
    return {key: found[1] for key, found in sites(project(tmp_path, files)).items()}


def test_a_command_list_a_method_builds_from_a_self_attribute_and_a_default_names_the_script():
    assert launches(DETACHED) == [("script-runner-detached", "launch:runner.Runner.start", "script:chat.py"),
                                  ("script-runner-detached", "script:runner.py", "script:chat.py")]


def test_a_popen_nobody_waits_for_hands_the_script_off(tmp_path):
    assert classes(tmp_path, DETACHED) == {SITE: "near-real-time"}


def test_a_process_the_caller_waits_for_keeps_its_class(tmp_path):
    waited = "        proc = subprocess.Popen(args)\n        proc.wait()\n\n"
    assert [s for s, _, _ in launches(waited)] == ["script-runner", "script-runner"]
    assert classes(tmp_path, waited) == {SITE: "real-time"}
    for launch in ("        subprocess.run(args, check=True)\n\n",
                   "        with subprocess.Popen(args) as proc:\n            pass\n\n",
                   "        return subprocess.Popen(args)\n\n",
                   "        proc = subprocess.Popen(args, stdout=subprocess.PIPE)\n        print(proc.stdout.read())\n\n"):
        assert [s for s, _, _ in launches(launch)] == ["script-runner", "script-runner"], launch


def test_a_list_no_own_function_returns_is_not_read():
    assert launches("        args = make(topic)\n        subprocess.Popen(args)\n\n") == []
