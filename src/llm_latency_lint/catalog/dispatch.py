"""Dispatch as data: the calls that look up, forward or run a callable, and the CLI libraries.

The project stage reads these when it follows a value through containers, builders and executors
(``HANDLERS.get(name)``, ``executor.submit(fn, a)``, ``graph.invoke(state)``), and when it decides
that a module is a command-line tool a person runs.
"""
from __future__ import annotations

from typing import Dict, Optional, Tuple

from llm_latency_lint.catalog.celery_methods import TASK_IN_PROCESS

# Methods of a container or builder that return (a view of) its members, and methods that
# run them: ``HANDLERS.get(name)``, ``builder.compile()`` / ``graph.invoke(state)``.
LOOKUP_METHODS = frozenset({"get", "values", "items", "pop", "setdefault", "copy", "compile", "with_config",
                            "__getitem__"})
# Calls that run a callable with the arguments given after it: ``executor.submit(fn, a, b)``,
# ``loop.run_in_executor(None, fn, a)``, ``asyncio.to_thread(fn, a)``, ``partial(fn, a)``,
# ``schedule.every(4).hours.do(job, generator)``, ``loop.call_later(5, fn, a)``.
FORWARDING_CALLS = frozenset({"submit", "run_in_executor", "to_thread", "run_sync", "start_soon", "call_soon",
                              "call_soon_threadsafe", "spawn", "partial", "do", "call_later", "call_at"})
# Calls that run a callable later with the ``args=(...)`` they are given, and where the callable stands
# (keyword, then positions; the first that holds a callable). Any call's ``target=`` is one
# (``Thread(target=fn, args=(a,))``, ``Process``, their subclasses); besides it, APScheduler ``scheduler.add_job(run_job, "cron", args=[job_id, handler])`` (Flask-APScheduler:
# ``add_job(id, func, ...)``), ``threading.Timer(60, fn, args=[a])``. A queue call (rq
# ``enqueue_call(func, args=...)``, Celery ``apply_async(args=...)``) binds them to what it queues.
ARGS_RUNNERS: Dict[str, Tuple[str, ...]] = {"add_job": ("func", "0", "1"), "Timer": ("function", "1")}
RUN_METHODS = frozenset({"invoke", "ainvoke", "stream", "astream", "batch", "abatch", "run", "arun", "start",
                         "execute", "dispatch", "__call__", "run_sync", "kickoff", "stream_events",
                         # agent and team runs (Agno, CrewAI, AutoGen / AG2)
                         "print_response", "aprint_response", "kickoff_async", "run_stream", "initiate_chat",
                         "a_initiate_chat",
                         # a LangChain runnable's event and log streams (what an SSE route serves)
                         "astream_events", "astream_log", "batch_as_completed", "abatch_as_completed"})
