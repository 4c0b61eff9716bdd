"""Object flow measured on canonical patterns (bench/shapes/flow): constructor fields of
dataclasses and pydantic models, inherited and classmethod constructors, declared return and
field types, and attributes a mixin reads but its subclasses set.

The call files import no SDK, so a site exists only if the client's value reaches it; triggers
come from pragmas, so only the graph's values and edges decide what is reached.
"""
from __future__ import annotations

from test_graph import project
from test_receivers import result_edges, typed

CHAT = "return self.client.chat.completions.create(model='m', messages=[])"
WRAPPERS = (
    "from openai import OpenAI\n\n\n"
    "class Wrapper:\n    def __init__(self):\n        self.client = OpenAI()\n\n"
    "    def ask(self):\n        " + CHAT + "\n\n\n"
    "class Other:\n    def __init__(self):\n        self.client = OpenAI()\n\n"
    "    def ask(self):\n        " + CHAT + "\n"
)


def at(text: str, nth: int = 0) -> int:
    """The line of the ``nth`` model call in ``text``."""
    return [n for n, line in enumerate(text.splitlines(), 1) if "chat.completions" in line][nth]


def holder(head: str, body: str = "") -> str:
    return head + body + "\n    def run(self):\n        " + CHAT + "\n"


def test_a_dataclass_field_takes_the_positional_argument_of_its_place(tmp_path):
    files = {
        "job.py": holder("from dataclasses import dataclass\n\n\n@dataclass\nclass Job:\n"
                         "    name: str\n    client: object\n"),
        "main.py": "from openai import OpenAI\nfrom job import Job\n\n\n"
                   "def nightly():  # llm-latency: scheduled\n    Job('daily', OpenAI()).run()\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("job.py", at(files["job.py"], 0)): ("chat.completions.create", "scheduled")}


def test_a_subclass_constructor_takes_its_base_fields_first(tmp_path):
    """``Job(Base)`` with ``Base.name`` and ``Job.client``: ``Job('daily', OpenAI())`` passes the
    client second, after the inherited field."""
    files = {
        "job.py": holder("from dataclasses import dataclass\n\n\n@dataclass\nclass Base:\n    name: str\n\n\n"
                         "@dataclass\nclass Job(Base):\n    client: object\n"),
        "main.py": "from openai import OpenAI\nfrom job import Job\n\n\n"
                   "def nightly():  # llm-latency: scheduled\n    Job('daily', OpenAI()).run()\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("job.py", at(files["job.py"], 0)): ("chat.completions.create", "scheduled")}


def test_a_field_named_by_keyword_takes_only_what_is_passed_for_it(tmp_path):
    files = {
        "job.py": holder("from typing import Any\n\nfrom pydantic import BaseModel\n\n\nclass Job(BaseModel):\n"
                         "    client: Any = None\n    other: Any = None\n"),
        "main.py": "from openai import OpenAI\nfrom job import Job\n\n\n"
                   "def nightly():  # llm-latency: scheduled\n    Job(other=OpenAI()).run()\n",
    }
    result = project(tmp_path, files)
    key = ("job.py", at(files["job.py"], 0))
    # the client went to ``other``: ``client`` stays untyped, and the call naming a model is a site
    # only by its shape, of the SDK the project imports, never typed through the field
    assert key not in typed(result, inferred={key})
    [site] = [s for s in result.sites if (s.resolved.facts.path, s.resolved.site.line) == key]
    assert "the SDK the project imports" in site.resolved.match.inferred


def test_a_field_typed_by_its_annotation_reaches_that_class_only_not_a_namesake(tmp_path):
    files = {
        "llm.py": WRAPPERS,
        "job.py": "from dataclasses import dataclass, field\n\nfrom llm import Wrapper\n\n\n@dataclass\nclass Job:\n"
                  "    llm: Wrapper = field(default_factory=Wrapper)\n\n"
                  "    def run(self):\n        return self.llm.ask()\n",
        "main.py": "from job import Job\n\n\ndef nightly():  # llm-latency: scheduled\n    Job().run()\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("llm.py", at(files["llm.py"], 0)): ("chat.completions.create", "scheduled"),
                             ("llm.py", at(files["llm.py"], 1)): ("chat.completions.create", "unknown")}


def test_a_class_without_its_own_init_binds_the_inherited_one(tmp_path):
    files = {
        "base.py": "class Base:\n    def __init__(self, client):\n        self.client = client\n\n"
                   "    def run(self):\n        " + CHAT + "\n\n\nclass Job(Base):\n    pass\n",
        "main.py": "from openai import OpenAI\nfrom base import Job\n\n\n"
                   "def nightly():  # llm-latency: scheduled\n    Job(OpenAI()).run()\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("base.py", at(files["base.py"], 0)): ("chat.completions.create", "scheduled")}
    assert "base.Base.__init__" in {e.dst for e in result_edges(tmp_path, "main.nightly")}


def test_cls_in_a_classmethod_constructs_the_class(tmp_path):
    files = {
        "clients.py": "from openai import OpenAI\n\n\ndef make():\n    return OpenAI()\n",
        "svc.py": "import clients\n\n\nclass Service:\n    def __init__(self, client):\n        self.client = client\n\n"
                  "    @classmethod\n    def from_env(cls):\n        return cls(clients.make())\n\n"
                  "    def run(self):\n        " + CHAT + "\n",
        "main.py": "from svc import Service\n\n\ndef nightly():  # llm-latency: scheduled\n    Service.from_env().run()\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("svc.py", at(files["svc.py"], 0)): ("chat.completions.create", "scheduled")}


def test_a_declared_return_type_types_what_a_getter_loads(tmp_path):
    files = {
        "llm.py": WRAPPERS,
        "get.py": "import pickle\n\nfrom llm import Wrapper\n\n\ndef load() -> Wrapper:\n"
                  "    with open('w.pkl', 'rb') as f:\n        return pickle.load(f)\n",
        "main.py": "from get import load\n\n\ndef nightly():  # llm-latency: scheduled\n    load().ask()\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("llm.py", at(files["llm.py"], 0)): ("chat.completions.create", "scheduled"),
                             ("llm.py", at(files["llm.py"], 1)): ("chat.completions.create", "unknown")}


def test_a_mixin_reads_the_attribute_its_subclasses_set_and_no_one_elses(tmp_path):
    files = {
        "mixins.py": "class LLMMixin:\n    def ask(self):\n        " + CHAT + "\n",
        "job.py": "from openai import OpenAI\n\nfrom mixins import LLMMixin\n\n\n"
                  "class Job(LLMMixin):\n    def __init__(self):\n        self.client = OpenAI()\n\n\n"
                  "class Unrelated:\n    def __init__(self):\n        self.client = 'not a client'\n",
        "main.py": "from job import Job\n\n\ndef nightly():  # llm-latency: scheduled\n    Job().ask()\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("mixins.py", at(files["mixins.py"], 0)): ("chat.completions.create", "scheduled")}


def test_names_unpacked_from_a_returned_tuple_hold_its_elements(tmp_path):
    files = {
        "clients.py": "from openai import OpenAI\n\n\ndef make():\n    return OpenAI(), 'gpt-4o-mini'\n",
        "jobs.py": "from clients import make\n\n\ndef nightly():  # llm-latency: scheduled\n"
                   "    client, model = make()\n    return client.chat.completions.create(model=model, messages=[])\n",
        "glob.py": "from clients import make\n\nclient, model = make()\n\n\n"
                   "def nightly():  # llm-latency: scheduled\n    return client.chat.completions.create(model=model, messages=[])\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("jobs.py", at(files["jobs.py"])): ("chat.completions.create", "scheduled"),
                             ("glob.py", at(files["glob.py"])): ("chat.completions.create", "scheduled")}


def test_cls_in_init_subclass_is_each_subclass_a_registry_then_runs(tmp_path):
    files = {
        "base.py": "class Task:\n    registry = []\n\n    def __init_subclass__(cls, **kwargs):\n"
                   "        Task.registry.append(cls)\n\n    def run(self):\n        raise NotImplementedError\n",
        "tasks.py": "from openai import OpenAI\n\nfrom base import Task\n\nclient = OpenAI()\n\n\nclass Summary(Task):\n"
                    "    def run(self):\n        return client.chat.completions.create(model='m', messages=[])\n",
        "main.py": "import tasks\nfrom base import Task\n\n\ndef nightly():  # llm-latency: scheduled\n"
                   "    for cls in Task.registry:\n        cls().run()\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("tasks.py", at(files["tasks.py"])): ("chat.completions.create", "scheduled")}


def test_keywords_given_to_partial_bind_to_the_function_they_name(tmp_path):
    files = {
        "jobs.py": "class Job:\n    def __init__(self, client=None):\n        self.client = client\n\n"
                   "    def run(self):\n        " + CHAT + "\n",
        "main.py": "from functools import partial\n\nfrom openai import OpenAI\n\nfrom jobs import Job\n\n\n"
                   "def nightly():  # llm-latency: scheduled\n    build = partial(Job, client=OpenAI())\n    build().run()\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("jobs.py", at(files["jobs.py"])): ("chat.completions.create", "scheduled")}


def test_a_context_variable_holds_what_its_set_calls_store_and_only_its_own(tmp_path):
    files = {
        "ctx.py": "from contextvars import ContextVar\n\nfrom openai import OpenAI\n\n"
                  "current_client: ContextVar = ContextVar('current_client')\nother: ContextVar = ContextVar('other')\n\n\n"
                  "def setup():\n    current_client.set(OpenAI())\n    other.set('not a client')\n",
        "jobs.py": "from ctx import current_client, other, setup\n\n\nclass Job:\n"
                   "    def run(self):  # llm-latency: scheduled\n        setup()\n"
                   "        current_client.get().chat.completions.create(model='m', messages=[])\n"
                   "        other.get().chat.completions.create(model='m', messages=[])\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("jobs.py", at(files["jobs.py"])): ("chat.completions.create", "scheduled")}


def test_a_context_variable_set_from_its_own_get_or_a_container_ends(tmp_path):
    files = {
        "ctx.py": "from contextvars import ContextVar\n\nfrom openai import OpenAI\n\n"
                  "current: ContextVar = ContextVar('current')\nstack: ContextVar = ContextVar('stack')\n\n\n"
                  "def setup():\n    current.set(OpenAI())\n    current.set(current.get())\n"
                  "    stack.set([current.get()])\n    stack.set(stack.get())\n\n\n"
                  "def nightly():  # llm-latency: scheduled\n    setup()\n"
                  "    return stack.get()[0].chat.completions.create(model='m', messages=[])\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("ctx.py", at(files["ctx.py"])): ("chat.completions.create", "scheduled")}


PORTS = (
    "from openai import OpenAI\n\n\n"
    "class Port:\n    def ask(self):\n        raise NotImplementedError\n\n\n"
    "class Used(Port):\n    def __init__(self):\n        self.client = OpenAI()\n\n"
    "    def ask(self):\n        " + CHAT + "\n\n\n"
    "class Unused(Port):\n    def __init__(self):\n        self.client = OpenAI()\n\n"
    "    def ask(self):\n        " + CHAT + "\n"
)


def test_a_base_class_annotation_holds_what_the_returns_build_not_every_subclass(tmp_path):
    """``def make() -> Port: return Used()``: the call reaches ``Used.ask`` only; ``Unused`` is
    another implementation nobody builds."""
    files = {
        "ports.py": PORTS,
        "wiring.py": "from ports import Port, Used\n\n\ndef make() -> Port:\n    return Used()\n",
        "main.py": "from wiring import make\n\n\ndef nightly():  # llm-latency: scheduled\n    make().ask()\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("ports.py", at(files["ports.py"], 0)): ("chat.completions.create", "scheduled"),
                             ("ports.py", at(files["ports.py"], 1)): ("chat.completions.create", "unknown")}


def test_returns_through_another_factory_and_a_method_override_stay_precise(tmp_path):
    """A composition root: ``app() -> App`` returns ``Default()``, whose ``port() -> Port`` returns
    what ``build()`` (itself annotated) returns; the base ``App.port`` only raises."""
    files = {
        "ports.py": PORTS,
        "wiring.py": "from ports import Port, Used\n\n\ndef build() -> Port:\n    return Used()\n\n\n"
                     "class App:\n    def port(self) -> Port:\n        raise NotImplementedError\n\n\n"
                     "class Default(App):\n    def port(self) -> Port:\n        return build()\n\n\n"
                     "def app() -> App:\n    return Default()\n",
        "main.py": "from wiring import app\n\n\ndef nightly():  # llm-latency: scheduled\n    app().port().ask()\n",
    }
    result = project(tmp_path, files)
    assert typed(result) == {("ports.py", at(files["ports.py"], 0)): ("chat.completions.create", "scheduled"),
                             ("ports.py", at(files["ports.py"], 1)): ("chat.completions.create", "unknown")}


def test_a_base_class_annotation_widens_when_the_returns_hold_only_the_base(tmp_path):
    """The returns say nothing more than the annotation (a lookup the graph cannot follow, or the
    base class itself): every implementation may be the one returned."""
    for body in ("    return REGISTRY.lookup('x')\n", "    return Port()\n"):
        files = {
            "ports.py": PORTS,
            "wiring.py": "from ports import Port\n\nREGISTRY = None\n\n\ndef make() -> Port:\n" + body,
            "main.py": "from wiring import make\n\n\ndef nightly():  # llm-latency: scheduled\n    make().ask()\n",
        }
        result = project(tmp_path, files)
        assert typed(result) == {("ports.py", at(files["ports.py"], 0)): ("chat.completions.create", "scheduled"),
                                 ("ports.py", at(files["ports.py"], 1)): ("chat.completions.create", "scheduled")}


def test_a_base_class_parameter_holds_what_its_callers_pass(tmp_path):
    """``Composite(port=Used())`` with ``def __init__(self, port: Port)``: ``self.port.ask()``
    reaches ``Used.ask``, not every ``Port``; a caller passing nothing known leaves the annotation."""
    composite = ("from ports import Port\n\n\nclass Composite:\n    def __init__(self, port: Port):\n"
                 "        self.port = port\n\n    def ask(self):\n        return self.port.ask()\n")
    for n, built in enumerate(("Composite(port=Used())", "Composite(port=LOADED)")):
        files = {
            "ports.py": PORTS, "composite.py": composite,
            "main.py": "from composite import Composite\nfrom ports import Used\n\nLOADED = None\n\n\n"
                       "def nightly():  # llm-latency: scheduled\n    " + built + ".ask()\n",
        }
        result = project(tmp_path / str(n), files)
        assert typed(result) == {("ports.py", at(files["ports.py"], 0)): ("chat.completions.create", "scheduled"),
                                 ("ports.py", at(files["ports.py"], 1)): (
                                     "chat.completions.create", "scheduled" if n else "unknown")}, built


def test_a_parameter_defaulted_in_the_body_holds_the_default_too(tmp_path):
    """``if api_client is None: api_client = Generic`` (or ``client = client or Generic()``) in a
    constructor: the attribute it sets holds the default class beside what callers pass, so the
    default wrapper's method is reached (issue 15: ``ijwfly/chatgpt-tg``'s model registry); a
    parameter bound again to a string adds nothing."""
    clients = ("from openai import OpenAI\n\n\n"
               "class Generic:\n    def __init__(self):\n        self.client = OpenAI()\n\n"
               "    def ask(self):\n        " + CHAT + "\n\n\n"
               "class Special(Generic):\n    def ask(self):\n        " + CHAT + "\n")
    for n, default in enumerate(("        if api_client is None:\n            api_client = Generic\n",
                                 "        api_client = api_client or Generic\n")):
        files = {
            "clients.py": clients,
            "models.py": "from clients import Generic, Special\n\n\nclass Model:\n"
                         "    def __init__(self, name, api_client=None):\n" + default
                         + "        name = name.strip()\n        self.api_client = api_client\n\n\n"
                         "MODELS = [Model('a'), Model('b', api_client=Special)]\n\n\n"
                         "def nightly():  # llm-latency: scheduled\n"
                         "    for model in MODELS:\n        model.api_client().ask()\n",
        }
        result = project(tmp_path / str(n), files)
        assert typed(result) == {("clients.py", at(clients, 0)): ("chat.completions.create", "scheduled"),
                                 ("clients.py", at(clients, 1)): ("chat.completions.create", "scheduled")}, default
