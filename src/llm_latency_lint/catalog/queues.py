"""Queues, wrappers and builders: the calls that hand a callable on, wait for it, or add to a container.

Knowledge as data for the facts pass: a ``.delay()`` is a queue edge (near-real-time unless
waited on), ``functools.partial(f)`` stands for ``f``, ``graph.add_node(fn)`` makes ``fn`` a member.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, Iterable, List, Mapping, Optional, Tuple

from llm_latency_lint.catalog.callbacks import (
    CALLBACK_BASES,
    CALLBACK_RUNNERS,
    CALLBACKS,
)
from llm_latency_lint.catalog.celery_methods import TASK_HANDOFFS, TASK_IN_PROCESS
from llm_latency_lint.catalog.kafka_queues import KAFKA_CONSUMER_SOURCE

if TYPE_CHECKING:
    from llm_latency_lint.model import Trigger

# Calls that hand a callable to a queue: method -> where the queued callable is.
# Celery's hand-off methods (``catalog/celery_methods.py``) queue their receiver.
QUEUE_CALLS: Dict[str, str] = {
    **{method: "receiver" for method in sorted(TASK_HANDOFFS)},
    "send_with_options": "receiver",
    "kiq": "receiver",
    "spawn": "receiver",  # Modal ``f.spawn(x)``: a function call queued on Modal's side
    "spawn_map": "receiver",
    "add_task": "first-arg",  # FastAPI / Starlette BackgroundTasks
    "enqueue": "first-arg",  # rq
    "enqueue_call": "first-arg",
    "enqueue_job": "first-arg",  # arq (by name)
}
# Queue methods other libraries' objects share, where the call is also recorded as a call:
# ``gevent.spawn(f, x)`` forwards to ``f`` (``dispatch.FORWARDING_CALLS``), Modal's ``f.spawn(x)`` queues ``f``.
ALSO_CALLS = frozenset({"spawn"})
# Celery's canvas (docs.celeryq.dev, "Canvas: Designing Work-flows"): ``chain(a.s(x), b.s())``,
# ``group(...)``, ``chord(header)(callback)`` and ``a.s() | b.s()`` combine task signatures; applying
# the canvas (``.delay()``, ``.apply_async()``, or calling it) queues every task it holds.
CANVAS_CALLS = frozenset({
    f"celery.{name}" for name in ("chain", "group", "chord", "canvas.chain", "canvas.group", "canvas.chord",
                                  "canvas._chain", "canvas.Signature", "signature")
})
SIGNATURE_METHODS = frozenset({"s", "si", "signature"})
# Applying a canvas in the caller's process (``chain(a.s(x), b.s()).apply()``): each task runs there.
CANVAS_IN_PROCESS = TASK_IN_PROCESS - {"run", "__call__"}
# Methods that wait for a queued result: ``task.delay(x).get()``.
WAIT_METHODS = frozenset({"get", "wait", "join", "result"})
# Callables that return (a wrapper of) their first argument: ``cl.make_async(f)(x)`` runs ``f``
# (``sync_to_async`` is a runner, ``catalog.providers.callables``: its SDK method is the site).
# LangChain runnables that hold the callables they are given (``prompt | RunnableLambda(fn)``,
# ``RunnableParallel({"a": fn})``): ``chain.invoke(x)`` runs them, building the chain does not.
RUNNABLE_WRAPPERS = frozenset({
    f"{module}.{name}" for module in ("langchain_core.runnables", "langchain_core.runnables.base",
                                      "langchain.schema.runnable", "langchain.schema.runnable.base")
    for name in ("RunnableLambda", "RunnableParallel", "RunnableMap")
})
CALLABLE_WRAPPERS = frozenset({"functools.partial", "functools.wraps", "asyncio.to_thread", "chainlit.make_async",
                               "chainlit.sync.make_async", "asyncer.asyncify"}) | RUNNABLE_WRAPPERS
# Calls that add to a container or builder: what they add becomes one of its members.
ADD_METHODS = frozenset({
    "append", "add", "extend", "insert", "update", "setdefault", "register", "add_node",
    "add_conditional_edges", "add_sequence", "add_handler", "add_command", "add_listener",
    "tool", "tool_plain", "system_prompt", "output_validator",  # pydantic-ai: ``@agent.tool`` registers a tool
})
# Waiting on a queued job held in a variable (``job = task.delay(x); job.get()``), or polling it.
WAIT_ON_JOB = frozenset({"get", "wait", "join", "result", "get_status", "refresh", "ready", "is_finished",
                         "latest_result", "return_value", "successful"})

# Hand-offs (label policy 4): work a function starts and does not wait for runs on after the
# request that started it returns, like a queued task.


@dataclass(frozen=True)
class Handoff:
    """Where a hand-off call takes the work it starts: the parameter's keywords and position."""

    keywords: Tuple[str, ...]
    position: int
    coroutine: bool = False  # a coroutine call (``create_task(f(x))``), not a callable
    # A method name other libraries use for other things (Prefect's ``task.submit(x)`` runs a task
    # on data): a hand-off on a receiver known as an executor (``EXECUTORS``), else only when the
    # argument names a function.
    needs_executor: bool = False
    # A scheduler's method that runs the job once, soon, only when its trigger argument (keyword,
    # position, the literals meaning "once") is absent or one of those, and only in a file importing
    # the library: APScheduler's ``add_job(f)`` / ``add_job(f, "date", run_date=...)``.
    run_once: Optional[Tuple[str, int, Tuple[str, ...]]] = None
    library: str = ""


