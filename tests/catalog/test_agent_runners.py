"""Agent frameworks called as libraries (issue 15): each run is a site with no batch API, also
where the repository's own folder shadows the framework's package name."""
from __future__ import annotations

from support.scan import scan, sites


def test_swarm_and_open_interpreter_instances_are_sites(tmp_path):
    found = sites(tmp_path, """
        from swarm import Swarm, Agent
        from interpreter import OpenInterpreter

        def ask(messages):
            client = Swarm()
            reply = client.run(agent=Agent(name="a", instructions="x"), messages=messages)
            return reply, OpenInterpreter().chat("list files")
    """)
    assert found == [(7, "swarm", "run"), (8, "open-interpreter", "chat")]
    result = scan(tmp_path, "from swarm import Swarm\nSwarm().run(agent=None, messages=[])\n")
    assert [s.resolved.match.batch_provider for s in result.sites] == [None]


def test_a_folder_named_after_the_framework_does_not_hide_its_function(tmp_path):
    """``interpreter/interpreter.py`` runs ``from interpreter import interpreter`` meaning the SDK:
    the project's module lacks ``chat``, so the catalogued function is called, and the script
    importing only itself is still run by hand."""
    (tmp_path / "interpreter").mkdir()
    (tmp_path / "interpreter" / "__init__.py").write_text("", encoding="utf-8")
    result = scan(tmp_path, 'from interpreter import interpreter\n\ninterpreter.chat("hi")\n',
                  name="interpreter/interpreter.py")
    assert [(s.resolved.site.line, s.resolved.match.provider.id, s.latency_class) for s in result.sites] == [
        (3, "open-interpreter", "real-time")]


def test_a_project_module_defining_the_name_is_not_the_framework(tmp_path):
    (tmp_path / "interpreter").mkdir()
    (tmp_path / "interpreter" / "__init__.py").write_text(
        "from openai import OpenAI\n\ndef chat(text):\n"
        "    return OpenAI().chat.completions.create(model='m', messages=[text])\n", encoding="utf-8")
    result = scan(tmp_path, 'from interpreter import chat\n\nchat("hi")\n')
    assert [(s.resolved.site.line, s.resolved.match.provider.id) for s in result.sites] == [
        (4, "openai")]


def test_the_agent_loop_reason_is_written_once():
    """Swarm, the wrappers and the orchestrators share ``agents.py``'s loop reason and helpers
    instead of copies that could drift apart."""
    from pathlib import Path

    import llm_latency_lint.catalog.providers as providers

    folder = Path(providers.__file__).parent
    copies = [p.name for p in sorted(folder.glob("*.py")) if "an agent run is a loop of dependent" in p.read_text()]
    assert copies == ["agents.py"]
    helpers = [p.name for p in sorted(folder.glob("*.py")) if "note=_LOOP) for name in names}" in p.read_text()
               or "note=LOOP) for name in names}" in p.read_text()]
    assert helpers == ["agents.py"]


def test_claude_agent_sdk_query_and_client_query_are_agent_loops(tmp_path):
    found = sites(tmp_path, """
        from claude_agent_sdk import ClaudeAgentOptions, ClaudeSDKClient, query
        import claude_code_sdk

        async def review(prompt):
            async for message in query(prompt=prompt, options=ClaudeAgentOptions(max_turns=3)):
                print(message)
            async with ClaudeSDKClient(options=ClaudeAgentOptions()) as client:
                await client.query(prompt)
            return claude_code_sdk.query(prompt=prompt)
    """)
    assert found == [(6, "claude-agent-sdk", "claude_agent_sdk.query"), (9, "claude-agent-sdk", "query"),
                     (10, "claude-agent-sdk", "claude_code_sdk.query")]
    result = scan(tmp_path, "from claude_agent_sdk import query\n\nquery(prompt='hi')\n")
    assert [(s.resolved.match.batch_provider, s.resolved.match.op.batchable) for s in result.sites] == [(None, False)]


def test_a_project_function_named_query_is_not_the_agent_sdk(tmp_path):
    assert sites(tmp_path, "from db import query\n\nquery(prompt='select 1')\n") == []
