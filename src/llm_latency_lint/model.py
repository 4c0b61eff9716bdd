"""Plain, serialisable facts about one file.

Everything here depends only on the file's bytes, so a ``FileFacts`` can be cached by
content hash and joined with other files' facts later (see ``graph``).

Expressions that need other files to be understood are small JSON-able lists whose tags,
builders and checks live in ``expr`` (evaluated later by ``project.graph.Evaluator``); facts
loaded from the cache are checked against those shapes.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any, Dict, Iterator, List, Optional

from llm_latency_lint.expr import Expr, validate


class LatencyClass(str, Enum):
    REAL_TIME = "real-time"
    NEAR_REAL_TIME = "near-real-time"
    SCHEDULED = "scheduled"
    MIXED = "mixed"
    UNKNOWN = "unknown"


@dataclass
class CallRef:
    """A call (or a callable reference) made inside a function."""

    expr: Expr
    line: int
    col: int
    # "call": invoked here; "ref": passed as a callable (thread target, partial, scheduler arg);
    # "queue": enqueued to run elsewhere (``task.delay``, ``BackgroundTasks.add_task``);
    # "arg": a value passed to the call at the same position, typing the callee's parameter.
    kind: str = "call"
    waited: bool = False  # a queued call whose result this code waits for (``.delay().get()``)
    note: str = ""
    arg: Optional[str] = None  # for a "ref" or "arg" made from an argument: its position ("0") or keyword
    # a "call": [callee's written name, positional count, keywords...] (``facts/signatures.py``)
    shape: Optional[List[str]] = None
    # a "call" passing a literal or a parameter on: each argument in ``shape``'s order, its ``repr``
    # for a literal, ``@name`` for the caller's parameter ``name``, ``!name`` for ``not name``, ""
    # for any other value (``facts/branches.call_values``)
    values: Optional[List[str]] = None
    # a "queue" ref: the places the hand-off fills in the job's arguments, ``"0"`` / ``"user_id"``
    # for a computed value, ``"0='daily'"`` for a literal; None when they cannot be read (``facts/passes.py``)
    passes: Optional[List[str]] = None
    # a "queue" ref passing the conversation it came from on (an update, a message, ``from_user.id``):
    # the handed-off work can answer it (``facts/conversations.py``, label policy 5)
    answers: bool = False


# The note of a "ref" that adds a callable to a container or builder (``graph.add_node("ask", ask)``):
# whoever runs the container runs it; the registering code runs it only when nothing else does.
REGISTERED = "register"
# A ``FileFacts.path_roots`` entry built from the module's own path starts so (``__file__/../src``).
PATH_FROM_FILE = "__file__"


# A branch guard's tests (``FunctionFacts.guards``), each with the test that holds when it does not.
GUARD_NEGATED = {"in": "notin", "notin": "in", "is": "isnot", "isnot": "is", "truthy": "falsy", "falsy": "truthy",
                 "prefix": "noprefix", "noprefix": "prefix", "suffix": "nosuffix", "nosuffix": "suffix"}
# A dotted constant among a call's values, a default or a test's literals (``facts/branches.py``):
# this prefix and the qualified name (``$pkg.consts.Provider.OPENAI``), read by ``project/stored_flags.py``.
CONSTANT = "$"
# ``FileFacts.attr_writes``' key for writes by computed names (``setattr(o, name, v)``, ``__dict__``).
DYNAMIC_WRITES = "*"
# A function's calling mode, the first entry of ``FunctionFacts.params``: written by the facts
# pass (``facts/signatures.py``), read by the graph (``project/signatures.py``).
FUNCTION, METHOD, CLASSMETHOD, STATICMETHOD = "function", "method", "classmethod", "staticmethod"


@dataclass
class FunctionFacts:
    qualname: str  # "pkg.mod.func", "pkg.mod.Class.method", "pkg.mod.<module>", "pkg.mod.__main__"
    name: str
    line: int
    cls: Optional[str] = None  # qualified class name for methods
    is_async: bool = False
    calls: List[CallRef] = field(default_factory=list)
    returns: List[Expr] = field(default_factory=list)
    pragma: Optional[str] = None  # "# llm-latency: <class>" on the def line
    docstring: str = ""
    decorators: List[str] = field(default_factory=list)  # qualified decorator names
    # Locals assigned more than once (or too large to inline): name -> every value, read through
    # ``["var", "<qualname>#<name>"]`` so that the graph holds their union.
    locals: Dict[str, List[Expr]] = field(default_factory=dict)
    # [mode, parameters...] when the parameters are as written (``facts/signatures.py``), else None
    params: Optional[List[str]] = None
    # Branches a parameter's literal value selects (``facts/branches.py``): [first line, last line,
    # then (parameter, test, JSON list of literal reprs) for each condition the branch needs]
    guards: List[List[str]] = field(default_factory=list)  # tests: ``GUARD_NEGATED``'s keys
    defaults: Dict[str, str] = field(default_factory=dict)  # parameter -> its literal default's ``repr``
    # Calls through a module dict looked up by a parameter (``facts/keyed_calls.py``): [call line,
    # parameter, the dict's name, JSON list of the entry's key repr, then the names its value holds]
    lookups: List[List[str]] = field(default_factory=list)
    # A constructor's ``self.attr = param`` (the parameter bound nowhere else in it): attribute ->
    # parameter, what a method's ``if self.attr:`` reads (``facts/branches.py``, ``project/stored_flags.py``)
    stores: Dict[str, str] = field(default_factory=dict)


@dataclass
class ClassFacts:
    qualname: str
    line: int
    bases: List[Expr] = field(default_factory=list)
    attrs: Dict[str, List[Expr]] = field(default_factory=dict)  # self.x = ..., class-level x = ...
    decorators: List[str] = field(default_factory=list)  # qualified decorator names


@dataclass
class Trigger:
    """Something that starts code: a schedule, a route, an event, an entry point."""

    kind: str  # "scheduled", "near-real-time", "real-time", or "entry" (a script or command: its class comes from whatever runs it)
    source: str  # recogniser id, e.g. "celery-beat", "fastapi-route"
    target: Expr  # what it starts; evaluated by the graph
    line: int
    note: str  # human text for the evidence chain
    schedule: Optional[str] = None  # frequency in words, when known
    weak: bool = False  # name/docstring evidence only
    # For entry points run by something else: the key others use to run it
    # ("script:path/x.py", "module:pkg.mod", "command:name").
    entry_key: Optional[str] = None
    # A candidate view's class (``serializer_class = X`` on a project base): the trigger counts only
    # when the project stage finds the class is a view (``Hierarchy.is_view``).
    view: Optional[str] = None
    # A candidate listener (``@app.event("message")`` where ``app`` is a parameter, ``self.app`` or
    # another module's object): counts only when the project stage finds ``receiver`` was built by a
    # constructor under one of ``receiver_roots`` (``project/receivers.py``).
    receiver: Optional[Expr] = None
    receiver_roots: List[str] = field(default_factory=list)
    # The last line of the code the trigger stands for inside its target (a bot's polling loop,
    # ``line``..``end_line``): other triggers still walk the target's calls outside it. 0: none.
    end_line: int = 0
    # A file of the scan the trigger holds only with (a README badge of the workflow
    # ``.github/workflows/ci.yml``: this repository's badge only where it has that workflow). "": none.
    requires: str = ""
    # A hand-off launch (``queues.HANDOFF_LAUNCHES``: a queue send, an async invoke) that passes the
    # conversation on (``facts/conversations.py``): a chat handler's work answers the person (policy 5).
    answers: bool = False


@dataclass
class CallSite:
    """One LLM SDK call found in the code."""

    line: int
    col: int
    end_line: int
    end_col: int
    function: str  # qualname of the enclosing function
    callee: Expr  # the callee expression, resolved by the graph against the catalog
    method: str  # last attribute of the callee, for a quick reject
    in_loop: bool = False
    in_try: bool = False
    stream_kwarg: bool = False
    purpose: Optional[str] = None  # files.create(purpose=...) literal
    model: Optional[str] = None  # model= literal (or module constant), for the audit
    text: str = ""  # normalised call text (for baselines and messages)
    pragma: Optional[str] = None  # "# llm-latency: <class>" on the call line
    awaited: bool = False
    batch_file: bool = False  # the file read (files.content) is a batch's input or output file
    tier: Optional[str] = None  # a discounted per-call tier the call already uses: "flex", "background-2h"/"-8h"
    passes_model: bool = False  # ``llm=`` / ``embed_model=`` / ``service_context=``: a LlamaIndex model passed in
    model_keyword: str = ""  # which ``MODEL_KEYWORDS`` keyword names the model (``model``, ``modelId``), if any
    unreachable: str = ""  # why the call never runs ("after the return at line 78"), if it never does
    # An SDK callable handed to a call of the project's (``run_blocking(bot, replicate.run, ...)``):
    # that call's callee; the site counts only where it resolves to a project function. Empty: a
    # runner the catalog knows (``asyncio.to_thread``), or a call, not a reference.
    handed_to: Expr = field(default_factory=list)
    # The catalog's input keywords the call passes (``providers.chroma.INPUT_KEYWORDS``), for
    # operations that embed only raw input (``Operation.requires_input``).
    inputs: List[str] = field(default_factory=list)


@dataclass
class Sink:
    function: str
    kind: str  # "email", "slack", ...
    line: int
    note: str


@dataclass
class Route:
    """A request handler declared on an app or router object (``@router.post("/x")``, a URLconf
    ``path()``): what an HTTP call to the project's own route reaches (``project.http_hops``)."""

    router: Expr  # the app, router or blueprint object (a URLconf's ``urlpatterns``)
    methods: List[str]  # upper-case verbs; empty: any
    path: str
    handler: Expr
    line: int