# A module importing one of these is a command-line tool: when nothing in the repository runs it,
# a person does (see ``project/classify.py``).
CLI_LIBRARIES = frozenset({"argparse", "click", "typer", "fire", "jsonargparse", "docopt", "cyclopts", "rich_click"})
# Calls whose result holds what their first argument holds (a container, a progress bar over it,
# a copy): ``for p in tqdm(sorted(papers)): p.generate()`` iterates ``papers``' elements; a mapping's
# copy (``self.providers = dict(providers or self._default_providers())``) holds its values. Builtins
# by their bare name (a file that binds the name gets its own meaning), the rest by dotted name.
BUILTIN_PASS_THROUGH = frozenset({"sorted", "list", "tuple", "set", "frozenset", "reversed", "iter", "dict"})
# Builtins that only read the object they are handed (``len(self.tools)``, ``print(agent)``): a
# framework callback handed to one is not handed over. Builtins that keep it (``dict(llm=...)``,
# ``list``, ``setattr``, ``super``) are not here.
CONSUMING_BUILTINS = frozenset({
    "len", "print", "repr", "str", "format", "bool", "id", "hash", "type", "isinstance", "issubclass",
    "callable", "hasattr", "dir", "vars", "ascii", "sum", "any", "all", "min", "max", "sorted",
})
PASS_THROUGH_CALLS = frozenset({
    "tqdm.tqdm", "tqdm.auto.tqdm", "tqdm.notebook.tqdm", "tqdm.asyncio.tqdm", "tqdm.std.tqdm",
    "tqdm.contrib.concurrent.thread_map", "rich.progress.track", "copy.copy", "copy.deepcopy",
    "importlib.reload",  # ``ai = importlib.reload(ai)``: the same module, its code run again
    "collections.OrderedDict", "types.MappingProxyType",  # a mapping's copy or read-only view
})
# One-slot holders: ``current = ContextVar("llm")``, ``current.set(client)``, ``current.get()`` holds
# what any ``set`` stored (a container keyed by the holder's name, read through ``get``).
# The holder is keyed by (module, name literal): two modules' ``ContextVar("llm")`` are two slots.
HOLDER_CALLS = frozenset({"contextvars.ContextVar"})
HOLDER_SET = "set"
# Session stores keyed by a literal: ``cl.user_session.set("chain", chain)`` in ``@cl.on_chat_start``,
# ``cl.user_session.get("chain")`` in ``@cl.on_message``. A slot is keyed by (store, module,
# literal): one app's handlers share a module (docs.chainlit.io, "User Session"). store -> (get, set).
SESSION_STORES = {
    "chainlit.user_session": ("get", "set"),
    "chainlit.user_session.user_session": ("get", "set"),
}


def slot_key(store: str, module: str, key: str) -> str:
    """The container a session store's literal key names in one module."""
    return f"{store}#{module}:{key}"


# Calls returning one element of their first argument (``next(iter(xs))`` is spelled by builtin name).
ELEMENT_CALLS = frozenset({"random.choice"})
# Modules whose annotations name no class a value could be typed by (``Any``, ``Mapping``,
# ``Callable[[list], Awaitable[None]] | None``): a parameter annotated so holds what its callers
# pass (a function, a bound method), like an unannotated one.
UNTYPED_ANNOTATION_ROOTS = frozenset({"typing", "typing_extensions", "collections"})
# ``message: Any`` on a framework's generic entry (autogen's ``send_message``/``_try_serialize``):
# every caller hands in anything, so following callers' values there joins unrelated flows (on
# autogen, handlers reached a serializer as callables: 2.4x the graph's time and mixed classes
# nobody labels). Such a parameter keeps its declared type only, which resolves to nothing; a
# constructor's also keeps the objects callers build it with (``_InvokeWrapper(llm: Any)``), no callable.
OPAQUE_ANY_ANNOTATIONS = frozenset({"typing.Any", "typing_extensions.Any"})
# Objects that answer any attribute and any call (test doubles): a receiver built by one is no
# client the project lost track of, so the call-shape fallback skips it (``project/untyped.py``).
STAND_IN_FACTORIES = frozenset(f"{module}.{name}" for module in ("unittest.mock", "mock")
                               for name in ("Mock", "MagicMock", "AsyncMock", "NonCallableMock",
                                            "NonCallableMagicMock", "create_autospec"))
UNION_ANNOTATIONS = frozenset({"typing.Optional", "typing.Union", "typing_extensions.Optional", "Union"})
# A DI container asked for a class builds an instance of it: python-injector ``injector.get(Service)``,
# punq / lagom ``container.resolve(Service)``. Known by the method and the receiver's last name (the
# container is usually another module's object, its type not visible to the facts pass).
DI_RESOLVE_METHODS = frozenset({"get", "resolve"})
DI_RESOLVER_SUFFIXES = ("injector", "container")  # ``injector``, ``self._injector``, ``get_global_injector()``
# ``cast(T, x)``: declared as a ``T``.
CAST_CALLS = frozenset({"typing.cast", "typing_extensions.cast"})
# A parameter whose default is one of these calls is given what the dependency returns (FastAPI
# calls ``factory`` for each request): ``def route(llm = Depends(get_llm))``.
INJECTION_CALLS = frozenset({"fastapi.Depends", "fastapi.Security", "fastapi.params.Depends",
                             "fastapi.params.Security"})
