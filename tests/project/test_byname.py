"""The name-based fallback (class-hierarchy analysis, ``project/byname.py``): where a method
call's receiver has no known value, the few project methods of that name that reach an LLM call."""
from __future__ import annotations

from test_graph import project, sites

from llm_latency_lint.config import Config
from llm_latency_lint.engine import collect_facts
from llm_latency_lint.files.discover import discover
from llm_latency_lint.project.graph import Project

CLIENT = "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
CHAT = "client.chat.completions.create(model='m', messages=[])"


def method(cls: str, name: str, llm: bool = True) -> str:
    body = CHAT if llm else "None"
    return f"class {cls}:\n    def {name}(self):\n        return {body}\n\n\n"


def by_name_edges(tmp_path, function):
    found = discover([tmp_path], Config(cache=False), tmp_path)
    files = collect_facts(found.files, Config(cache=False))[0]
    return sorted(e.dst for e in Project(files).edges().get(function, []) if e.by_name)


def test_an_untyped_receiver_is_linked_to_the_method_of_that_name_and_says_so(tmp_path):
    result = project(tmp_path, {
        "paper.py": CLIENT + method("Paper", "generate_tldr"),
        "job.py": "def run(papers):  # llm-latency: scheduled\n    for p in papers:\n        p.generate_tldr()\n",
    })
    assert sites(result) == {("paper.py", 8): ("chat.completions.create", "scheduled")}
    (site,) = result.sites
    notes = [e.note for e in site.evidence]
    assert "run calls Paper.generate_tldr (Paper.generate_tldr resolved by name: the receiver has no known type)" in notes


def test_only_the_methods_of_that_name_that_reach_an_llm_call_are_linked(tmp_path):
    tmp = {"m.py": CLIENT + method("Report", "render") + method("Page", "render", llm=False) + method("Box", "render", llm=False)
           + "def job(thing):\n    thing.render()\n"}
    project(tmp_path, tmp)
    assert by_name_edges(tmp_path, "m.job") == ["m.Report.render"]


def test_no_link_when_no_method_of_that_name_reaches_an_llm_call(tmp_path):
    project(tmp_path, {"m.py": CLIENT + method("Page", "render", llm=False) + "def job(thing):\n    thing.render()\n"})
    assert by_name_edges(tmp_path, "m.job") == []


def test_a_name_more_than_three_classes_define_is_not_guessed(tmp_path):
    classes = method("A", "summarize") + "".join(method(c, "summarize", llm=False) for c in ("B", "C", "D"))
    result = project(tmp_path, {"m.py": CLIENT + classes + "def job(x):  # llm-latency: scheduled\n    x.summarize()\n"})
    assert sites(result)[("m.py", 8)] == ("chat.completions.create", "unknown")


def test_dunder_and_generic_names_are_not_guessed(tmp_path):
    project(tmp_path, {"m.py": CLIENT + method("Store", "get") + method("Runner", "__call__")
                       + "def job(x, y):\n    x.get()\n    y.__call__()\n"})
    assert by_name_edges(tmp_path, "m.job") == []


def test_a_library_object_is_typed_enough_and_not_guessed(tmp_path):
    project(tmp_path, {"m.py": CLIENT + "import requests\n\n\n" + method("Summary", "summarize")
                       + "class Job:\n    def __init__(self):\n        self.session = requests.Session()\n\n"
                       "    def run(self, url):\n        requests.get(url).summarize()\n        self.session.summarize()\n"
                       "        resp = requests.post(url)\n        resp.summarize()\n\n"
                       "    def other(self, thing):\n        thing.summarize()\n"})
    assert by_name_edges(tmp_path, "m.Job.run") == []
    assert by_name_edges(tmp_path, "m.Job.other") == ["m.Summary.summarize"]


def test_a_link_through_another_link_is_found(tmp_path):
    """The fixpoint: ``Outer.step`` reaches an LLM call only through a link by name itself."""
    project(tmp_path, {"m.py": CLIENT + method("Inner", "ask_model")
                       + "class Outer:\n    def step(self, inner):\n        return inner.ask_model()\n\n\n"
                       "def job(outer):\n    outer.step(None)\n"})
    assert by_name_edges(tmp_path, "m.job") == ["m.Outer.step"]
    assert by_name_edges(tmp_path, "m.Outer.step") == ["m.Inner.ask_model"]