@dataclass
class Mount:
    """A router mounted under a prefix (``include_router(r, prefix="/api")``), or the prefix it is
    built with (``APIRouter(prefix="/x")``: ``parent`` is ``["unknown", "built"]``)."""

    parent: Expr
    child: Expr
    prefix: str
    line: int
    replaces: bool = False  # Flask's ``register_blueprint(bp, url_prefix=...)`` replaces bp's own prefix


@dataclass
class Request:
    """An HTTP call: its verb and URL text (unknown parts as ``{name}``), in ``function``."""

    function: str
    method: str
    url: str
    line: int


@dataclass
class FlagBranch:
    """A block run only when a module-level flag bound once to a false literal is true
    (``DEBUG = False`` ... ``if DEBUG:``): dead unless another module sets the flag, which the
    project stage checks (``facts/flag_branches.py``, ``project/false_flags.py``)."""

    flag: str  # the flag's name in this module
    bound: int  # the line binding it to the false literal
    line: int  # the line of the test
    start: int  # the first and last line of the block's calls and defs
    end: int
    test: str = "if"  # the statement testing it: ``if``, ``elif``, ``while``


@dataclass
class FileFacts:
    path: str  # relative to the scanned root, POSIX
    module: str
    imports: Dict[str, str] = field(default_factory=dict)
    globals: Dict[str, List[Expr]] = field(default_factory=dict)  # module-level bindings
    functions: Dict[str, FunctionFacts] = field(default_factory=dict)
    classes: Dict[str, ClassFacts] = field(default_factory=dict)
    call_sites: List[CallSite] = field(default_factory=list)
    triggers: List[Trigger] = field(default_factory=list)
    sinks: List[Sink] = field(default_factory=list)
    # Celery-style names a task is registered under: "name" -> function qualname
    task_names: Dict[str, str] = field(default_factory=dict)
    noqa: Dict[int, List[str]] = field(default_factory=dict)  # line -> codes ([] = all)
    error: Optional[str] = None
    # What code adds to a container or builder (``REG[k] = fn``, ``HANDLERS.append(fn)``,
    # ``graph.add_node("n", fn)``): container key -> the added values. Keys are the global's
    # qualname, ``Class.attr`` for ``self.attr``, or ``function#local``.
    containers: Dict[str, List[Expr]] = field(default_factory=dict)
    # HTTP routes, router mounts and outgoing HTTP calls: hops to the project's own routes.
    routes: List[Route] = field(default_factory=list)
    mounts: List[Mount] = field(default_factory=list)
    requests: List[Request] = field(default_factory=list)
    # Folders the module adds to ``sys.path`` (``facts/path_roots.py``): ``__file__/../src``, ``lib``.
    path_roots: List[str] = field(default_factory=list)
    flag_branches: List[FlagBranch] = field(default_factory=list)
    # How many times the file writes an attribute of each name, whatever the receiver (``self.mode =``,
    # ``obj.mode +=``, ``setattr(o, "mode", v)``); ``"*"``: by computed names (``facts/attr_writes.py``)
    attr_writes: Dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "FileFacts":
        data = dict(data)
        data["functions"] = {
            k: FunctionFacts(**{**v, "calls": [CallRef(**c) for c in v["calls"]]})
            for k, v in data["functions"].items()
        }
        data["classes"] = {k: ClassFacts(**v) for k, v in data["classes"].items()}
        data["call_sites"] = [CallSite(**c) for c in data["call_sites"]]
        data["triggers"] = [Trigger(**t) for t in data["triggers"]]
        data["sinks"] = [Sink(**s) for s in data["sinks"]]
        data["noqa"] = {int(k): v for k, v in data["noqa"].items()}
        data["routes"] = [Route(**r) for r in data.get("routes", [])]
        data["mounts"] = [Mount(**m) for m in data.get("mounts", [])]
        data["requests"] = [Request(**r) for r in data.get("requests", [])]
        data["flag_branches"] = [FlagBranch(**b) for b in data.get("flag_branches", [])]
        facts = cls(**data)
        for expr in facts.expressions():
            validate(expr)  # a malformed entry raises, and the cache rebuilds it
        return facts

    def expressions(self) -> Iterator[Expr]:
        """Every expression these facts hold."""
        for values in (*self.globals.values(), *self.containers.values()):
            yield from values
        for fn in self.functions.values():
            yield from fn.returns
            for values in fn.locals.values():
                yield from values
            yield from (ref.expr for ref in fn.calls)
        for cls in self.classes.values():
            yield from cls.bases
            for values in cls.attrs.values():
                yield from values
        yield from (site.callee for site in self.call_sites)
        yield from (site.handed_to for site in self.call_sites if site.handed_to)
        yield from (trigger.target for trigger in self.triggers)
        yield from (trigger.receiver for trigger in self.triggers if trigger.receiver)
        for route in self.routes:
            yield route.router
            yield route.handler
        for mount in self.mounts:
            yield mount.parent
            yield mount.child


@dataclass
class FileError:
    path: str
    message: str