# dependency_injector (python-dependency-injector.ets-labs.org, "Providers", "Wiring"): a container's
# class attribute ``service = providers.Factory(Service, client=client)`` builds ``Service`` with what
# the providers it is handed build. A provider stands for the callable it is given, so calling it
# (``container.service()``) builds the object, its other arguments bind to that callable's parameters
# as a ``partial``'s do, and ``Provide[Container.service]`` (a parameter's default, alone or inside
# ``Depends``) injects what it builds. ``providers.Container(Sub, ...)`` stands for the sub-container.
DI_PROVIDERS = frozenset(f"dependency_injector.providers.{name}" for name in (
    "Singleton", "ThreadSafeSingleton", "ThreadLocalSingleton", "ContextLocalSingleton", "DelegatedSingleton",
    "DelegatedThreadSafeSingleton", "DelegatedThreadLocalSingleton", "AbstractSingleton", "Factory",
    "DelegatedFactory", "AbstractFactory", "Callable", "DelegatedCallable", "Coroutine", "DelegatedCoroutine",
    "Resource", "Container"))
DI_MARKERS = frozenset({"dependency_injector.wiring.Provide", "dependency_injector.wiring.Closing"})
# Methods a decorator adds to a function (LangChain ``@tool``, Prefect ``@task``/``@flow``, Celery's
# ``task.apply(args=[x])``, ``catalog/celery_methods.py``): calling them runs the function in the
# caller, ``tools[name].invoke(args)`` or ``summarize.fn(x)``. Plain functions have no such
# attributes, so on a project function they can only mean that.
DECORATED_RUN_METHODS = TASK_IN_PROCESS | frozenset({"invoke", "ainvoke", "run", "arun", "fn", "submit", "__call__",
                                   "function", "expand", "expand_kwargs",  # Airflow ``@task``: mapped, or its function
                                   # Modal ``@app.function``: ``f.remote(x)``, ``f.map(xs)``, ``f.remote.aio(x)``
                                   "remote", "map", "starmap", "for_each", "local", "aio", "remote_gen",
                                   "call", "acall",  # a LlamaIndex ``FunctionTool`` (``TOOL_WRAPPERS``)
                                   "call_local"})  # Huey: the task's body, here (a plain call queues it)
# Tool objects an agent framework builds around a project function (a function given by keyword or
# position, the first of the keywords present): the tool holds the function, so running the tool
# (``tool_map[name].invoke(args)``, ``tool.run(x)``, LlamaIndex ``tool.call(x)``) runs it, as on a
# ``@tool``-decorated function (``DECORATED_RUN_METHODS``). Matched by the qualified name's tail
# under one of ``TOOL_WRAPPER_ROOTS`` (LangChain re-exports its tools from several modules). Tail ->
# (keywords, position; -1: keyword only). LangChain ``Tool(name, func, description)``,
# ``Tool.from_function(func, name, description)``, ``StructuredTool.from_function(func=None,
# coroutine=None, ...)``; LlamaIndex ``FunctionTool.from_defaults(fn=None, ..., async_fn=None)``.
TOOL_WRAPPER_ROOTS = frozenset({"langchain", "langchain_core", "langchain_community", "llama_index"})
TOOL_WRAPPERS: Dict[str, Tuple[Tuple[str, ...], int]] = {
    "Tool": (("func", "coroutine"), 1),
    "Tool.from_function": (("func", "coroutine"), 0),
    "StructuredTool": (("func", "coroutine"), -1),
    "StructuredTool.from_function": (("func", "coroutine"), 0),
    "FunctionTool.from_defaults": (("fn", "async_fn"), 0),
}


