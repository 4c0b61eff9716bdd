"""Call sites and front doors round 14 missed, as classes: Mistral's Conversations API (and the
other providers' newer model-running methods), SDK paths ending in a container-like method name,
clients a function binds after a local import, a singleton's ``__new__``, a ``Request`` a helper
builds, a module ``importlib.reload`` rebinds, a discord client subclass and FastHTML routes."""
from __future__ import annotations

from support.scan import project_classes, sites


def test_mistral_conversations_and_responses_are_sites(tmp_path):
    assert sites(tmp_path, """
        from mistralai import Mistral

        client = Mistral(api_key="k")

        def reply(conversation_id, text):
            return client.beta.conversations.append(conversation_id=conversation_id, inputs=text)

        def first(text):
            return client.beta.conversations.start(agent_id="ag_1", inputs=text)

        async def streamed(text):
            return await client.beta.conversations.start_stream_async(model="mistral-small-latest", inputs=text)

        def again(conversation_id, entry_id):
            return client.beta.conversations.restart(conversation_id=conversation_id, from_entry_id=entry_id)

        def stateless(text):
            return client.responses.create(model="mistral-medium-latest", input=text)

        def agent(text):
            return client.agents.complete(agent_id="ag_1", messages=[])

        def stored(conversation_id):
            return client.beta.conversations.get_history(conversation_id=conversation_id)

        def heard(audio):
            return client.audio.transcriptions.complete(model="voxtral-mini-latest", file=audio)
    """) == [(7, "mistral", "conversations.append"), (10, "mistral", "conversations.start"),
             (13, "mistral", "conversations.start_stream_async"), (16, "mistral", "conversations.restart"),
             (19, "mistral", "responses.create"), (22, "mistral", "agents.complete"),
             (28, "mistral", "audio.transcriptions.complete")]


def test_conversation_paths_on_other_objects_are_no_sites(tmp_path):
    assert sites(tmp_path, """
        from mistralai import Mistral

        class Store:
            def __init__(self):
                self.beta = None

        def not_sdk(store, text):
            store.beta.conversations.start(inputs=text)
            Store().beta.conversations.append(conversation_id="c", inputs=text)
    """) == []


def test_a_container_like_method_on_an_sdk_attribute_path_stays_the_clients(tmp_path):
    # ``append`` reads as a container's add; on the client's attribute path it is the SDK's method,
    # and the other calls on that path still reach the client.
    assert sites(tmp_path, """
        from mistralai import Mistral

        client = Mistral(api_key="k")
        history = []

        def turn(conversation_id, text):
            history.append(text)
            client.beta.conversations.append(conversation_id=conversation_id, inputs=text)
            return client.beta.conversations.start(model="mistral-small-latest", inputs=text)
    """) == [(9, "mistral", "conversations.append"), (10, "mistral", "conversations.start")]


def test_newer_model_running_methods_of_openai_and_gemini(tmp_path):
    assert sites(tmp_path, """
        from openai import OpenAI
        from google import genai

        client = OpenAI()
        gemini = genai.Client()

        def compact(items):
            return client.responses.compact(model="gpt-5", input=items)

        def interact(text):
            return gemini.interactions.create(model="gemini-3-flash", input=text)

        def stores_only(items):
            return client.conversations.create(items=items)
    """) == [(9, "openai", "responses.compact"), (12, "google", "interactions.create")]


def test_a_local_rebound_to_clients_of_locally_imported_sdks(tmp_path):
    # A recogniser reads the function's names as its ``def`` opens, before the body's imports: the
    # local's values are read again when the body is done.
    assert sites(tmp_path, """
        import time

        def call(provider, text):
            while True:
                if provider == "anthropic":
                    import anthropic
                    client = anthropic.Anthropic()
                    return client.messages.create(model="claude-sonnet-4-5", max_tokens=100, messages=[])
                import openai
                client = openai.OpenAI()
                return client.responses.create(model="gpt-4.1", input=text)
                time.sleep(1)
    """) == [(9, "anthropic", "messages.create"), (12, "openai", "responses.create")]


def test_instance_attributes_a_singletons_new_sets(tmp_path):
    assert sites(tmp_path, """
        import openai
        from ollama import Client

        class Manager:
            _instance = None

            def __new__(cls, host="http://localhost:11434"):
                if cls._instance is None:
                    cls._instance = super(Manager, cls).__new__(cls)
                    cls._instance.client = Client(host=host)
                return cls._instance

            def get_client(self):
                return self.client

        class Built:
            def __new__(cls):
                instance = object.__new__(cls)
                instance.llm = openai.OpenAI()
                return instance

            def ask(self):
                return self.llm.chat.completions.create(model="gpt-4o", messages=[])

        class Lazy:
            _shared = None

            @classmethod
            def shared(cls):
                cls._shared = cls()
                cls._shared.llm = openai.OpenAI()
                return cls._shared

            def ask(self):
                return self.llm.chat.completions.create(model="gpt-4o", messages=[])

        class Service:
            def __init__(self):
                self.client = Manager().get_client()

            def ask(self, text):
                return self.client.chat(model="llama3.1", messages=[{"role": "user", "content": text}])
    """) == [(24, "openai", "chat.completions.create"), (36, "openai", "chat.completions.create"),
             (43, "ollama", "chat")]


