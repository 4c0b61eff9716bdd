"""Paths that decide between mixed and one class (issue 15, class accuracy): a path the graph
missed (a callback handed through an annotated parameter, a Celery canvas, a file watcher) leaves
a mixed site one-sided; a path that cannot run (a call whose arguments do not bind, a receiver no
scope defines) makes a one-sided site mixed."""
from __future__ import annotations

from test_graph import project, sites

CLIENT = "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
CHAT = "client.chat.completions.create(model='m', messages=[])"


# ---- a callable handed through a parameter annotated ``Callable[...]`` -----------------------
WATCHER = (
    "from typing import Awaitable, Callable, Optional\n\n\n"
    "class Runner:\n"
    "    def __init__(self, on_done: {annotation} = None):\n"
    "        self.callbacks = [on_done]\n\n"
    "    def fire(self):  # llm-latency: scheduled\n"
    "        for callback in self.callbacks:\n"
    "            callback('x')\n"
)
APP = (
    CLIENT + "from runner import Runner\n\n\n"
    "def answer(text):\n    return " + CHAT + "\n\n\n"
    "def serve(text):  # llm-latency: real-time\n    return answer(text)\n\n\n"
    "def setup():\n    Runner(on_done=answer)\n"
)


def test_a_callable_parameter_holds_what_callers_pass_whatever_its_annotation(tmp_path):
    for at, annotation in enumerate(("Callable[[str], Awaitable[None]] | None", "Optional[Callable]",
                                     "'Callable[..., None]'")):
        root = tmp_path / str(at)
        result = project(root, {"runner.py": WATCHER.replace("{annotation}", annotation), "app.py": APP})
        assert sites(result) == {("app.py", 10): ("chat.completions.create", "mixed")}, annotation


def test_a_parameter_typed_by_a_class_holds_that_type_and_what_callers_pass(tmp_path):
    """A declared class does not hide what callers hand in (a Protocol, a base, or a mistyped
    callback all run at run time): the scheduled ``fire`` reaches ``answer`` either way."""
    runner = WATCHER.replace("{annotation}", "Optional[Handler]").replace(
        "from typing", "class Handler:\n    def __call__(self, x):\n        return None\n\n\nfrom typing")
    result = project(tmp_path, {"runner.py": runner, "app.py": APP})
    assert sites(result) == {("app.py", 10): ("chat.completions.create", "mixed")}


# ---- a receiver no scope binds: a NameError, not a call to guess by name --------------------
GEMINI = CLIENT + "class Gemini:\n    def generate_response(self, text):\n        return " + CHAT + "\n\n\ngemini = Gemini()\n"


def test_a_receiver_no_scope_binds_is_not_resolved_by_name(tmp_path):
    result = project(tmp_path, {
        "gemini_api.py": GEMINI,
        "bot.py": "from gemini_api import gemini\n\n\ndef on_message(text):  # llm-latency: real-time\n"
                  "    return gemini.generate_response(text)\n",
        "daily.py": "def tip(x):  # llm-latency: scheduled\n    return claude.generate_response('tip')\n",
    })
    assert sites(result) == {("gemini_api.py", 8): ("chat.completions.create", "real-time")}


def test_names_bound_by_a_walrus_or_a_match_capture_are_bound(tmp_path):
    job = ("from gemini_api import Gemini\n\n\ndef make():\n    return Gemini()\n\n\n"
           "def tip(x):  # llm-latency: scheduled\n    if (g := make()):\n        g.generate_response('a')\n\n\n"
           "def react(x):  # llm-latency: near-real-time\n    match x:\n        case Gemini() as g2:\n"
           "            g2.generate_response('b')\n")
    result = project(tmp_path, {"gemini_api.py": GEMINI, "jobs.py": job})
    assert sites(result) == {("gemini_api.py", 8): ("chat.completions.create", "near-real-time")}
    (site,) = result.sites
    assert {r.cls for r in site.reaches} == {"scheduled", "near-real-time"}
    notes = [e.note for r in site.reaches for e in r.chain]
    assert not any("resolved by name" in note for note in notes)


# ---- Celery canvases: applying a chain, group or chord queues every task in it --------------
TASKS = (CLIENT + "from celery import shared_task\n\n\n@shared_task\ndef confirm(pk):\n    return pk\n\n\n"
         "@shared_task\ndef summarize(pk):\n    return " + CHAT + "\n\n\n"
         "@shared_task\ndef embed(pk):\n    return client.embeddings.create(model='e', input=['x'])\n\n\n")


def test_applying_a_celery_canvas_hands_off_each_task_it_holds(tmp_path):
    views = ("from celery import chain, chord, group\nfrom tasks import confirm, embed, summarize\n\n\n"
             "def create(request):  # llm-latency: real-time\n"
             "    chain(confirm.s(1), summarize.s(), group([embed.s()])).delay()\n\n\n"
             "def direct(request):  # llm-latency: real-time\n    return summarize(1)\n")
    result = project(tmp_path, {"tasks.py": TASKS, "views.py": views})
    assert sites(result) == {("tasks.py", 16): ("chat.completions.create", "mixed"),
                             ("tasks.py", 21): ("embeddings.create", "near-real-time")}
    (site,) = [s for s in result.sites if s.resolved.site.line == 16]
    notes = [e.note for r in site.reaches for e in r.chain]
    assert "create queues summarize with .delay() of a Celery canvas" in notes


