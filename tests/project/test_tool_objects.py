"""Tool objects an agent framework builds around a project function (``catalog/dispatch.py``
``TOOL_WRAPPERS``): the tool holds the function, so running the tool the model chose
(``tool_map[name].invoke(args)``) runs it (round 18's vazirialex/intelligent-standup-bot)."""
from __future__ import annotations

from textwrap import dedent

from test_graph import project, sites

HELPERS = dedent("""\
    from langchain_openai import ChatOpenAI

    llm = ChatOpenAI(model="gpt-4o-mini")


    def create_update(user_id: str, text: str) -> str:
        return llm.invoke(text).content


    def chat(text: str) -> str:
        return llm.invoke(text).content
""")
BOT = dedent("""\
    from slack_bolt import App
    from tools import run_tools

    app = App()


    @app.message()
    def respond(message, say):
        say(run_tools(message["text"]))
""")


def test_a_tool_map_of_structured_tools_runs_the_functions_they_hold(tmp_path):
    tools = dedent("""\
        from langchain_core.tools.structured import StructuredTool
        from helpers import llm, create_update, chat

        create_tool = StructuredTool.from_function(func=create_update)
        chat_tool = StructuredTool.from_function(chat)
        tool_map = {"create_update": create_tool, "chat": chat_tool}
        agent = llm.bind_tools([create_tool, chat_tool])


        def run_tools(text):
            out = []
            for call in agent.invoke(text).tool_calls:
                out.append(tool_map[call["name"]].invoke(call["args"]))
            return out
    """)
    found = sites(project(tmp_path, {"helpers.py": HELPERS, "tools.py": tools, "bot.py": BOT}))
    assert found[("helpers.py", 7)][1] == "real-time"
    assert found[("helpers.py", 11)][1] == "real-time"


def test_a_tool_given_its_function_by_position_or_keyword(tmp_path):
    # ``Tool(name, func, description)``: the function is the second positional argument
    tools = dedent("""\
        from langchain.agents import Tool
        from llama_index.core.tools import FunctionTool
        from helpers import create_update, chat

        TOOLS = {"create": Tool("create", create_update, "make one"),
                 "chat": FunctionTool.from_defaults(fn=chat)}


        def run_tools(text):
            TOOLS["create"].run(text)
            return TOOLS["chat"].call(text)
    """)
    found = sites(project(tmp_path, {"helpers.py": HELPERS, "tools.py": tools, "bot.py": BOT}))
    assert found[("helpers.py", 7)][1] == "real-time"
    assert found[("helpers.py", 11)][1] == "real-time"


def test_a_tool_nothing_runs_leaves_its_function_unreached(tmp_path):
    # building the tool is not running it: without a run the function stays where its callers put it
    tools = dedent("""\
        from langchain_core.tools import StructuredTool
        from helpers import create_update

        create_tool = StructuredTool.from_function(func=create_update)


        def run_tools(text):
            return text
    """)
    found = sites(project(tmp_path, {"helpers.py": HELPERS, "tools.py": tools, "bot.py": BOT}))
    assert found[("helpers.py", 7)][1] == "unknown"


def test_a_llamaindex_tool_held_by_a_global_runs_its_function_when_called(tmp_path):
    # ``CHAT.call(text)`` on the ``FunctionTool`` a module global holds: ``call`` / ``acall`` run the
    # function (``DECORATED_RUN_METHODS``), as ``invoke`` does a LangChain tool's
    tools = dedent("""\
        from llama_index.core.tools import FunctionTool
        from helpers import create_update, chat

        CHAT = FunctionTool.from_defaults(fn=chat)
        CREATE = FunctionTool.from_defaults(async_fn=create_update)


        async def run_tools(text):
            await CREATE.acall("u", text)
            return CHAT.call(text)
    """)
    found = sites(project(tmp_path, {"helpers.py": HELPERS, "tools.py": tools, "bot.py": BOT}))
    assert found[("helpers.py", 7)][1] == "real-time"
    assert found[("helpers.py", 11)][1] == "real-time"
