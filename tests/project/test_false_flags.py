"""A module-level flag bound once to a false literal (``ENABLE_VOICE = False`` ... ``if ENABLE_VOICE:``)
guards code that never runs when no other module sets it: the calls there are no edges, a site
there is dead, and a site reached only through such a call says so. A flag another module sets
(``tasks.ENABLE_VOICE = True``), bound twice, read from the environment, or tested in a file
writing names dynamically stays live."""
from __future__ import annotations

from textwrap import dedent

from support.scan import project_classes, scan

VOICE = """
    from openai import OpenAI


    def voice(text):
        return OpenAI().audio.speech.create(model="tts-1", voice="a", input=text)
"""

TASKS = """
    from fastapi import FastAPI
    from voice import voice

    app = FastAPI()
    ENABLE_VOICE = False


    @app.post("/summary")
    def summary(text: str):
        if ENABLE_VOICE:
            voice(text)
        return text
"""


def test_a_call_behind_a_module_false_flag_reaches_nothing(tmp_path):
    found = project_classes(tmp_path, {"voice.py": VOICE, "tasks.py": TASKS})
    assert found == {("voice.py", 5): "unknown"}


def test_the_unknown_evidence_names_the_flag(tmp_path):
    (tmp_path / "voice.py").write_text(dedent(VOICE), encoding="utf-8")
    result = scan(tmp_path, TASKS, "tasks.py")
    notes = [e.note for e in result.sites[0].evidence]
    assert any("calls it only in code that never runs, under `if ENABLE_VOICE:` at line 11" in n
               and "tasks.py:6" in n for n in notes), notes


def test_a_site_in_the_block_is_dead_with_the_flag_as_reason(tmp_path):
    result = scan(tmp_path, """
        from openai import OpenAI
        DEBUG = False

        client = OpenAI()
        docs = ["a"]
        if DEBUG:
            client.chat.completions.create(model="m", messages=docs)
        else:
            client.embeddings.create(model="e", input=docs)
    """)
    found = {s.resolved.site.line: (s.latency_class, s.evidence[0].note) for s in result.sites}
    assert found[8][0] == "unknown" and "under `if DEBUG:` at line 7" in found[8][1]
    assert found[10][0] == "real-time"  # a script run by hand


def test_a_flag_another_module_sets_stays_live(tmp_path):
    found = project_classes(tmp_path, {"voice.py": VOICE, "tasks.py": TASKS, "settings.py": """
        import tasks as jobs

        jobs.ENABLE_VOICE = True
    """})
    assert found == {("voice.py", 5): "real-time"}


def test_flags_bound_again_read_from_config_or_written_dynamically_stay_live(tmp_path):
    found = project_classes(tmp_path, {"voice.py": VOICE, "tasks.py": """
        import os
        from fastapi import FastAPI
        from voice import voice

        app = FastAPI()
        TWICE = False
        FROM_ENV = os.getenv("VOICE") == "1"
        try:
            from local_settings import IMPORTED
        except ImportError:
            IMPORTED = False


        def enable():
            global TWICE
            TWICE = True


        @app.post("/a")
        def a(text: str):
            if TWICE:
                voice(text)


        @app.post("/b")
        def b(text: str):
            if FROM_ENV:
                voice(text)


        @app.post("/c")
        def c(text: str):
            if IMPORTED:
                voice(text)
    """, "dynamic.py": """
        from fastapi import FastAPI
        from openai import OpenAI

        app = FastAPI()
        LATER = False
        globals().update(LATER=True)


        @app.post("/d")
        def d(text: str):
            if LATER:
                OpenAI().moderations.create(input=text)
    """})
    assert found == {("voice.py", 5): "real-time", ("dynamic.py", 12): "real-time"}


def test_not_flag_and_the_else_branch_stay_live(tmp_path):
    found = project_classes(tmp_path, {"voice.py": VOICE, "tasks.py": """
        from fastapi import FastAPI
        from voice import voice

        app = FastAPI()
        QUIET = False


        @app.post("/a")
        def a(text: str):
            if not QUIET:
                voice(text)
    """})
    assert found == {("voice.py", 5): "real-time"}


def test_a_flag_set_by_setattr_or_a_tuple_assignment_stays_live(tmp_path):
    """``setattr(tasks, "ENABLE_VOICE", True)`` and ``tasks.ENABLE_VOICE, x = ...`` set it too."""
    for name, write in (("setattr", 'setattr(tasks, "ENABLE_VOICE", args.voice)'),
                        ("tuple", "tasks.ENABLE_VOICE, tasks.LANG = args.voice, args.lang")):
        found = project_classes(tmp_path / name, {"voice.py": VOICE, "tasks.py": TASKS, "cli.py": f"""
            import tasks


            def configure(args):
                {write}
        """})
        assert found == {("voice.py", 5): "real-time"}, name


def test_a_schedule_registered_in_the_block_starts_nothing(tmp_path):
    """``if ENABLE_DIGEST: scheduler.add_job(digest, ...)``: the job is never registered."""
    found = project_classes(tmp_path, {"digest.py": """
        from apscheduler.schedulers.blocking import BlockingScheduler
        from openai import OpenAI

        client = OpenAI()
        ENABLE_DIGEST = False


        def digest():
            return client.chat.completions.create(model="m", messages=[])


        def main():
            scheduler = BlockingScheduler()
            if ENABLE_DIGEST:
                scheduler.add_job(digest, "cron", hour=9)
            scheduler.start()


        if __name__ == "__main__":
            main()
    """})
    assert found == {("digest.py", 9): "unknown"}