def test_signature_pipes_locals_and_a_called_chord_are_canvases_too(tmp_path):
    views = ("from celery import chord\nfrom tasks import confirm, embed, summarize\n\n\n"
             "def piped(request):  # llm-latency: real-time\n"
             "    flow = confirm.s(1) | summarize.s()\n    flow.apply_async()\n\n\n"
             "def fanned(request):  # llm-latency: real-time\n    chord(confirm.s(i) for i in range(3))(embed.s())\n")
    result = project(tmp_path, {"tasks.py": TASKS, "views.py": views})
    assert sites(result) == {("tasks.py", 16): ("chat.completions.create", "near-real-time"),
                             ("tasks.py", 21): ("embeddings.create", "near-real-time")}


def test_a_chain_that_is_not_celerys_queues_nothing(tmp_path):
    views = ("from itertools import chain\nfrom tasks import summarize\n\n\n"
             "def create(request):  # llm-latency: real-time\n    return list(chain(summarize.s(), [1]))\n")
    result = project(tmp_path, {"tasks.py": TASKS, "views.py": views})
    assert sites(result)[("tasks.py", 16)] == ("chat.completions.create", "unknown")


# ---- watchfiles: a loop over changed files is a file-watcher event ---------------------------
def test_a_watchfiles_loop_and_a_run_process_target_are_file_events(tmp_path):
    watcher = ("import watchfiles\nfrom watchfiles import awatch\nfrom app import answer, reindex\n\n\n"
               "async def watch_vault(path):\n    async for changes in awatch(path):\n        answer(str(changes))\n\n\n"
               "def main():\n    watchfiles.run_process('.', target=reindex)\n")
    app = (CLIENT + "def answer(text):\n    return " + CHAT + "\n\n\n"
           "def reindex():\n    return client.embeddings.create(model='e', input=['x'])\n\n\n"
           "def serve(text):  # llm-latency: real-time\n    return answer(text)\n")
    result = project(tmp_path, {"watcher.py": watcher, "app.py": app})
    assert sites(result) == {("app.py", 7): ("chat.completions.create", "mixed"),
                             ("app.py", 11): ("embeddings.create", "near-real-time")}


def test_a_loop_over_another_libraries_watch_is_no_file_event(tmp_path):
    watcher = ("from kubernetes.watch import Watch\nfrom app import answer\n\n\n"
               "def follow(w: Watch):\n    for event in w.stream(list):\n        answer(str(event))\n")
    app = CLIENT + "def answer(text):\n    return " + CHAT + "\n"
    result = project(tmp_path, {"watcher.py": watcher, "app.py": app})
    assert sites(result) == {("app.py", 7): ("chat.completions.create", "unknown")}


# ---- a call whose arguments cannot bind raises TypeError: no path through it -----------------
ANALYZERS = (CLIENT + "class NewAnalyzer:\n    def analyze(self, note, user):\n        return None\n\n\n"
             "class ExistingAnalyzer(NewAnalyzer):\n    def analyze(self, note, types, user):\n        return " + CHAT + "\n\n\n")


def test_a_call_that_cannot_bind_to_an_override_does_not_reach_it(tmp_path):
    # a choice (label policy 12): ``analyzer`` may hold either class at the call; a call right after
    # a binding reaches the object bound (``tests/facts/test_dominating_receivers.py``)
    views = ("from analyzers import ExistingAnalyzer, NewAnalyzer\n\n\n"
             "def demo(request, note, user, fresh):  # llm-latency: real-time\n"
             "    analyzer = ExistingAnalyzer()\n    if fresh:\n        analyzer = NewAnalyzer()\n"
             "    analyzer.analyze(note, user)\n\n\n"
             "def task(note, types, user):  # llm-latency: near-real-time\n"
             "    ExistingAnalyzer().analyze(note, types, user=user)\n")
    result = project(tmp_path, {"analyzers.py": ANALYZERS, "views.py": views})
    assert sites(result) == {("analyzers.py", 13): ("chat.completions.create", "near-real-time")}


def test_calls_that_bind_or_whose_binding_is_not_visible_keep_their_edges(tmp_path):
    views = ("import functools\nfrom analyzers import ExistingAnalyzer\n\n\n"
             "def a(note, user, rest):  # llm-latency: real-time\n    ExistingAnalyzer().analyze(note, *rest)\n\n\n"
             "def b(note, user):  # llm-latency: scheduled\n"
             "    run = functools.partial(ExistingAnalyzer().analyze, note)\n    run(1, 2)\n\n\n"
             "def c(note):  # llm-latency: near-real-time\n    ExistingAnalyzer.analyze(ExistingAnalyzer(), note, 1, user=2)\n")
    result = project(tmp_path, {"analyzers.py": ANALYZERS, "views.py": views})
    (site,) = result.sites
    assert {r.cls for r in site.reaches} == {"real-time", "scheduled", "near-real-time"}