# Call (a method name, or a qualified name for functions and constructors) -> its hand-off.
HANDOFF_CALLS: Dict[str, Handoff] = {
    "create_task": Handoff(("coro",), 0, coroutine=True),  # loop.create_task (a TaskGroup's: see below)
    "asyncio.create_task": Handoff(("coro",), 0, coroutine=True),
    "ensure_future": Handoff(("coro_or_future",), 0, coroutine=True),
    "asyncio.ensure_future": Handoff(("coro_or_future",), 0, coroutine=True),
    "run_coroutine_threadsafe": Handoff(("coro",), 0, coroutine=True),
    "submit": Handoff(("fn",), 0, needs_executor=True),  # concurrent.futures: Executor.submit(fn, /, *args)
    "run_in_executor": Handoff(("func",), 1),  # loop.run_in_executor(executor, func, *args)
    "start_soon": Handoff(("func", "async_fn"), 0),  # anyio task groups, trio nurseries
    "threading.Thread": Handoff(("target",), 1),  # Thread(group=None, target=None, ...)
    "multiprocessing.Process": Handoff(("target",), 1),
    "threading.Timer": Handoff(("function",), 1),  # Timer(interval, function, args=None, kwargs=None)
    # ``JSONResponse(..., background=BackgroundTask(f, x))``: BackgroundTask(func, *args, **kwargs)
    "starlette.background.BackgroundTask": Handoff(("func",), 0),
    # a run-once job a function adds (a cron or interval job is a schedule: ``triggers/apscheduler.py``)
    "add_job": Handoff(("func",), 0, run_once=("trigger", 1, ("date",)), library="apscheduler"),
}
# Calls whose coroutine runs a callable argument (in a thread): handed to ``create_task``, that
# callable is the work started (``asyncio.create_task(asyncio.to_thread(worker, x))``), not a
# callable the starting function runs. Qualified names, or a method name (``loop.run_in_executor``).
COROUTINE_RUNNERS: Dict[str, Handoff] = {
    "asyncio.to_thread": Handoff(("func",), 0),
    "anyio.to_thread.run_sync": Handoff(("func",), 0),
    "starlette.concurrency.run_in_threadpool": Handoff(("func",), 0),
    "fastapi.concurrency.run_in_threadpool": Handoff(("func",), 0),
    "run_in_executor": Handoff(("func",), 1),
}
CALL_ARG = "call"  # the ``arg`` of a hand-off ref made from a coroutine call (``create_task(f(x))``)
# Words a route, bot command or handler uses for running a job now (label policy 13,
# ``project/reruns.py``): ``POST /scheduled-tasks/<id>/run``, ``trigger_digest``, ``/regen-brief``.
# A request handing a scheduled job the record it runs for (a user's id) re-runs the job only
# when it says so; ``POST /add`` queueing the summary of the messages it just stored does not.
RUN_NOW_WORDS = frozenset({"run", "rerun", "trigger", "retrigger", "regen", "regenerate", "now", "manual",
                           "manually", "force", "kick", "kickoff", "dispatch"})