BEAT = ("from celery import Celery\nfrom celery.schedules import crontab\n\napp = Celery('proj')\n"
        "app.conf.beat_schedule = {'daily': {'task': 'conversations.tasks.summarize_chats', "
        "'schedule': crontab(hour=0, minute=0)}}\n")
TASK = ("from celery import shared_task\nfrom openai import OpenAI\n\n\n@shared_task\ndef summarize_chats():\n"
        "    return OpenAI().chat.completions.create(model='m', messages=[])\n")


def test_a_beat_entry_naming_a_task_under_another_module_path_is_resolved_by_name(tmp_path):
    result = project(tmp_path, {"proj/celery.py": BEAT, "apps/conversation/__init__.py": "",
                                "apps/conversation/tasks.py": TASK})
    (site,) = result.sites
    assert site.latency_class == "scheduled"
    assert any("'conversations.tasks.summarize_chats' names no task here: summarize_chats resolved by name" in e.note
               for e in site.evidence)


def test_a_beat_entry_matching_two_tasks_by_name_stays_unresolved(tmp_path):
    result = project(tmp_path, {"proj/celery.py": BEAT, "apps/a/__init__.py": "", "apps/a/tasks.py": TASK,
                                "apps/b/__init__.py": "", "apps/b/tasks.py": TASK})
    assert {s.latency_class for s in result.sites} == {"unknown"}


def test_a_method_a_library_base_class_provides_is_not_guessed(tmp_path):
    project(tmp_path, {"m.py": CLIENT + "import discord\n\n\n" + method("Summarizer", "run")
                       + "class Bot(discord.Client):\n    def start_bot(self, token):\n        super().run(token)\n"
                       "        self.run(token)\n"})
    assert by_name_edges(tmp_path, "m.Bot.start_bot") == []


def test_a_receiver_built_from_a_name_its_module_lacks_is_not_guessed(tmp_path):
    """``from lib.summarizer import Summarizer`` where ``lib/summarizer.py`` defines no ``Summarizer``
    (an old copy's import): the script raises ``ImportError`` first, so no call runs."""
    job = ("from lib.summarizer import {name}\n\n\ndef run():  # llm-latency: scheduled\n"
           "    s = {name}()\n    s.summarize_text()\n")
    files = {"lib/__init__.py": "", "lib/summarizer.py": "class Other:\n    pass\n",
             "paper.py": CLIENT + method("Summarizer", "summarize_text")}
    assert by_name_edges_of(tmp_path, {**files, "job.py": job.format(name="Summarizer")}) == []
    # a name the module binds, to nothing the graph knows: the call stays a guess
    files["lib/summarizer.py"] = "class Other:\n    pass\n\n\nSummarizer = make()\n"
    assert by_name_edges_of(tmp_path, {**files, "job.py": job.format(name="Summarizer")}) == ["paper.Summarizer.summarize_text"]


def by_name_edges_of(tmp_path, files):
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return by_name_edges(tmp_path, "job.run")


BOT = CLIENT + "class Bot:\n    def run(self):\n        return " + CHAT + "\n"
BACKUP = "def export(session):  # llm-latency: scheduled\n    session.run('MATCH (n) RETURN n')\n"


def test_a_runner_verb_in_a_script_sharing_no_program_with_the_class_is_not_linked(tmp_path):
    """``session.run(...)`` in a backup script that imports nothing of the bot's: no program loads
    both, so its receiver can never be the bot."""
    project(tmp_path, {"bot.py": BOT, "scripts/backup.py": BACKUP})
    assert by_name_edges(tmp_path, "backup.export") == []


def test_a_runner_verb_is_linked_where_some_program_loads_both(tmp_path):
    project(tmp_path / "a", {"bot.py": BOT, "backup.py": "import bot\n\n\n" + BACKUP})
    assert by_name_edges(tmp_path / "a", "backup.export") == ["bot.Bot.run"]
    # a caller importing both (``main`` handing the bot to ``export``) joins them too
    project(tmp_path / "b", {"bot.py": BOT, "backup.py": BACKUP, "main.py": "import bot\nimport backup\n"})
    assert by_name_edges(tmp_path / "b", "backup.export") == ["bot.Bot.run"]


def test_an_uncommon_method_name_needs_no_shared_program(tmp_path):
    project(tmp_path, {"paper.py": CLIENT + method("Paper", "generate_tldr"),
                       "job.py": "def job(p):  # llm-latency: scheduled\n    p.generate_tldr()\n"})
    assert by_name_edges(tmp_path, "job.job") == ["paper.Paper.generate_tldr"]
