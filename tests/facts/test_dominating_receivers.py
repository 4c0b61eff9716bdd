"""A method called on a local reaches the object bound to it just before (``facts/dominating.py``).

Round 19's abdullahzulfiqar653/cradar-backend: a demo route binds ``analyzer`` to another analyzer
class in each branch and calls ``analyzer.analyze(note, user)`` after each binding; the union of the
local's values sent both calls to both classes, and policy 12's choice (only the override that can
take the arguments) then dropped the second branch's call, though Python runs the override there.
"""
from __future__ import annotations

from support.scan import project_classes

LLM = """
    from openai import OpenAI

    client = OpenAI()


    def ask(text):
        return client.chat.completions.create(model="m", messages=[])


    def embed(text):
        return client.embeddings.create(model="e", input=text)


    class New:
        def analyze(self, note, user):
            return embed(note)


    class Existing(New):
        def analyze(self, note, kinds, user):
            return ask(note)
"""
ASK, EMBED = ("llm.py", 7), ("llm.py", 11)


def test_each_branch_calls_the_object_it_bound(tmp_path):
    found = project_classes(tmp_path, {"llm.py": LLM, "view.py": """
        from llm import Existing, New


        def view(note, user):  # llm-latency: real-time
            if note:
                analyzer = New()
                analyzer.analyze(note, user)
            else:
                analyzer = Existing()
                analyzer.analyze(note, user)
    """})
    assert found[ASK] == "real-time"  # the wrong-arity call still reaches the override (policy 12)
    assert found[EMBED] == "real-time"


def test_a_call_before_the_rebinding_reaches_only_the_first_object(tmp_path):
    found = project_classes(tmp_path, {"llm.py": LLM, "job.py": """
        from llm import Existing, New


        def job(note, kinds, user):  # llm-latency: scheduled
            worker = Existing()
            worker.analyze(note, kinds, user)
            worker = New()
    """})
    assert found[ASK] == "scheduled"
    assert found[EMBED] == "unknown"


def test_a_loop_carrying_a_later_binding_back_keeps_both(tmp_path):
    found = project_classes(tmp_path, {"llm.py": LLM, "job.py": """
        from llm import Existing, New


        def job(notes, kinds, user):  # llm-latency: scheduled
            worker = Existing()
            for note in notes:
                worker.analyze(note, kinds, user)
                worker = New()
    """})
    assert found[ASK] == "scheduled"
    assert found[EMBED] == "scheduled"


def test_a_call_after_a_branch_that_rebinds_keeps_both(tmp_path):
    found = project_classes(tmp_path, {"llm.py": LLM, "job.py": """
        from llm import Existing, New


        def job(note, user, fresh):  # llm-latency: scheduled
            worker = Existing()
            if fresh:
                worker = New()
            worker.analyze(note, user)
    """})
    assert found[EMBED] == "scheduled"  # ``New`` may be bound here; ``Existing.analyze`` cannot take two