def test_an_attribute_set_on_another_object_is_not_the_classes(tmp_path):
    assert sites(tmp_path, """
        from ollama import Client

        class Holder:
            def __init__(self, other):
                other.client = Client()

            def ask(self):
                return self.client.chat(model="llama3.1", messages=[])
    """) == []


def test_urlopen_of_a_request_a_helper_builds(tmp_path):
    assert sites(tmp_path, """
        import json
        from urllib.request import Request, urlopen

        BASE = "https://openrouter.ai/api/v1"

        def _request(key, prompt):
            body = {"model": "openai/gpt-4o", "messages": [{"role": "user", "content": prompt}]}
            return Request(f"{BASE}/chat/completions", data=json.dumps(body).encode(), method="POST",
                           headers={"Authorization": f"Bearer {key}"})

        def _status():
            return Request("https://status.example.com/ping", data=b"{}", method="POST")

        def ask(key, prompt):
            request = _request(key, prompt)
            with urlopen(request, timeout=60) as response:
                return json.loads(response.read())

        def ping():
            return urlopen(_status())
    """) == [(17, "openrouter", "POST:openrouter.ai/chat/completions")]


def test_a_module_importlib_reload_rebinds_keeps_its_functions(tmp_path):
    classes = project_classes(tmp_path, {
        "ai.py": """
            from groq import Groq

            client = Groq()

            async def chat(message):
                return client.chat.completions.create(model="llama-3.3-70b-versatile", messages=[])
        """,
        "bot.py": """
            import importlib
            import discord
            import ai

            class Client(discord.Client):
                async def on_ready(self):
                    print("ready")

            def load_modules():
                global ai
                ai = importlib.reload(ai)

            client = Client(intents=discord.Intents.all())

            @client.event
            async def on_message(message):
                if message.content.startswith("reload"):
                    load_modules()
                await ai.chat(message)

            client.run("TOKEN")
        """,
    })
    assert classes == {("ai.py", 6): "real-time"}


def test_event_decorator_of_a_non_bot_class_is_no_bot_handler(tmp_path):
    classes = project_classes(tmp_path, {
        "app.py": """
            import discord
            from groq import Groq

            client = Groq()

            class Bus:
                def event(self, fn):
                    return fn

            bus = Bus()

            @bus.event
            async def on_message(message):
                return client.chat.completions.create(model="llama-3.3-70b-versatile", messages=[])
        """,
    })
    assert classes == {("app.py", 14): "unknown"}


def test_fasthtml_routes_are_front_doors(tmp_path):
    classes = project_classes(tmp_path, {
        "app.py": """
            from fasthtml.common import *
            from openai import OpenAI

            client = OpenAI()
            app, rt = fast_app()

            @rt("/ask")
            def ask(q: str):
                return client.chat.completions.create(model="gpt-4o", messages=[])

            @rt
            def summary(q: str):
                return client.chat.completions.create(model="gpt-4o", messages=[])

            serve()
        """,
        "other.py": """
            from fasthtml import FastHTML
            from openai import OpenAI

            client = OpenAI()
            app = FastHTML()
            rt = app.route

            @rt("/x")
            def x():
                return client.chat.completions.create(model="gpt-4o", messages=[])

            @app.post("/y")
            def y():
                return client.chat.completions.create(model="gpt-4o", messages=[])
        """,
    })
    assert classes == {("app.py", 9): "real-time", ("app.py", 13): "real-time",
                       ("other.py", 10): "real-time", ("other.py", 14): "real-time"}


def test_a_fasthtml_looking_decorator_from_another_package_is_no_route(tmp_path):
    classes = project_classes(tmp_path, {
        "app.py": """
            from mytoolkit import fast_app
            from openai import OpenAI

            client = OpenAI()
            app, rt = fast_app()
            cache = object()
            hook = cache.route

            @rt("/ask")
            def ask(q: str):
                return client.chat.completions.create(model="gpt-4o", messages=[])

            @hook("/other")
            def other(q: str):
                return client.chat.completions.create(model="gpt-4o", messages=[])
        """,
    })
    assert classes == {("app.py", 11): "unknown", ("app.py", 15): "unknown"}
