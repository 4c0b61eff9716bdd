"""A daemon answering new emails is an event source (issue 15): an IMAP IDLE loop, or a loop
polling ``search('UNSEEN')``, runs the LLM call for each email while its sender reads the reply
later: near-real-time, whoever starts the process (a container's command, a person, a CLI)."""
from __future__ import annotations

from test_graph import project, sites

LLM = (
    "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
    "def reply_to(text):\n    return client.chat.completions.create(model='m', messages=[text])\n"
)
IDLE = (
    "from imapclient import IMAPClient\n\nfrom llm import reply_to\n\n\n"
    "class Daemon:\n"
    "    running = True\n\n"
    "    def run(self):\n"
    "        while self.running:\n"
    "            with IMAPClient('imap.example.com') as client:\n"
    "                while self.running:\n"
    "                    for uid in client.search(['UNSEEN']):\n"
    "                        reply_to(client.fetch([uid], ['RFC822']))\n"
    "                    client.idle()\n"
    "                    client.idle_check(timeout=300)\n"
    "                    client.idle_done()\n\n\n"
    "def main():\n    Daemon().run()\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)
POLL = (
    "import imaplib\nimport time\n\nfrom llm import reply_to\n\n\n"
    "def watch(box):\n"
    "    while True:\n"
    "        _, data = box.search(None, '(UNSEEN)')\n"
    "        for num in data[0].split():\n"
    "            reply_to(box.fetch(num, '(RFC822)'))\n"
    "        time.sleep(60)\n\n\n"
    "if __name__ == '__main__':\n    watch(imaplib.IMAP4_SSL('imap.example.com'))\n"
)
DOCKERFILE = "FROM python:3.12\nCOPY . /app\nWORKDIR /app\nCMD [\"python\", \"-u\", \"daemon.py\"]\n"


def _reply(result):
    (site,) = [s for s in result.sites if s.resolved.facts.path == "llm.py"]
    return site


def test_an_imap_idle_daemon_a_container_runs_is_near_real_time(tmp_path):
    result = project(tmp_path, {"llm.py": LLM, "daemon.py": IDLE, "Dockerfile": DOCKERFILE})
    assert sites(result) == {("llm.py", 7): ("chat.completions.create", "near-real-time")}
    assert any("mailbox listener loop in run" in e.note for e in _reply(result).evidence)


def test_a_loop_polling_unseen_mail_is_near_real_time(tmp_path):
    result = project(tmp_path, {"llm.py": LLM, "poll.py": POLL})
    assert sites(result) == {("llm.py", 7): ("chat.completions.create", "near-real-time")}
    assert any("search('(UNSEEN)')" in e.note for e in _reply(result).evidence)


def test_a_command_line_starting_the_listener_leaves_the_replies_near_real_time(tmp_path):
    """The loop serves the senders whoever starts it: an argparse tool a person runs only starts it."""
    cli = IDLE.replace("from imapclient", "import argparse\nfrom imapclient").replace(
        "def main():\n", "def main():\n    argparse.ArgumentParser().parse_args()\n")
    result = project(tmp_path, {"llm.py": LLM, "daemon.py": cli})
    assert sites(result) == {("llm.py", 7): ("chat.completions.create", "near-real-time")}


def test_a_loop_that_reads_the_unseen_mail_once_and_breaks_is_no_listener(tmp_path):
    """Draining the inbox once (a digest of the unread mail) is the work of whoever runs the script."""
    once = POLL.replace("        time.sleep(60)\n", "        break\n")
    result = project(tmp_path, {"llm.py": LLM, "poll.py": once})
    assert sites(result) == {("llm.py", 7): ("chat.completions.create", "real-time")}


def test_a_search_for_all_mail_in_a_loop_is_no_listener(tmp_path):
    """Only new mail is an event: a loop re-reading the whole inbox is left to the other triggers."""
    result = project(tmp_path, {"llm.py": LLM, "poll.py": POLL.replace("(UNSEEN)", "ALL")})
    assert sites(result)[("llm.py", 7)][1] != "near-real-time"
    assert not any("mailbox listener" in e.note for e in _reply(result).evidence)