def tool_wrapper(qualified: str) -> Optional[Tuple[Tuple[str, ...], int]]:
    """Where the function sits in a call of the catalogued tool constructor ``qualified``, if it is one."""
    if qualified.split(".", 1)[0] not in TOOL_WRAPPER_ROOTS:
        return None
    parts = qualified.split(".")
    for tail in (".".join(parts[-2:]), parts[-1]):
        if tail in TOOL_WRAPPERS:
            return TOOL_WRAPPERS[tail]
    return None


# Methods of an orchestrator's task that return the task, rebound (``facts.through.task_bound``):
# Airflow ``t.override(task_id=...)`` / ``t.partial(x=1)`` (then ``.expand(y=ys)`` runs it),
# Prefect ``t.with_options(retries=2)``; read so only in files importing ``TASK_LIBRARIES``.
TASK_BINDERS = frozenset({"override", "partial", "with_options"})
TASK_LIBRARIES = frozenset({"airflow", "prefect"})
# Method names the name-based fallback never guesses from (``project/byname.py``): verbs that
# containers, files, HTTP clients, sessions and loggers share with project classes, so an untyped
# ``x.get(...)`` is far more likely a library's than the one project class's of that name.
GENERIC_METHOD_NAMES = frozenset({
    "get", "set", "put", "post", "patch", "delete", "update", "append", "extend", "add", "remove", "pop",
    "clear", "copy", "keys", "values", "items", "open", "close", "read", "write", "send", "recv", "json",
    "text", "save", "load", "dump", "dumps", "loads", "format", "join", "split", "strip", "replace",
    "encode", "decode", "info", "debug", "warning", "error", "exception", "log", "start", "stop", "wait",
    "result", "cancel", "done", "connect", "disconnect", "commit", "rollback", "execute", "fetch",
    "fetchall", "fetchone", "query", "filter", "first", "all", "count", "exists", "create", "refresh",
    "reset", "flush", "setup", "teardown", "cleanup", "validate", "dict", "model_dump", "to_dict", "lower",
    "upper", "sort", "index", "find", "match", "search", "apply", "map", "call", "process",
})
# Runner verbs libraries' objects share with project classes (a database session's ``run``, a
# thread's ``start``, an agent's ``invoke``): an untyped ``x.run(...)`` links by name only to a
# project class some program loading the caller also loads (``project/programs.py``).
SHARED_RUN_NAMES = RUN_METHODS | frozenset({"main", "handle", "arun"})
# Keyword arguments that hand a library the functions it runs, and what runs them (hop notes): an
# agent's tools (LangChain ``AgentExecutor(tools=...)``, ``create_react_agent(model, tools=...)``,
# CrewAI and openai-agents ``Agent(tools=[...])``), an evaluation run's evaluators (LangSmith
# ``evaluate(target, data=..., evaluators=[correctness])``, ``summary_evaluators=``): whoever builds
# the agent or starts the run reaches them.
TOOL_ARGUMENTS: Dict[str, str] = {
    "tools": "an agent as a tool",
    "evaluators": "an evaluation run as an evaluator",
    "summary_evaluators": "an evaluation run as an evaluator",
    # agent teams run their members, and so the members' tools: Agno ``Team(members=[...])``, CrewAI
    # ``Crew(agents=[...])``, AG2 ``GroupChat(agents=[...])``, AutoGen AgentChat teams' ``participants``
    "members": "a team (a member agent's tool)",
    "agents": "a crew or group chat (an agent's tool)",
    "participants": "a team (a participant's tool)",
}
# What the object built with them holds and runs whenever it runs (``researcher = Agent(tools=[search])``,
# ``team = Team(members=[researcher])``): a module-level object is a container of those (``facts/arguments``),
# so ``team.arun()`` runs ``search`` and the module that builds the team only registers it.
HELD_ARGUMENTS = frozenset({"tools", "members", "agents", "participants"})
# Teams whose first positional argument is their members (``RoundRobinGroupChat([a, b])``,
# LangGraph's ``create_supervisor([research_agent, math_agent], model=...)``): read as that keyword.
MEMBERS_FIRST: Dict[str, str] = {
    **{f"autogen_agentchat.teams.{team}": "participants" for team in (
        "RoundRobinGroupChat", "SelectorGroupChat", "Swarm", "MagenticOneGroupChat")},
    "langgraph_supervisor.create_supervisor": "agents",
    "langgraph_swarm.create_swarm": "agents",
}
# An application's shared state (Starlette/FastAPI/Litestar ``app.state``): one namespace per
# process, set in a startup hook or lifespan (``app.state.llm = OpenAI()``) and read in handlers
# through ``request.app.state.llm`` or an imported ``app``. Every ``<application>.state.<name>`` is
# the global ``APP_STATE.<name>``; an application is anything named ``app`` (the convention of
# these frameworks: a lifespan's parameter, ``request.app``, ``from main import app``) or a name
# typed or built as one of ``APPLICATION_TYPES``.
APP_STATE = "<app.state>"
# Django's registry: ``apps.get_app_config(label)`` is the project's ``AppConfig`` of that label
# (``project/app_registry.py``), holding what its ``ready()`` set up.
APP_CONFIG_LOOKUPS = frozenset({"django.apps.apps.get_app_config"})
APP_CONFIG_BASES = frozenset({"django.apps.AppConfig", "django.apps.config.AppConfig"})
APPLICATION_NAMES = frozenset({"app"})
APPLICATION_TYPES = frozenset({"fastapi.FastAPI", "fastapi.applications.FastAPI", "starlette.applications.Starlette",
                               "litestar.Litestar"})