# Hand-offs that take the job's arguments packed (label policy 13, ``facts/passes.py``): call ->
# (the keyword and position of the positional tuple, of the keyword dict). Their other arguments
# are options of the hand-off (``countdown=``, ``queue=``, ``name=``), not the job's.
PACKED_ARGUMENTS: Dict[str, Tuple[Tuple[str, int], Tuple[str, int]]] = {
    "apply_async": (("args", 0), ("kwargs", 1)),  # Celery: apply_async(args=None, kwargs=None, ...)
    "send_with_options": (("args", 0), ("kwargs", 1)),  # Dramatiq
    "threading.Thread": (("args", 3), ("kwargs", 4)),  # Thread(group, target, name, args, kwargs)
    "multiprocessing.Process": (("args", 3), ("kwargs", 4)),
    "threading.Timer": (("args", 2), ("kwargs", 3)),  # Timer(interval, function, args, kwargs)
}


@dataclass(frozen=True)
class Starter:
    """A call a lambda's body makes only to start other work (``lambda: Thread(target=f).start()``
    handed to a scheduler): where the work is, and whether the call is a constructor whose
    ``.start()`` runs it (a bare ``Thread(target=f)`` in a lambda starts nothing)."""

    keywords: Tuple[str, ...]
    position: int
    coroutine: bool = False  # the argument is a coroutine call: its callee is the work
    needs_start: bool = False


# What a lambda's call starts, by qualified name or method name (``resolve.lambda_work``): the
# scheduler (or button) that runs the lambda runs that work, so its trigger points there. The
# hand-off tables plus the runners that wait (``asyncio.run``); a thread or process constructor
# starts its work only on ``.start()``, and a ``BackgroundTask`` only once a response holds it.
_STARTED_ON_START = frozenset({"threading.Thread", "multiprocessing.Process", "threading.Timer"})
_NOT_STARTED = frozenset({"starlette.background.BackgroundTask"})
LAMBDA_STARTERS: Dict[str, Starter] = {
    **{name: Starter(handoff.keywords, handoff.position, handoff.coroutine, needs_start=name in _STARTED_ON_START)
       for table in (HANDOFF_CALLS, COROUTINE_RUNNERS) for name, handoff in table.items()
       if name not in _NOT_STARTED and handoff.run_once is None},
    "asyncio.run": Starter(("main",), 0, coroutine=True),
    "run_until_complete": Starter(("future",), 0, coroutine=True),
}
STARTED_BY = frozenset({"start"})  # ``Thread(...).start()``: the constructor's work runs
# Constructors of executors (qualified, or the class name when the import is not resolved): a
# ``submit`` on an object bound to one starts its first argument.
EXECUTORS = frozenset({
    "concurrent.futures.ThreadPoolExecutor", "concurrent.futures.ProcessPoolExecutor",
    "ThreadPoolExecutor", "ProcessPoolExecutor", "loky.get_reusable_executor",
    "distributed.Client", "dask.distributed.Client",
})
# Receivers whose ``with`` block waits for everything started on them (``async with
# asyncio.TaskGroup() as tg: tg.create_task(...)``, a nursery, ``with ThreadPoolExecutor() as ex``):
# a hand-off on a name a ``with`` binds to one of these is waited for before the function returns
# (so is one on an executor the function shuts down, unless ``shutdown(wait=False)``).
SCOPED_RUNNERS = frozenset({
    "asyncio.TaskGroup", "anyio.create_task_group", "trio.open_nursery",
    "concurrent.futures.ThreadPoolExecutor", "concurrent.futures.ProcessPoolExecutor",
    "ThreadPoolExecutor", "ProcessPoolExecutor", "TaskGroup", "create_task_group", "open_nursery",
})
# Calls that wait for the started work passed to them (``await asyncio.gather(*tasks)``,
# ``as_completed(futures)``): they wait for a hand-off when their arguments hold it.
WAIT_CALLS = frozenset({
    "asyncio.gather", "asyncio.wait", "asyncio.as_completed", "asyncio.wait_for", "asyncio.shield",
    "concurrent.futures.wait", "concurrent.futures.as_completed",
})
# Methods that wait for one started unit of work held by their receiver (``t.join()``,
# ``future.result(timeout=5)``, ``future.exception()``).
COLLECT_METHODS = frozenset({"join", "result", "exception"})
# Queues and streaming responses: started work streams its results back to whoever waits when the
# work is given the queue the function makes (``q = Queue(); Thread(target=produce, args=(q,))``),
# or an object the function's streaming response reads (a callback handler the response iterates).
QUEUE_MAKERS = frozenset({
    "queue.Queue", "queue.SimpleQueue", "queue.LifoQueue", "asyncio.Queue", "multiprocessing.Queue", "janus.Queue",
})
STREAM_RESPONSES = frozenset({
    "fastapi.responses.StreamingResponse", "starlette.responses.StreamingResponse",
    "sse_starlette.EventSourceResponse", "sse_starlette.sse.EventSourceResponse", "flask.stream_with_context",
})


