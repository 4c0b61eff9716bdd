"""The application's own wrapper spelled like the SDK (``self.chat = self; self.completions = self``
and a ``create`` that picks a provider): a call of that path on a receiver of unknown type is the
wrapper's, not an SDK request (``project/mimics.py``); a model cached in a module global by tuple
unpacking in a function (``global _model``) keeps its type."""
from __future__ import annotations

from support.scan import project_classes

WRAPPER = """
    import openai


    class OpenAIClient:
        def __init__(self, client):
            self.client = client

        def create(self, model, messages):
            return self.client.chat.completions.create(model=model, messages=messages)


    class Hybrid:
        def __init__(self, openai_client):
            self.openai = OpenAIClient(openai_client)
            self.chat = self
            self.completions = self

        def create(self, model, messages):
            return self.openai.create(model, messages)

        def check(self, text):
            return self.create("gpt-4o", [{"role": "user", "content": text}])


    def load_ai_client():
        return Hybrid(openai.OpenAI())
"""


def test_a_wrapper_spelling_the_sdk_path_is_no_site(tmp_path):
    classes = project_classes(tmp_path, {
        "ai_client.py": WRAPPER,
        "handler.py": """
            from typing import Any

            def reply(ai_client: Any, text: str) -> str:
                ai_client.check(text)
                response = ai_client.chat.completions.create(model="gpt-4o", messages=[])
                return response.choices[0].message.content
        """,
        "bot.py": """
            from ai_client import load_ai_client
            from handler import reply

            if __name__ == "__main__":
                print(reply(load_ai_client(), input()))
        """,
    })
    assert classes == {("ai_client.py", 9): "real-time"}


def test_a_test_double_spelling_the_path_changes_nothing(tmp_path):
    classes = project_classes(tmp_path, {
        "tests/test_fake.py": """
            class FakeClient:
                def __init__(self):
                    self.chat = self
                    self.completions = self

                def create(self, **kwargs):
                    return None
        """,
        "handler.py": """
            import openai

            def reply(client, text):  # llm-latency: real-time
                return client.chat.completions.create(model="gpt-4o", messages=[])
        """,
    })
    assert classes == {("handler.py", 4): "real-time"}


def test_a_model_cached_in_a_global_by_tuple_unpacking(tmp_path):
    classes = project_classes(tmp_path, {
        "cfg.py": """
            def create_model(api_key):
                import google.generativeai as genai
                genai.configure(api_key=api_key)
                return genai, genai.GenerativeModel("gemini-1.5-flash"), {}
        """,
        "bot.py": """
            from cfg import create_model

            _model = None

            def reply(q):
                global _model
                if _model is None:
                    _, _model, _ = create_model("k")
                return _model.generate_content(q).text

            if __name__ == "__main__":
                reply(input())
        """,
    })
    assert classes == {("bot.py", 9): "real-time"}


def test_a_class_whose_method_cannot_take_the_call_spells_nothing(tmp_path):
    """A conversation's message log (``self.messages = MessageLog()`` with ``create(role, content)``)
    cannot take ``model=``, ``max_tokens=``: an untyped ``client.messages.create(model=...)`` is still
    Anthropic's."""
    classes = project_classes(tmp_path, {"chat.py": """
        import anthropic


        class MessageLog:
            def __init__(self):
                self.rows = []

            def create(self, role, content):
                self.rows.append({"role": role, "content": content})


        class Conversation:
            def __init__(self):
                self.messages = MessageLog()


        def reply(client, convo, text):  # llm-latency: real-time
            convo.messages.create("user", text)
            return client.messages.create(model="claude-3-5-haiku-latest", max_tokens=512, messages=[])
    """})
    assert classes == {("chat.py", 19): "real-time"}


def test_a_wrapper_no_program_of_the_site_loads_spells_nothing(tmp_path):
    """An offline stand-in spelled like the SDK in a module nothing the site runs with imports: the
    untyped receiver cannot hold it, so the call is still OpenAI's."""
    classes = project_classes(tmp_path, {
        "offline.py": """
            import os
            import openai


            class OfflineClient:
                def __init__(self):
                    self.chat = self
                    self.completions = self

                def create(self, **kwargs):
                    return None


            def make_client():
                return openai.OpenAI() if os.getenv("OPENAI_API_KEY") else OfflineClient()
        """,
        "service.py": """
            import openai

            def summarize(client, text):  # llm-latency: real-time
                return client.chat.completions.create(model="gpt-4o-mini", messages=[])
        """,
    })
    assert classes == {("service.py", 4): "real-time"}
