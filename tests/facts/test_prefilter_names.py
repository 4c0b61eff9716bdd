"""The import closure follows names that matter (issue 14 item 3): a file importing a relevant
module by name joins only when a name it imports leads toward an SDK call, or is something
dispatch goes through (a subclassed class, a container or object, a decorator factory)."""
from __future__ import annotations

import os
import random
from typing import Dict

from llm_latency_lint.config import Config
from llm_latency_lint.facts import prefilter
from llm_latency_lint.facts.cache import Store
from llm_latency_lint.facts.collect import scan_files
from llm_latency_lint.files.discover import discover

LLM = (
    "from openai import OpenAI\n\nclient = OpenAI()\n\n"
    "def ask(q):\n    return client.chat.completions.create(model='m', messages=[q])\n\n"
    "def slugify(text):\n    return text.lower().replace(' ', '-')\n"
)


def _kept(texts: Dict[str, str]) -> set:
    modules = {k: k[:-3].replace("/", ".") for k in texts}
    return prefilter.relevant(texts, modules, {k: False for k in texts})


def test_an_importer_of_an_unrelated_helper_only_is_not_parsed():
    kept = _kept({
        "llm.py": LLM,
        "views.py": "from llm import slugify\n\ndef page(title):\n    return slugify(title)\n",
        "jobs.py": "from llm import ask\n\ndef nightly():\n    ask('x')\n",
    })
    assert kept == {"llm.py", "jobs.py"}


def test_a_name_that_reaches_the_sdk_through_another_module_is_followed():
    kept = _kept({
        "llm.py": LLM,
        "service.py": "from llm import ask, slugify\n\ndef answer(q):\n    return ask(q)\n\ndef title(t):\n    return slugify(t)\n",
        "api.py": "from service import answer\n\ndef route(q):\n    return answer(q)\n",
        "pages.py": "from service import title\n\ndef page(t):\n    return title(t)\n",
    })
    assert kept == {"llm.py", "service.py", "api.py"}


def test_a_module_imported_whole_still_counts():
    kept = _kept({"llm.py": LLM, "views.py": "import llm\n\ndef page(t):\n    return llm.slugify(t)\n"})
    assert kept == {"llm.py", "views.py"}


def test_a_subclassed_base_class_and_a_registry_keep_their_importers():
    kept = _kept({
        "base.py": "class Provider:\n    def run(self, q):\n        raise NotImplementedError\n\nclass Plain:\n    pass\n",
        "llm.py": "from openai import OpenAI\nfrom base import Provider\n\nREGISTRY = {}\n\n"
                  "class OpenAIProvider(Provider):\n    def run(self, q):\n        return OpenAI().responses.create(input=q)\n",
        "runner.py": "from base import Provider\n\ndef go(p: Provider):\n    return p.run('x')\n",
        "lookup.py": "from llm import REGISTRY\n\ndef go(name):\n    return REGISTRY[name].run('x')\n",
        "other.py": "from base import Plain\n\nx = Plain()\n",
    })
    assert {"runner.py", "lookup.py", "base.py"} <= kept
    assert "other.py" not in kept


def test_a_registry_filled_by_a_decorator_leads():
    kept = _kept({
        "tools.py": "import anthropic\nfrom registry import tool\n\nTOOLS = {}\n\n"
                    "@tool(TOOLS)\ndef summarise(t):\n    return anthropic.Anthropic().messages.create(model='m', messages=[])\n\n"
                    "def unrelated():\n    return 1\n",
        "agent.py": "from tools import TOOLS\n\ndef act(name):\n    return TOOLS[name]('x')\n",
        "misc.py": "from tools import unrelated\n\nunrelated()\n",
    })
    assert "agent.py" in kept and "misc.py" not in kept


def test_an_import_cycle_without_an_sdk_leads_nowhere_and_a_name_not_bound_counts():
    kept = _kept({
        "llm.py": LLM + "from a import helper\n",
        "a.py": "from b import other\n\ndef helper():\n    return other()\n",
        "b.py": "from a import helper\n\ndef other():\n    return helper\n",
        "c.py": "from llm import helper\n\nhelper()\n",  # llm binds it by import: a cycle with no SDK
        "d.py": "from llm import something_else\n",  # not bound in llm.py: counted, to be safe
    })
    assert "c.py" not in kept and "d.py" in kept