@dataclass(frozen=True)
class Template:
    """A library method that runs methods a project subclass overrides: ``Thread.start`` runs ``run``."""

    runs: Tuple[str, ...]  # the overridable methods it calls on ``self`` (``validate_*``: a pattern)
    handoff: bool = False  # it runs them in another thread or process and returns at once


_THREAD_START = {"start": Template(("run",), handoff=True)}
_SERIALIZER = {
    "save": Template(("create", "update")),
    "is_valid": Template(("run_validation", "to_internal_value", "validate", "validate_*")),
}
# ``MyLLM().invoke(p)`` runs its ``_call`` (``catalog/callbacks.py``).
_CALLBACK_TEMPLATES = {base: {m: Template(CALLBACKS[kind]) for m in methods}
                       for kind, methods in CALLBACK_RUNNERS.items() for base in CALLBACK_BASES[kind]}
_FORM = {"is_valid": Template(("full_clean", "clean", "clean_*")), "full_clean": Template(("clean", "clean_*"))}
# Library base (qualified) -> its methods that run the subclass's overrides. A call ``x.start()`` on
# a project ``Thread`` subclass that does not define ``start`` reaches its ``run`` (as a hand-off:
# real-time becomes near-real-time unless the caller ``join()``s it); ``serializer.save()`` on a
# DRF serializer reaches its ``create``/``update``.
TEMPLATE_METHODS: Dict[str, Dict[str, Template]] = {
    "threading.Thread": _THREAD_START,
    "multiprocessing.Process": _THREAD_START,
    "multiprocessing.context.Process": _THREAD_START,
    "torch.multiprocessing.Process": _THREAD_START,
    **{f"rest_framework.serializers.{name}": _SERIALIZER for name in (
        "BaseSerializer", "Serializer", "ModelSerializer", "HyperlinkedModelSerializer", "ListSerializer")},
    **{f"django.forms.{name}": _FORM for name in ("Form", "ModelForm", "BaseForm", "forms.Form", "models.ModelForm")},
    **_CALLBACK_TEMPLATES,
}
# Methods of ``TEMPLATE_METHODS`` that hand off: the facts pass asks whether the caller waits for them.
HANDOFF_TEMPLATE_METHODS = frozenset(m for methods in TEMPLATE_METHODS.values() for m, t in methods.items() if t.handoff)

