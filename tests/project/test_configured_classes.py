"""A class chosen by a name from configuration out of a module a computed import loads (round 19,
``w33ladalah/cryptobot``): ``import_module(f"llm.adapters.{kind}")`` then ``getattr(module,
config.ADAPTER_CLASS)`` instantiates any class the package's modules define, so each adapter's
model call is reached (policy 14: a configuration value is live). A ``getattr`` with a computed
name on anything else (``self``, a module imported by a literal name) names nothing, as before."""
from __future__ import annotations

from support.scan import project_classes

ADAPTERS = {
    "config/__init__.py": """
        import os
        ADAPTER_CLASS = os.getenv("ADAPTER_CLASS", "OpenAiAdapter")
    """,
    "llm/__init__.py": "",
    "llm/adapters/openai.py": """
        from openai import OpenAI

        class OpenAiAdapter:
            def __init__(self, model):
                self.model = model
                self.client = OpenAI()

            def completions(self, prompt):
                return self.client.chat.completions.create(model=self.model, messages=[prompt])
    """,
    "llm/adapters/llama.py": """
        from ollama import Client

        class LlamaAdapter:
            def __init__(self, model):
                self.model = model
                self.client = Client()

            def completions(self, prompt):
                return self.client.chat(model=self.model, messages=[prompt])
    """,
    "main.py": """
        import sys
        from llm.adapters import LlmAdapter

        if __name__ == "__main__":
            print(LlmAdapter().completions(sys.argv[1]))
    """,
}


def test_a_class_a_configured_name_picks_from_a_computed_import_is_reached(tmp_path):
    classes = project_classes(tmp_path, {**ADAPTERS, "llm/adapters/__init__.py": """
        import importlib
        import config

        class LlmAdapter:
            def __init__(self):
                name = config.ADAPTER_CLASS.lower().replace("adapter", "")
                module = importlib.import_module(f"llm.adapters.{name}")
                class_ = getattr(module, config.ADAPTER_CLASS)
                self.client = class_(model="m")

            def completions(self, prompt):
                return self.client.completions(prompt)
    """})
    assert classes == {("llm/adapters/llama.py", 9): "real-time", ("llm/adapters/openai.py", 9): "real-time"}


def test_a_computed_getattr_on_an_object_or_a_literal_module_names_nothing(tmp_path):
    classes = project_classes(tmp_path, {
        "config.py": "import os\nNAME = os.getenv('NAME', 'ask')\n",
        "helpers.py": """
            from openai import OpenAI

            def ask(prompt):
                return OpenAI().chat.completions.create(model="m", messages=[prompt])
        """,
        "main.py": """
            import sys
            import config
            import helpers
            from openai import OpenAI

            class Bot:
                def ask_model(self, prompt):
                    return OpenAI().chat.completions.create(model="m", messages=[prompt])

                def run(self, prompt):
                    return getattr(self, config.NAME)(prompt), getattr(helpers, config.NAME)(prompt)

            if __name__ == "__main__":
                Bot().run(sys.argv[1])
        """,
    })
    assert classes == {("helpers.py", 4): "unknown", ("main.py", 8): "unknown"}


PLUGINS = {
    "plugins/__init__.py": "",
    "plugins/news.py": """
        from openai import OpenAI

        def setup():
            return OpenAI().moderations.create(input="hello")

        def nightly_digest():
            return OpenAI().chat.completions.create(model="m", messages=["digest"])
    """,
}


def test_a_getattr_over_a_loop_of_literal_names_looks_up_those_names_only(tmp_path):
    # ``for hook in ("setup",)``: the hook names are in the code, not in configuration, so the
    # route runs each plugin's ``setup``, never its other functions.
    classes = project_classes(tmp_path, {**PLUGINS, "app.py": """
        import importlib
        from flask import Flask

        app = Flask(__name__)
        HOOKS = ("setup",)

        @app.route("/load/<kind>")
        def load(kind):
            module = importlib.import_module(f"plugins.{kind}")
            for hook in ("setup",):
                getattr(module, hook)()
            for hook in HOOKS:
                getattr(module, hook, None)()
            return "ok"
    """})
    assert classes == {("plugins/news.py", 4): "real-time", ("plugins/news.py", 7): "scheduled"}  # by its name