# ---- a bot polling Telegram's getUpdates by hand serves people waiting ----------------------
def test_a_getupdates_polling_loop_is_a_bot_a_person_waits_on(tmp_path):
    bot = (CLIENT + "import requests\n\nAPI = 'https://api.telegram.org/bot{}/getUpdates'\n\n\n"
           "def answer(text):\n    return " + CHAT + "\n\n\n"
           "def poll():\n    offset = 0\n    while True:\n        for update in requests.get(API, params={'offset': offset}).json():\n"
           "            answer(update['message']['text'])\n\n\n"
           "def digest():  # llm-latency: scheduled\n    return answer('today')\n")
    result = project(tmp_path, {"bot.py": bot})
    (site,) = result.sites
    assert site.latency_class == "mixed"
    assert any("getUpdates polling loop in poll" in e.note for e in site.evidence)


def test_a_loop_that_drains_pending_updates_and_breaks_is_no_bot(tmp_path):
    job = (CLIENT + "from telegram import Bot\n\n\n"
           "def collect(bot: Bot):  # llm-latency: scheduled\n    texts = []\n    while True:\n"
           "        updates = bot.get_updates(offset=len(texts))\n        if not updates:\n            break\n"
           "        texts.extend(u.message.text for u in updates)\n    return " + CHAT + "\n")
    result = project(tmp_path, {"job.py": job})
    assert [s.latency_class for s in result.sites] == ["scheduled"]


# ---- a home-made task queue: a stored row names the function a worker loads by name ---------
JOBS = CLIENT + "def reply():\n    return " + CHAT + "\n"
WORKER = ("import importlib\nimport time\n\nfrom django.core.management.base import BaseCommand\n\nimport jobs  # the tasks\n\n\n"
          "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        while True:\n"
          "            row = next_row()\n            module, _, name = row.def_name.rpartition('.')\n"
          "            getattr(importlib.import_module(module), name)()\n            time.sleep(5)\n")
ENQUEUE = ("from models import Task\n\n\n"
           "def on_message(request):  # llm-latency: real-time\n    Task.objects.create(def_name='jobs.reply')\n")


def test_a_row_naming_a_function_for_a_worker_that_loads_by_name_hands_it_off(tmp_path):
    result = project(tmp_path, {"jobs.py": JOBS, "app/management/commands/worker.py": WORKER, "views.py": ENQUEUE})
    assert sites(result) == {("jobs.py", 7): ("chat.completions.create", "near-real-time")}
    assert any("a stored task naming 'jobs.reply'" in e.note for e in result.sites[0].evidence)


def test_no_hand_off_without_a_worker_loading_by_name_nor_at_a_schedule_row(tmp_path):
    result = project(tmp_path, {"jobs.py": JOBS, "views.py": ENQUEUE})
    assert sites(result) == {("jobs.py", 7): ("chat.completions.create", "unknown")}
    beat = ("from django_celery_beat.models import CrontabSchedule, PeriodicTask\n\n\n"
            "def setup(request):  # llm-latency: real-time\n"
            "    PeriodicTask.objects.create(task='jobs.reply', crontab=CrontabSchedule(hour=7))\n")
    result = project(tmp_path / "beat", {"jobs.py": JOBS, "app/management/commands/worker.py": WORKER, "views.py": beat})
    assert sites(result) == {("jobs.py", 7): ("chat.completions.create", "scheduled")}


def test_a_parameter_annotated_any_keeps_what_callers_pass_out(tmp_path):
    """``on_done: Any`` on a generic entry joins every caller's value: it is not followed (the
    scheduled ``fire`` does not reach ``answer``), unlike ``Callable`` or a class."""
    runner = WATCHER.replace("{annotation}", "Any").replace("from typing import ", "from typing import Any, ")
    result = project(tmp_path, {"runner.py": runner, "app.py": APP})
    assert sites(result) == {("app.py", 10): ("chat.completions.create", "real-time")}


def test_a_constructors_any_parameter_keeps_the_objects_it_is_built_with(tmp_path):
    """``_InvokeWrapper(llm: Any)`` around a LangChain model a provider factory returns: the
    wrapper's ``self._llm.invoke`` is the model's call, while a callable handed to a constructor's
    ``Any`` stays out (the test above)."""
    wrapper = (
        "from typing import Any\nfrom langchain_openai import ChatOpenAI\n\n\n"
        "class Traced:\n"
        "    def __init__(self, llm: Any, *, role: str):\n        self._llm = llm\n\n"
        "    def invoke(self, prompt):\n        return self._llm.invoke(prompt)\n\n\n"
        "def filter_llm():\n    return Traced(ChatOpenAI(model='m'), role='filter')\n\n\n"
        "def serve(text):  # llm-latency: real-time\n    return filter_llm().invoke(text)\n"
    )
    result = project(tmp_path, {"wrapper.py": wrapper})
    assert sites(result) == {("wrapper.py", 10): ("invoke", "real-time")}