# Launches (``launch:<qualname>`` entries) that hand the work off and do not wait for it: a Lambda
# invoked with ``InvocationType="Event"`` (``triggers/lambda_invoke.py``). A real-time caller's
# launch is near-real-time; a synchronous invoke keeps the caller's class.
# A ``Popen`` nothing waits for (``triggers/script_runners.py``) and a queue send hand off too.
HANDOFF_LAUNCHES = frozenset({"lambda-invoke-event", "queue-send", "script-runner-detached"})
# Of those, the launches a request re-runs a scheduled job with when a scheduled walk makes the same
# (label policy 13, ``project/reruns.py``): an async Lambda invoke or Step Functions start names a
# deployed job. A queue message is data for the queue's consumer, and a detached script's command
# line may carry the request's words: those stay the request's hand-offs.
RERUN_LAUNCHES = frozenset({"lambda-invoke-event"})
# Queues a project both writes and consumes (``triggers/queue_sends.py``, ``sources/azure_functions.py``):
# a message sent (source ``QUEUE_SEND_SOURCE``, a launch) runs the consumer whose entry holds the
# queue's key; a consumer whose every sender the scan finds runs only for them (``project/fed_queues.py``),
# so a queue fed by a timer alone is the timer's fan-out. Keys: the queue's name, the app setting
# holding it, or (a name the scan cannot read) the account its connection setting names.
QUEUE_SEND_SOURCE, QUEUE_CONSUMER_SOURCE = "queue-send", "queue-consumer"
QUEUE_NAME_KEY, QUEUE_ENV_KEY, QUEUE_ACCOUNT_KEY = "azure-queue:", "azure-queue-env:", "azure-queue-account:"
# A worker polling a store for its next queued item (``triggers/poll_workers.py``): the fetch's name
# says it takes a queued item (``get_waiting_task()``, ``claim_next_job()``, ``dequeue()``).
QUEUE_FETCH_WORDS = ("task", "job", "queue", "pending", "waiting", "claim")
# A consumer receiving a queue's messages (``triggers/poll_workers.py``, long polling: no nap):
# SQS ``receive_message(s)``, a project's ``receive_messages`` wrapper, ``dequeue()``. Narrower than
# ``QUEUE_FETCH_WORDS``: with no emptiness test and nap to confirm it, ``plan_tasks(goal)`` is no queue.
QUEUE_RECEIVE_WORDS = ("receive_message", "queue")
# A worker sleeps briefly when the queue is empty; a longer pause is a schedule (``triggers/sleep_loops.py``).
QUEUE_POLL_MAX_SECONDS = 60
# A Redis list used as a queue (``triggers/list_queues.py``): pushing to it and popping from it, the
# list named by a literal or a constant (``list-queue:jobs``, ``list-queue:@pkg.keys.JOBS``).
LIST_QUEUE_KEY = "list-queue:"
LIST_PUSHES = frozenset({"lpush", "rpush", "lpushx", "rpushx"})
LIST_POPS = frozenset({"lpop", "rpop", "blpop", "brpop", "rpoplpush", "brpoplpush", "lmove", "blmove", "lmpop", "blmpop"})
PUBSUB_TOPIC_KEY = "pubsub:"  # a Pub/Sub topic: ``gcloud functions deploy --trigger-topic T`` subscribes its function
QUEUE_SENDER_KEY = "queue-sender:"  # a function.json output binding's sender, by the name its binding gives it
# An Amazon SQS queue: boto3's ``send_message(QueueUrl=...)`` (``triggers/queue_sends.py``) names it by
# a literal URL's last segment (``sqs-queue:<name>``, SQS names are case-sensitive) or the environment
# variable holding the URL (``sqs-queue-env:<VAR>``); a SAM / CloudFormation template
# (``sources/aws_lambda.py``) gives the consumer the queue's name and, per function setting a variable
# to the queue's URL, that variable scoped to the function's code folder (``sqs_env_key``): a send by
# the variable reaches the queue only from code of a function that sets it (``project/fed_queues.py``).
# A send whose queue the scan cannot name (a parameter, ``boto3.resource("sqs").Queue(url)`` of an
# unread URL) is a send to ``SQS_ANY_QUEUE``: any queue of the project may be fed from outside the scan.
SQS_QUEUE_KEY, SQS_QUEUE_ENV_KEY = "sqs-queue:", "sqs-queue-env:"
SQS_ANY_QUEUE = "sqs-queue-unnamed:"
SQS_QUEUE_KEYS = (SQS_QUEUE_KEY, SQS_QUEUE_ENV_KEY)
SQS_SEND_METHODS = frozenset({"send_message", "send_message_batch", "send_messages"})  # (a resource's ``Queue.send_messages``)
SQS_CONSUMER_SOURCE = "aws-sqs"  # a Lambda's SQS event (a template's ``Type: SQS`` event, an event source mapping)
# Consumers' own triggers, held back where the scan finds every sender: Azure Functions queue
# triggers, a Redis list's blocking-pop loop (``triggers/consumer_loops.py``) fed by ``list_queues.py``
# pushes, a Lambda's SQS event and a Kafka consumer fed by the project's producers (``kafka_queues.py``).
FED_SOURCES = frozenset({"azure-functions-v1", "azure-functions-trigger", "redis-list-consumer", SQS_CONSUMER_SOURCE, KAFKA_CONSUMER_SOURCE})


