"""Shapes of applications where a person waits (survey 10b): what a project's own decorator
factory decorates, what a generator hands over (a context manager's ``as``, a yield dependency,
a lifespan's state), objects a DI container builds from the class it is given, and modules
imported relative to a nested package folder the application runs from.
"""
from __future__ import annotations

from test_graph import project, sites
from test_object_flow import at

CLIENT = "from openai import OpenAI\n\nclient = OpenAI()\n"
CHAT = "client.chat.completions.create(model='m', messages=[])"

ROUTE_FACTORY = (
    "from functools import wraps\n\n\n"
    "def route(rule, **options):\n"
    "    checked = len(rule)\n\n"
    "    def decorator(f):\n"
    "        @wraps(f)\n"
    "        def wrapper(*args, **kwargs):\n"
    "            return f(*args, **kwargs)\n"
    "        return wrapper\n"
    "    return decorator\n"
)


def test_a_decorator_factorys_own_first_parameter_is_not_what_it_decorates(tmp_path):
    """``@route("/a")`` calls ``route`` with the rule and hands the method to what it returns: a
    call of one decorated method runs that method, not every method the factory decorates."""
    files = {
        "deco.py": ROUTE_FACTORY,
        "handlers.py": CLIENT + "from deco import route\n\n\n"
                       "class Handler:\n"
                       "    @route('/chat', methods=['POST'])\n"
                       "    def chat(self):\n        return " + CHAT + "\n\n"
                       "    @route('/delete', methods=['POST'])\n"
                       "    def delete(self):\n        return " + CHAT + "\n",
        "jobs.py": "from handlers import Handler\n\n\ndef nightly():  # llm-latency: scheduled\n    Handler().delete()\n",
    }
    found = sites(project(tmp_path, files))
    assert found[("handlers.py", at(files["handlers.py"], 1))] == ("chat.completions.create", "scheduled")
    assert found[("handlers.py", at(files["handlers.py"], 0))][1] == "unknown"


def test_a_plain_decorators_first_parameter_is_still_what_it_decorates(tmp_path):
    files = {
        "deco.py": "def register(f):\n    HANDLERS.append(f)\n    return f\n\n\nHANDLERS = []\n\n\n"
                   "def run_all():  # llm-latency: scheduled\n    for h in HANDLERS:\n        h()\n\n\n"
                   "def call_it(fn):\n    return fn\n",
        "jobs.py": CLIENT + "from deco import register\n\n\n@register\ndef summarise():\n    return " + CHAT + "\n",
    }
    found = sites(project(tmp_path, files))
    assert found[("jobs.py", at(files["jobs.py"]))] == ("chat.completions.create", "scheduled")
