"""Agent frameworks: one call runs an agent loop of many model requests (and tool calls).

None of them has a batch API: each step depends on the previous answer, so a run cannot be
split into independent requests. They are call sites all the same (the spend and the latency
class are what the audit reports):

- CrewAI ``Crew(...).kickoff()`` / ``kickoff_async`` / ``kickoff_for_each``;
- openai-agents ``Runner.run(agent, ...)`` / ``run_sync`` / ``run_streamed``;
- pydantic-ai ``Agent(...).run`` / ``run_sync`` / ``run_stream``;
- ControlFlow ``cf.run("objective", ...)`` and ``Task(...).run()``, ``cf.Agent(...).run``;
- AutoGen / AG2 ``agent.initiate_chat(...)``, ``a_initiate_chat``;
- Open Interpreter ``interpreter.chat(...)``;
- smolagents ``CodeAgent(...).run`` / ``ToolCallingAgent(...).run``;
- Google ADK ``Runner(agent=...).run`` / ``run_async`` / ``run_live`` (``InMemoryRunner`` too): the
  runner drives the agent's model (Gemini, or LiteLLM through ``LiteLlm``) until a final answer;
- Vertex AI Agent Engine (Reasoning Engines): a deployed agent's ``query`` / ``stream_query`` and the
  GAPIC ``query_reasoning_engine`` / ``stream_query_reasoning_engine`` its engine object sends them with;
- Claude Agent SDK (``claude_agent_sdk``, formerly ``claude_code_sdk``; docs.claude.com "Agent SDK
  reference - Python"): ``query(prompt=..., options=ClaudeAgentOptions(...))`` is an async iterator
  of the agent's messages; ``ClaudeSDKClient(options).query(prompt)`` sends a turn of a session
  whose answer ``receive_response()`` streams. Claude drives the Claude Code tool loop, so no
  Message Batch can hold it.
"""
from typing import Dict

from llm_latency_lint.catalog.providers.spec import (
    FACTORY,
    STREAM,
    SYNC,
    Operation,
    Provider,
)

LOOP = "an agent run is a loop of dependent model calls: no batch API applies"


def loop_ops(*names: str, stream: tuple = ()) -> Dict[str, Operation]:
    ops = {name: Operation(SYNC, batchable=False, note=LOOP) for name in names}
    ops.update({name: Operation(STREAM, batchable=False, note=LOOP) for name in stream})
    return ops


def agent_provider(provider_id: str, label: str, **fields) -> Provider:
    return Provider(
        id=provider_id,
        label=label,
        batch_api="none",
        batch_supported=False,
        no_batch_reason=f"{label}: {LOOP}",
        **fields,
    )


_CREW = loop_ops("kickoff", "kickoff_async", "kickoff_for_each", "kickoff_for_each_async", "train", "test")
_PYDANTIC = loop_ops("run", "run_sync", stream=("run_stream", "iter"))
_CF_TASK = loop_ops("run", "run_async")
# ``send(message, recipient)`` asks the recipient for a reply (its ``generate_reply``: a model call).
_AUTOGEN = loop_ops("initiate_chat", "a_initiate_chat", "generate_reply", "a_generate_reply", "initiate_chats",
                "run", "a_run", "send", "a_send")
_SMOL = loop_ops("run")
# AgentChat teams run their agents in turn (microsoft.github.io/autogen, "Teams").
_AUTOGEN_TEAMS = tuple(f"autogen_agentchat.teams.{c}" for c in (
    "RoundRobinGroupChat", "SelectorGroupChat", "Swarm", "MagenticOneGroupChat"))
_AUTOGEN_CHAT = {**_AUTOGEN, **loop_ops("on_messages", stream=("run_stream", "on_messages_stream"))}
# A model client's ``create`` is one request to the provider named by its class (autogen_ext.models).
_ONE_CALL = "one model request through the provider SDK the class names: batch through that SDK"
_AUTOGEN_MODELS = {
    **dict.fromkeys((f"autogen_ext.models.openai.{c}" for c in (
        "OpenAIChatCompletionClient", "AzureOpenAIChatCompletionClient")), "openai"),
    "autogen_ext.models.anthropic.AnthropicChatCompletionClient": "anthropic",
}
_MODEL_CALL = {"create": Operation(SYNC, batchable=False, note=_ONE_CALL),
               "create_stream": Operation(STREAM, batchable=False, note=_ONE_CALL)}
# smolagents models are called directly (``model(messages)``) or through ``generate`` (huggingface.co/docs/smolagents).
_SMOL_MODELS = tuple(f"smolagents.{c}" for c in (
    "InferenceClientModel", "HfApiModel", "LiteLLMModel", "OpenAIServerModel", "OpenAIModel",
    "AzureOpenAIServerModel", "AmazonBedrockServerModel", "LiteLLMRouterModel"))
_SMOL_MODEL = {name: Operation(SYNC, batchable=False, note=_ONE_CALL) for name in ("__call__", "generate")}
_SMOL_MODEL["generate_stream"] = Operation(STREAM, batchable=False, note=_ONE_CALL)
# CrewAI's ``LLM(model=...).call(...)`` is one LiteLLM request (docs.crewai.com/concepts/llms).
_CREW_LLM = {name: Operation(SYNC, batchable=False, note="one LiteLLM request: batch with litellm.create_batch")
             for name in ("call", "acall")}
_ADK = loop_ops("run", "run_async", "run_debug", stream=("run_live",))
_ADK_RUNNERS = tuple(f"google.adk.{name}" for name in (
    "Runner", "runners.Runner", "runners.InMemoryRunner", "runners.in_memory_runner.InMemoryRunner",
))