def binding_keys(binding: Mapping[str, object]) -> List[str]:
    """The keys a sender in the project names this queue (or topic) by: its name, the app setting
    holding it (``%JOBS_QUEUE%``), the account its ``connection`` setting names."""
    name = binding.get("queueName") or binding.get("topicName")
    keys = []
    if isinstance(name, str) and name.startswith("%") and name.endswith("%") and len(name) > 2:
        keys.append(QUEUE_ENV_KEY + name.strip("%"))
    elif isinstance(name, str) and name and "%" not in name:
        keys.append(QUEUE_NAME_KEY + name.lower())
    connection = binding.get("connection")
    if keys and isinstance(connection, str) and connection:
        keys.append(QUEUE_ACCOUNT_KEY + connection)
    return keys


def sqs_name_key(name: str) -> str:
    """An SQS queue's key by its name, or by a queue URL's last segment
    (``https://sqs.eu-west-1.amazonaws.com/123456789012/jobs`` -> ``sqs-queue:jobs``); case kept:
    ``Jobs`` and ``jobs`` are two queues."""
    return SQS_QUEUE_KEY + name.rstrip("/").rpartition("/")[2]


# The CDK module whose ``SqsEventSource`` makes a Python stack's function an SQS consumer
# (``catalog/triggers/aws_cdk.py``): a stack is Python, read after the prefilter, so its import stands in.
CDK_EVENT_SOURCES = "aws_cdk.aws_lambda_event_sources"


def consumes_sqs(triggers: Iterable["Trigger"], imported: Iterable[str] = ()) -> bool:
    """Does some template of the scan consume an SQS queue it declares (a consumer entry by the
    queue's key), or some Python file import CDK's Lambda event sources (``imported``: modules and
    ``module.name`` imports): only then are files sending to SQS worth parsing (``facts/prefilter.py``)."""
    if any(t.source == QUEUE_CONSUMER_SOURCE and (t.entry_key or "").startswith(SQS_QUEUE_KEYS) for t in triggers):
        return True
    return any(name == CDK_EVENT_SOURCES or name.startswith(CDK_EVENT_SOURCES + ".") for name in imported)


def sqs_env_key(variable: str, folder: str) -> str:
    """The key of the queue whose URL ``variable`` holds in the functions whose code is ``folder``
    (a template's function folder: ``digest/src``; '' for the scan's root)."""
    return f"{SQS_QUEUE_ENV_KEY}{variable}@{folder}"


def sqs_env_scope(key: str) -> Tuple[str, Optional[str]]:
    """A ``sqs-queue-env:`` key's variable and the code folder it is scoped to (None: unscoped, a
    sender's key or one an IaC reader gives the whole project)."""
    variable, at, folder = key[len(SQS_QUEUE_ENV_KEY):].partition("@")
    return variable, folder if at else None


def queue_words(key: str) -> str:
    """A queue's key in the evidence's words."""
    kind, _, value = key.partition(":")
    return {"pubsub": f"Pub/Sub topic {value}", "azure-queue-env": f"the queue app setting {value} names",
            "sqs-queue": f"SQS queue {value}", "sqs-queue-env": f"the SQS queue whose URL {value.partition('@')[0]} holds",
            "sqs-queue-unnamed": "an SQS queue the scan cannot name",
            "azure-queue-account": f"a queue of the account connection setting {value} names"}.get(kind, f"queue {value}")