def test_the_selection_does_not_depend_on_the_order_of_files():
    texts = {
        "llm.py": LLM,
        "s1.py": "from llm import ask\nfrom s2 import g\n\ndef f():\n    return ask(g())\n",
        "s2.py": "from s1 import f\n\ndef g():\n    return 1\n\ndef h():\n    return f()\n",
        "u1.py": "from s2 import g\n", "u2.py": "from s2 import h\n",
    }
    expected = _kept(texts)
    assert expected == {"llm.py", "s1.py", "s2.py", "u2.py"}
    for seed in range(5):
        items = list(texts.items())
        random.Random(seed).shuffle(items)
        assert _kept(dict(items)) == expected


def test_the_selection_is_reused_only_while_what_it_read_is_unchanged(tmp_path, monkeypatch):
    """The stored selection keeps what ``select`` read (exports, text views) per file: an edit that
    leaves those answers equal reuses it, one that changes them selects again, and either way the
    files kept are those of a selection without the cache."""
    files = {"llm.py": LLM, "views.py": "from llm import slugify\n", "notes.py": "x = 1\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    calls = []
    real = prefilter.select
    monkeypatch.setattr(prefilter, "select", lambda *a, **k: calls.append(1) or real(*a, **k))

    def scan():
        calls.clear()
        config = Config()
        found = discover([tmp_path], config, tmp_path).files
        store = Store(tmp_path / ".cache")
        keep = scan_files(found, config, None, store).keep
        store.save_index()
        selected = len(calls)
        texts = {c.relpath: (tmp_path / c.relpath).read_text() for c in found}
        assert keep == sorted(_kept(texts))
        return keep, selected

    def edit(name, text):
        path = tmp_path / name
        path.write_text(text)
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))

    assert scan() == (["llm.py"], 1)
    assert scan() == (["llm.py"], 0)
    edit("llm.py", LLM + "\n# a comment\n")
    assert scan() == (["llm.py"], 0)  # llm.py's exports are read, and the same
    edit("llm.py", LLM.replace("return text.lower()", "return ask(text).lower()"))
    assert scan() == (["llm.py", "views.py"], 1)  # slugify leads to an LLM call now
    edit("notes.py", "x = 2\n")
    assert scan() == (["llm.py", "views.py"], 0)  # nobody reads notes.py's text
    edit("views.py", "from llm import slugify\n\nclass V(Base):\n    pass\n")
    assert scan() == (["llm.py", "views.py"], 1)  # a kept file's class bases: read, changed


def test_an_import_inside_a_method_and_a_star_import_are_followed():
    kept = _kept({
        "ai.py": LLM,
        "tasks.py": "from ai import ask\n\ndef process(x):\n    return ask(x)\n\ndef cleanup():\n    return 0\n",
        "serializers.py": "class UploadSerializer:\n    def create(self, data):\n        from tasks import process\n"
                          "        return process(data)\n\nclass Plain:\n    pass\n",
        "views.py": "from serializers import UploadSerializer\n\ndef post(d):\n    return UploadSerializer().create(d)\n",
        "forms.py": "from serializers import Plain\n",
        "utils.py": "from ai import *\n\ndef run():\n    return ask('x')\n",
        "command.py": "from utils import run\n\nrun()\n",
    })
    assert {"views.py", "command.py"} <= kept
    assert "forms.py" not in kept


def test_a_function_a_relevant_file_hands_a_client_to_keeps_its_module():
    """``explain(topic, llm)`` in an anchor: the importee's ``llm.invoke`` is a call site, so the
    module imported by name stays (the providers rule), even though none of its names lead."""
    kept = _kept({
        "main.py": "from langchain_openai import ChatOpenAI\nfrom refresher import explain\n\n"
                   "explain('t', ChatOpenAI())\n",
        "refresher.py": "import random\n\ndef explain(topic, llm):\n    return llm.invoke(topic)\n\n"
                        "def schedule_daily():\n    return random.random()\n",
    })
    assert kept == {"main.py", "refresher.py"}