# Vertex AI Agent Engine (formerly Reasoning Engine): a deployed agent queried by resource name. The
# engine object registers its agent's methods (``query``, ``stream_query``, async twins) and holds the
# GAPIC client it sends them with (``execution_api_client``, google-cloud-aiplatform
# ``vertexai/reasoning_engines/_reasoning_engines.py``, ``vertexai/agent_engines/_agent_engines.py``).
_ENGINE_CALLS = {"query_reasoning_engine": Operation(SYNC, batchable=False, note=LOOP),
                 "stream_query_reasoning_engine": Operation(STREAM, batchable=False, note=LOOP)}
_ENGINE = {**loop_ops("query", "async_query", stream=("stream_query", "async_stream_query")),
           **{f"execution_api_client.{name}": op for name, op in _ENGINE_CALLS.items()}}
_ENGINES = ("vertexai.preview.reasoning_engines.ReasoningEngine", "vertexai.reasoning_engines.ReasoningEngine",
            "vertexai.agent_engines.AgentEngine")
_ENGINE_CLIENTS = tuple(f"google.cloud.{version}.{name}" for version in ("aiplatform_v1", "aiplatform_v1beta1")
                        for name in ("ReasoningEngineExecutionServiceClient",
                                     "ReasoningEngineExecutionServiceAsyncClient"))

_CLAUDE_SDKS = ("claude_agent_sdk", "claude_code_sdk")
_CLAUDE_CLIENT = loop_ops("query")

PROVIDERS = [
    agent_provider("crewai", "CrewAI", clients=("crewai.Crew", "crewai.crew.Crew", "crewai.Agent"),
           client_operations={"crewai.Crew": _CREW, "crewai.crew.Crew": _CREW,
                              "crewai.Agent": loop_ops("kickoff", "kickoff_async", "execute_task"),
                              "crewai.LLM": _CREW_LLM, "crewai.llm.LLM": _CREW_LLM},
           import_roots=("crewai",)),
    agent_provider("openai-agents", "OpenAI Agents SDK",
           module_functions={f"agents.Runner.{m}": op for m, op in loop_ops("run", "run_sync",
                                                                         stream=("run_streamed",)).items()},
           anchors=(r"from agents import", r"Runner\.run")),
    agent_provider("pydantic-ai", "Pydantic AI",
           client_operations={"pydantic_ai.Agent": _PYDANTIC, "pydantic_ai.agent.Agent": _PYDANTIC},
           import_roots=("pydantic_ai",)),
    agent_provider("controlflow", "ControlFlow",
           client_operations={"controlflow.Task": _CF_TASK, "controlflow.Agent": _CF_TASK,
                              "controlflow.Flow": _CF_TASK},
           module_functions={f"controlflow.{m}": op for m, op in loop_ops("run", "run_async", "run_tasks").items()},
           import_roots=("controlflow",)),
    agent_provider("autogen", "AutoGen",
           client_operations={
               **{name: _AUTOGEN for name in (
                   "autogen.ConversableAgent", "autogen.AssistantAgent", "autogen.UserProxyAgent",
                   "ag2.ConversableAgent", "ag2.AssistantAgent", "ag2.UserProxyAgent")},
               **{name: _AUTOGEN_CHAT for name in ("autogen_agentchat.agents.AssistantAgent", *_AUTOGEN_TEAMS)},
               **{name: _MODEL_CALL for name in (*_AUTOGEN_MODELS, "autogen_ext.models.ollama.OllamaChatCompletionClient")},
           },
           backends=_AUTOGEN_MODELS,
           import_roots=("autogen", "autogen_agentchat", "autogen_ext", "ag2")),
    agent_provider("open-interpreter", "Open Interpreter",
           module_functions={"interpreter.interpreter.chat": loop_ops("chat")["chat"],
                             "interpreter.chat": loop_ops("chat")["chat"]},
           # ``OpenInterpreter().chat(...)``: one instance per conversation (docs.openinterpreter.com)
           client_operations={name: loop_ops("chat") for name in (
               "interpreter.OpenInterpreter", "interpreter.core.core.OpenInterpreter")},
           anchors=(r"from interpreter import", r"import interpreter\b")),
    agent_provider("smolagents", "smolagents",
           client_operations={**{name: _SMOL for name in ("smolagents.CodeAgent", "smolagents.ToolCallingAgent",
                                                          "smolagents.MultiStepAgent")},
                              **{name: _SMOL_MODEL for name in _SMOL_MODELS}},
           import_roots=("smolagents",)),
    agent_provider("google-adk", "Google ADK", client_operations={name: _ADK for name in _ADK_RUNNERS},
           import_roots=("google",), anchors=(r"google\.adk\b",)),
    agent_provider("vertex-agent-engine", "Vertex AI Agent Engine",
           client_operations={**{name: _ENGINE for name in _ENGINES},
                              **{name: _ENGINE_CALLS for name in _ENGINE_CLIENTS}},
           module_functions={"vertexai.agent_engines.get": Operation(FACTORY, returns="vertexai.agent_engines.AgentEngine")},
           import_roots=("vertexai", "google"), anchors=(r"reasoning_engines?\b", r"agent_engines\b")),
    agent_provider("claude-agent-sdk", "Claude Agent SDK",
           module_functions={f"{sdk}.query": loop_ops(stream=("query",))["query"] for sdk in _CLAUDE_SDKS},
           client_operations={f"{sdk}.{path}": _CLAUDE_CLIENT for sdk in _CLAUDE_SDKS
                              for path in ("ClaudeSDKClient", "client.ClaudeSDKClient")},
           import_roots=_CLAUDE_SDKS),
]