# Triggers that start long-lived work and leave a loop's cadence to its schedule: an application's
# start-up hook starting a worker that sleeps a day (``triggers/sleep_loops.py``) runs it on that schedule.
YIELDING_SOURCES = frozenset({"startup-hook"})
# Decorators that make the function itself a loop on their cadence (``triggers/periodic_libs.py``):
# ``@app.on_event("startup")`` over ``@repeat_every(seconds=3600)`` only starts the loop, so the
# start-up hook yields even on the function it names.
REPEATING_SOURCES = frozenset({"fastapi-repeat", "aiocron", "timeloop"})
# Triggers on a loop that serves people for as long as it runs: a bot polling Telegram's
# ``getUpdates`` (``triggers/bot_polling.py``), a daemon answering new emails (``triggers/mailbox_listeners.py``). Whoever starts the loop (a scheduled watchdog
# restarting the poller thread, a scheduled ``main``) does not run the replies: the walk of any
# other trigger stops at the loop's function.
SERVING_SOURCES = frozenset({"bot-polling", "mailbox-listener"})
# Triggers on a loop that times its job itself (``while True: run(); sleep(86400)``): the function
# holding the loop is the scheduler and what it calls is the job, as a scheduled script's block's
# first calls are; a registered job (``.do(job)``, ``add_job(job)``) is the job (label policy 1, ``project/repeats.py``).
# Whoever starts the loop (a start-up hook, a handler's ``create_task``, a thread) does not run its
# rounds: other triggers' walks stop at it (``project/classify.py``), except a command line's (``repeats``).
SELF_TIMED_SOURCES = frozenset({"sleep-loop", "script-sleep-loop"})
# Triggers whose caller needs the request acknowledged at once while a person waits for the reply:
# a chat platform's webhook (``triggers/http_common.py``, ``triggers/chat_payloads.py``; label policy 5).
# The bot answers from work it hands off, so the first hand-off from the webhook (a thread, a task,
# ``BackgroundTasks``, a queued job) keeps it real-time; work that work hands off in turn (mining the
# dialog after the reply) is near-real-time. A desktop GUI's callback (``triggers/desktop_apps.py``) hands
# its slow work to a thread to keep the window responsive while the person watches for the result.
REPLYING_SOURCES = frozenset({"chat-webhook", "desktop-gui"})
# Weak triggers standing for a sender outside the scan (``triggers/task_workers.py``: a worker runs
# the task "when a message arrives"): where the scan finds a start of the function (a queue edge into
# it: ``workflow.execute_activity("summarize")``), that sender and whatever runs it say who waits.
HUEY_TASK_SOURCE = "huey-task"
# arq worker functions (``WorkerSettings.functions``): sent by name only, ``pool.enqueue_job("summarize")``;
# one a project that sends its jobs by literal names never names is sent by nothing (``project/unsent_tasks.py``).
ARQ_FUNCTION_SOURCE, ARQ_ENQUEUES = "arq-function", frozenset({"enqueue_job"})
SENDER_ELSEWHERE_SOURCES = frozenset({"worker-task", HUEY_TASK_SOURCE, ARQ_FUNCTION_SOURCE})
# Worker tasks whose decorated function queues itself when called (``triggers/task_workers.py``):
# Huey's ``process(doc)`` enqueues and returns a result handle (``process.call_local(doc)`` runs it
# here), so a plain call of one is a queue edge (``project/called_tasks.py``), waited on only where
# the caller reads the result (``process(doc).get(blocking=True)``).
CALLED_TO_QUEUE_SOURCES: Dict[str, str] = {HUEY_TASK_SOURCE: "Huey task"}  # source -> its name in evidence
# Triggers that say what a function does once started, not that anything starts it: an in-process
# sleep loop is a schedule only when some code calls it or hands it on (a task, a thread).
NEEDS_A_STARTER = frozenset({"sleep-loop"})
# Entry points in Python that a person runs when nothing in the repository does: a script's
# ``__main__`` block, a Django management command. The weakest evidence of all: it applies only
# to functions nothing else reaches, not even name or docstring evidence.
BY_HAND_SOURCES = frozenset({"main-script", "django-command", "console-script", "flask-command",
                             "modal-entrypoint"})  # ``@app.local_entrypoint()``: ``modal run app.py``
# Of those, the command-line tools (their options are the function's parameters or the framework's).
COMMAND_SOURCES = frozenset({"django-command", "console-script", "flask-command", "modal-entrypoint"})
LAMBDA_EVENT_SOURCE = "lambda-event"  # a handler's event keys (``triggers/lambda_events.py``, ``project/handler_copies.py``)