def test_leads_answers_do_not_depend_on_the_order_of_questions_across_import_cycles():
    """``Leads`` solves the files a question reads one strongly connected component at a time,
    in import order: a name leads through a cycle (a <-> b) into a chain (c -> llm), a cycle with
    no SDK leads nowhere (x <-> y), and every answer is the same whichever question comes first."""
    from llm_latency_lint.facts.exports import Leads, read_exports

    texts = {
        "llm.py": LLM,
        "c.py": "from llm import ask\n\ndef via_c():\n    return ask(1)\n\ndef plain_c():\n    return 2\n",
        "a.py": "from b import via_b\n\ndef via_a():\n    return via_b()\n\ndef plain_a():\n    return 3\n",
        "b.py": "from a import plain_a\nfrom c import via_c\n\ndef via_b():\n    return via_c()\n\n"
                "def back_b():\n    return plain_a()\n",
        "x.py": "from y import yy\n\ndef xx():\n    return yy()\n",
        "y.py": "from x import xx\nfrom c import plain_c\n\ndef yy():\n    return xx() + plain_c()\n",
        "top.py": "from a import via_a\nfrom x import xx\n\ndef both():\n    return via_a(), xx()\n",
    }
    own = frozenset()
    exports = {k: read_exports(t, k[:-3], False, prefilter.anchor_parts(own), k == "llm.py") for k, t in texts.items()}
    files = {k[:-3]: frozenset({k}) for k in texts}
    questions = [(f, n) for f, found in sorted(exports.items()) for n in sorted(found.mentions)]
    expected = {
        ("a.py", "via_a"): True, ("a.py", "plain_a"): False, ("b.py", "via_b"): True, ("b.py", "back_b"): False,
        ("c.py", "via_c"): True, ("c.py", "plain_c"): False, ("x.py", "xx"): False, ("y.py", "yy"): False,
        ("top.py", "both"): True,
    }
    for seed in range(8):
        order = list(questions)
        random.Random(seed).shuffle(order)
        leads = Leads(lambda name: files.get(name, frozenset()), exports.__getitem__)
        answers = {q: leads.name(*q) for q in order}
        for q, answer in expected.items():
            assert answers[q] is answer, (seed, q)
        one_each = {q: Leads(lambda name: files.get(name, frozenset()), exports.__getitem__).name(*q) for q in order}
        assert answers == one_each, seed


SENDER = ("import os\nimport boto3\nfrom celery import shared_task\n\nsqs = boto3.client('sqs')\n\n\n@shared_task\n"
          "def job():\n    sqs.send_message(QueueUrl=os.environ['ORDERS_URL'], MessageBody='x')\n")
CONSUMING = ("Transform: AWS::Serverless-2016-10-31\nResources:\n  Jobs:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: orders\n  Worker:\n"
             "    Type: AWS::Serverless::Function\n    Properties:\n      Handler: llm.ask\n      Events:\n"
             "        Q:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Jobs.Arn\n")


def test_a_file_sending_to_sqs_is_parsed_only_where_a_template_consumes_a_queue(tmp_path):
    """An SQS send matters only to a queue a template's function consumes (``catalog/queues.py``
    ``consumes_sqs``): without one, 1,500 such files of a project were parsed for nothing; with one,
    the stored selection is not reused."""
    for name, text in {"llm.py": LLM, "orders.py": SENDER}.items():
        (tmp_path / name).write_text(text)

    def keep():
        config = Config()
        store = Store(tmp_path / ".cache")
        found = scan_files(discover([tmp_path], config, tmp_path).files, config, None, store).keep
        store.save_index()
        return found

    assert keep() == ["llm.py"]
    (tmp_path / "template.yaml").write_text(CONSUMING)
    assert keep() == ["llm.py", "orders.py"]