# A request's (or websocket's) ``state`` starts as a copy of what the lifespan yields (Starlette,
# FastAPI): ``request.state.agent`` is the same namespace (``facts/yields.py``).
STATE_OWNER_NAMES = APPLICATION_NAMES | {"request", "websocket"}
STATE_OWNER_TYPES = APPLICATION_TYPES | {"fastapi.Request", "fastapi.requests.Request", "starlette.requests.Request",
                                         "fastapi.WebSocket", "starlette.websockets.WebSocket"}
# Calls that load a module at run time (a plugin folder: ``spec_from_file_location`` +
# ``module_from_spec`` + ``exec_module``; ``import_module(name)``): ``module.job()`` on what they
# return runs the module-level ``job`` of whichever project module was loaded. The name-based
# fallback links it to those functions when at most ``MAX_LOADED_FUNCTIONS`` modules define one.
MODULE_LOADERS = frozenset({"importlib.util.module_from_spec", "importlib.import_module", "importlib.__import__",
                            "__import__"})
MAX_LOADED_FUNCTIONS = 8
# ``module_from_spec(spec_from_file_location(name, <a path the code builds from __file__>))``: the
# project file at that path (``facts/spec_files.py``), by the spec ``file:<path>``.
SPEC_LOADER, SPEC_FILE = "importlib.util.module_from_spec", "file:"
# Calls that import a module by its dotted name (``__import__``, a builtin, is encoded as
# ``importlib.__import__``): the facts pass gives a literal name, or ``pkg.prefix*`` for a computed
# one with a literal package prefix (``import_module(f"stages.{name}")``), and the graph holds that
# module, or every module directly under ``pkg`` whose name starts with the prefix (``project/modules.py``).
IMPORTERS = frozenset({"importlib.import_module", "importlib.__import__"})
BUILTIN_IMPORT = "__import__"
ANY_MODULE = "*"
# Calls that load code by a name known only at run time: a project calling one of these may run a
# function a stored row names by its dotted path (``Task.objects.create(def_name="app.tasks.reply")``
# read by a worker doing ``getattr(import_module(module), name)()``): a home-made task queue.
NAME_LOADERS = MODULE_LOADERS | frozenset({
    "django.utils.module_loading.import_string", "werkzeug.utils.import_string", "pydoc.locate",
    "pkgutil.resolve_name",
})

# A method with one of these decorators is read as a value: the attribute holds what it returns.
PROPERTY_DECORATORS = frozenset({"property", "functools.cached_property", "cached_property.cached_property",
                                 "werkzeug.utils.cached_property", "django.utils.functional.cached_property"})
