"""HTTP routes of Python web frameworks: a person (or a machine, for webhooks) waits.

One table drives every framework: its import root, the route decorators its app/router
objects carry (``@app.get("/x")``, ``@bp.route("/x")``, ``@routes.post("/x")``), whether
it also has module-level route decorators (Litestar's ``@get("/")``), and the registration
calls it offers (``app.add_api_route``, ``app.add_url_rule``, ``app.router.add_get``).

Which framework owns ``@x.get(...)`` is read from what ``x`` was built from when this file
shows it (``app = FastAPI()``), else from the web frameworks the file imports; a file that
imports none is no web module, so ``@cache.get("/x")`` there is no route. The one
exception is ``@x.route("/path")``: that shape is a route in any framework, so it counts
even when the app object comes from another module of the project.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

import libcst as cst

from llm_latency_lint.catalog.triggers import meta_webhooks as meta
from llm_latency_lint.catalog.triggers.api import Context, Decorator, Recognizer
from llm_latency_lint.catalog.triggers.chat_payloads import chat_payload
from llm_latency_lint.catalog.triggers.http_common import (
    HTTP_VERBS,
    handler_targets,
    route_trigger,
)
from llm_latency_lint.catalog.triggers.resolve import followable, origin
from llm_latency_lint.catalog.triggers.signed_webhooks import signature_header
from llm_latency_lint.model import Expr
from llm_latency_lint.syntax.literals import kwarg

_VERBS = frozenset(HTTP_VERBS) | {"trace"}
_CLASS_METHODS: Tuple[str, ...] = HTTP_VERBS + ("dispatch_request",)
_FALCON_RESPONDERS: Tuple[str, ...] = tuple(f"on_{v}" for v in HTTP_VERBS)
PATH_KWARGS = ("path", "rule", "uri", "route", "url")
HANDLER_KWARGS = ("endpoint", "view_func", "handler", "view", "resource", "route")
WEBSOCKET_ATTRS = frozenset({"websocket", "websocket_route", "add_websocket_route", "add_api_websocket_route", "ws"})
# aiohttp's router methods name the verb: add_get -> GET.
_VERB_METHODS = {f"add_{v}": v.upper() for v in HTTP_VERBS}


@dataclass(frozen=True)
class Framework:
    root: str  # import root ("fastapi", "azure.functions")
    label: str  # for notes: "FastAPI"
    source: str  # trigger source id
    attrs: FrozenSet[str]  # route decorators on an app/router object
    registrations: FrozenSet[str] = frozenset()  # app.<method>(path, handler)
    default_methods: Tuple[str, ...] = ("GET",)  # for @route without methods=
    module_decorators: bool = False  # @get("/x") imported from the framework itself
    instance_methods: Tuple[str, ...] = ()  # handlers registered as instances (Falcon resources)
    # factories returning ``(app, route decorator)``: FastHTML's ``app, rt = fast_app()``; ``@rt("/x")``,
    # and a bare ``@rt`` (the function's name is the path)
    decorator_factories: FrozenSet[str] = frozenset()

    def owns(self, qualname: str) -> bool:
        return qualname == self.root or qualname.startswith(self.root + ".")


def _attrs(*names: str, verbs: bool = True) -> FrozenSet[str]:
    return frozenset(names) | (_VERBS if verbs else frozenset())


FRAMEWORKS: Tuple[Framework, ...] = (
    Framework("fastapi", "FastAPI", "fastapi-route", _attrs("api_route", "route", "websocket", "websocket_route"),
              frozenset({"add_api_route", "add_api_websocket_route", "add_route", "add_websocket_route"})),
    Framework("starlette", "Starlette", "starlette-route", _attrs("route", "websocket_route", verbs=False),
              frozenset({"add_route", "add_websocket_route"})),
    Framework("flask", "Flask", "flask-route", _attrs("route"), frozenset({"add_url_rule"})),
    Framework("quart", "Quart", "quart-route", _attrs("route", "websocket"), frozenset({"add_url_rule"})),
    Framework("sanic", "Sanic", "sanic-route", _attrs("route", "websocket"),
              frozenset({"add_route", "add_websocket_route"})),
    Framework("litestar", "Litestar", "litestar-route", _attrs("route", "websocket"), module_decorators=True),
    Framework("starlite", "Starlite", "litestar-route", _attrs("route", "websocket"), module_decorators=True),
    Framework("aiohttp", "aiohttp", "aiohttp-route", _attrs("route", "view"),
              frozenset({"add_route", "add_view", *_VERB_METHODS})),
    Framework("bottle", "Bottle", "bottle-route", _attrs("route"), module_decorators=True),
    # hug: ``@hug.get("/x")``, ``@hug.http`` / ``@hug.call`` (any verb); ``@hug.cli``, ``@hug.local`` are none
    Framework("hug", "hug", "hug-route", _attrs("http", "call", "get_post", "put_post", "sink"), module_decorators=True),
    Framework("ninja", "Django Ninja", "django-ninja-route", _attrs("api_operation")),
    Framework("robyn", "Robyn", "robyn-route", _attrs("websocket")),
    # python-fasthtml: ``FastHTML()`` / ``fast_app()``; ``@app.route`` (aliased ``rt = app.route``),
    # ``@app.get`` ..., ``@app.ws``; a bare ``@rt`` routes the function's name
    Framework("fasthtml", "FastHTML", "fasthtml-route", _attrs("route", "ws"), default_methods=("GET", "POST"),
              decorator_factories=frozenset({"fast_app"})),
    Framework("falcon", "Falcon", "falcon-route", frozenset(), frozenset({"add_route"}),
              instance_methods=_FALCON_RESPONDERS),
    # Powertools for AWS Lambda resolvers (API Gateway, HTTP API, ALB, function URL, VPC Lattice, AppSync, Bedrock agents)
    Framework("aws_lambda_powertools.event_handler", "Powertools for AWS Lambda", "lambda-powertools-route",
              _attrs("route", "resolver")),
    Framework("azure.functions", "Azure Functions HTTP", "azure-functions-route", _attrs("route", verbs=False),
              default_methods=()),
)
# @x.route("/path") with no framework visible: the app object lives in another module.
ANY_FRAMEWORK = Framework("", "HTTP", "web-route", frozenset({"route"}), default_methods=())

# Route objects built by a call: Route("/x", endpoint), web.get("/x", handler).
ROUTE_CALLS: Dict[str, Tuple[str, Optional[str]]] = {
    "starlette.routing.Route": ("starlette", None),
    "starlette.routing.WebSocketRoute": ("starlette", "websocket"),
    "fastapi.routing.APIRoute": ("fastapi", None),
    "fastapi.routing.APIWebSocketRoute": ("fastapi", "websocket"),
    **{f"aiohttp.web.{v}": ("aiohttp", v.upper()) for v in HTTP_VERBS},
    "aiohttp.web.route": ("aiohttp", None),
    "aiohttp.web.view": ("aiohttp", None),
}
# Undecorated function handlers whose decorator alone says "HTTP entry point".
HTTP_FUNCTION_DECORATORS: Dict[str, Tuple[str, str]] = {
    "functions_framework.http": ("Google Cloud Functions HTTP function", "cloud-function-http"),
}


def _framework(root: str) -> Optional[Framework]:
    return next((f for f in FRAMEWORKS if f.root == root), None)


def _imported(ctx: "Context") -> List[Framework]:
    return [f for f in FRAMEWORKS if ctx.imports(f.root)]


def _receiver_framework(ctx: "Context", receiver: cst.BaseExpression, member: str, field: str) -> Optional[Framework]:
    """The framework of ``receiver.member(...)``: from its constructor, else from the file's imports."""
    built = origin(ctx, ctx.expr(receiver))
    if built is not None:
        owner = next((f for f in FRAMEWORKS if f.owns(built.ctor)), None)
        if owner is not None:
            return owner if member in getattr(owner, field) else None
    return next((f for f in _imported(ctx) if member in getattr(f, field)), None)


def _string(ctx: "Context", node: Optional[cst.BaseExpression]) -> Optional[str]:
    value = ctx.literal(node)
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return None


def _is_verb(value: str) -> bool:
    return value.lower() in _VERBS or value == "*"


def _path(ctx: "Context", call: Optional[cst.Call]) -> Optional[str]:
    if call is None:
        return None
    for name in PATH_KWARGS:
        value = _string(ctx, kwarg(call, name))
        if value is not None:
            return value
    for arg in call.args:
        if arg.keyword is None and not arg.star:
            value = _string(ctx, arg.value)
            if value is not None and not _is_verb(value):
                return value
    return None


def _methods(ctx: "Context", call: Optional[cst.Call], member: str, framework: Framework) -> Tuple[str, ...]:
    if member in WEBSOCKET_ATTRS:
        return ()
    if member in _VERBS:
        return (member.upper(),)
    if member in _VERB_METHODS:
        return (_VERB_METHODS[member],)
    if call is not None:
        listed = ctx.literal(kwarg(call, "methods")) or ctx.literal(kwarg(call, "http_method"))
        if isinstance(listed, str):
            listed = [listed]
        if isinstance(listed, list) and listed and all(isinstance(m, str) for m in listed):
            return tuple(m.upper() for m in listed)
        for arg in call.args:
            value = ctx.literal(arg.value) if arg.keyword is None and not arg.star else None
            if isinstance(value, str) and _is_verb(value):
                return (value.upper(),)
    return framework.default_methods


def _what(member: str) -> str:
    return "websocket" if member in WEBSOCKET_ATTRS else "route"


class RouteDecorators(Recognizer):
    """``@app.get("/x")``, ``@bp.route("/x", methods=[...])``, Litestar ``@get("/x")``."""

    id = "web-route-decorators"
    words = tuple(f.root for f in FRAMEWORKS) + (".route(", "functions_framework")

    def on_function(
        self, ctx: "Context", node: cst.FunctionDef, qualname: str, decorators: Sequence[Decorator]
    ) -> None:
        for dec in decorators:
            if dec.name in HTTP_FUNCTION_DECORATORS:
                label, source = HTTP_FUNCTION_DECORATORS[dec.name]
                ctx.add_trigger(route_trigger(label=label, source=source, target=["name", qualname],
                                              line=dec.line, path=None, what="entry point"))
                continue
            found = self._framework(ctx, dec)
            if found is None and dec.call is not None:
                self._candidate(ctx, dec, qualname, node)
            if found is None or (dec.call is None and not found[0].decorator_factories):
                continue
            framework, member = found
            path = _path(ctx, dec.call)
            if framework is ANY_FRAMEWORK and not (path or "").startswith("/"):
                continue
            payload = _payload(ctx, self, node, dec.call) if _what(member) == "route" else None
            ctx.add_trigger(
                route_trigger(
                    label=framework.label, source=framework.source, target=["name", qualname], line=dec.line,
                    path=path,
                    methods=_methods(ctx, dec.call, member, framework),
                    what=_what(member),
                    payload=payload, signed=signature_header(ctx, node) if _what(member) == "route" else None,
                )
            )

    def _framework(self, ctx: "Context", dec: Decorator) -> Optional[Tuple[Framework, str]]:
        return _decorator_framework(ctx, dec)

    def _candidate(self, ctx: "Context", dec: Decorator, qualname: str, node: cst.FunctionDef) -> None:
        """``@app.get("/x")`` in a file that imports no framework (``def register_routes(app):``,
        ``@self.router.post``, ``@api.get`` of another module): a route if the project stage finds
        a framework built the receiver (``Trigger.receiver``)."""
        callee = dec.call.func if dec.call is not None else None
        if not isinstance(callee, cst.Attribute) or _imported(ctx):
            return
        owners = [f for f in FRAMEWORKS if dec.attr in f.attrs]
        path = _path(ctx, dec.call)
        receiver = followable(ctx.expr(callee.value))
        if not owners or receiver is None or not (path or "").startswith("/") or origin(ctx, receiver) is not None:
            return
        trigger = route_trigger(label="HTTP", source="web-route", target=["name", qualname], line=dec.line,
                                path=path, methods=_methods(ctx, dec.call, dec.attr, owners[0]), what=_what(dec.attr),
                                payload=_payload(ctx, self, node, dec.call) if _what(dec.attr) == "route" else None,
                                signed=signature_header(ctx, node) if _what(dec.attr) == "route" else None)
        trigger.receiver, trigger.receiver_roots = receiver, sorted({f.root for f in owners})
        ctx.add_trigger(trigger)


def _payload(ctx: "Context", owner: Recognizer, node: cst.FunctionDef, call: Optional[cst.Call]) -> Optional[Tuple[str, str]]:
    """The chat platform whose payload the handler reads (``chat_payloads``), or Meta's messaging
    webhook where a handler of its router object and path answers Meta's handshake (``meta_webhooks``)."""
    found, route = chat_payload(ctx, node), _route_key(ctx, call)
    if found is not None or route is None:
        return found
    state = ctx.state(owner)
    if "handshakes" not in state:  # read once per file
        state["handshakes"] = meta.handshake_routes(ctx, lambda c: _route_key(ctx, c))
    return (meta.META_HANDSHAKE.platform, f"{route[1]} answers hub.challenge") if route in state["handshakes"] else None


def _route_key(ctx: "Context", call: Optional[cst.Call]) -> Optional[meta.RouteKey]:
    """(the router object's code, the path) of a route decorator: two routers' ``/webhook`` differ."""
    path = _path(ctx, call)
    return (ctx.code(call.func.value) if isinstance(call.func, cst.Attribute) else "", path) if call and path else None


def _decorator_framework(ctx: "Context", dec: Decorator) -> Optional[Tuple[Framework, str]]:
    """The framework a route decorator belongs to, and the decorator's own name."""
    callee = dec.call.func if dec.call is not None else dec.node.decorator
    if dec.name:
        # A module-level decorator: ``from litestar import get`` / ``@litestar.get``.
        module_level = next((f for f in FRAMEWORKS if f.module_decorators and f.owns(dec.name)), None)
        if module_level is not None:
            member = dec.name.rsplit(".", 1)[-1]
            return (module_level, member) if member in module_level.attrs else None
    if isinstance(callee, cst.Name):
        return _route_alias(ctx, ctx.expr(callee))
    if not isinstance(callee, cst.Attribute):
        return None
    found = _receiver_framework(ctx, callee.value, dec.attr, "attrs")
    if found is None and dec.attr in ANY_FRAMEWORK.attrs:
        found = ANY_FRAMEWORK
    return (found, dec.attr) if found is not None else None


def _route_alias(ctx: "Context", expr: Expr, hops: int = 0) -> Optional[Tuple[Framework, str]]:
    """``@rt("/x")`` on a name bound to a route decorator: an element of what a framework's
    ``decorator_factories`` returns (``app, rt = fast_app()``), or ``rt = app.route`` of an app
    this file builds. A name bound to anything else (``rt = cache.route``, a project function) is none."""
    values = ctx.facts.globals.get(str(expr[1])) if expr and expr[0] == "name" and hops < 3 else None
    if values:
        return _route_alias(ctx, values[-1], hops + 1)
    made = expr[1] if expr and expr[0] == "item" else None
    if made and made[0] == "call" and made[1] and made[1][0] == "name":
        factory = str(made[1][1])
        found = next((f for f in FRAMEWORKS if f.owns(factory) and factory.rsplit(".", 1)[-1] in f.decorator_factories), None)
        return (found, "route") if found else None
    built = origin(ctx, expr) if expr and expr[0] in ("attr", "name") else None
    found = next((f for f in FRAMEWORKS if built and len(built.path) == 1 and f.owns(built.ctor)), None)
    return (found, built.path[0]) if found and built and built.path[0] in found.attrs else None


# ---- HTTP hops: routes with the object they are declared on, and mounts ---------------------
# Constructors of routers and apps that take their own prefix: qualified-name suffix -> keyword.
ROUTER_PREFIXES: Dict[str, str] = {
    "fastapi.APIRouter": "prefix", "fastapi.routing.APIRouter": "prefix",
    "flask.Blueprint": "url_prefix", "quart.Blueprint": "url_prefix", "sanic.Blueprint": "url_prefix",
    "ninja.Router": "prefix", "litestar.Router": "path",
}
# ``parent.<method>(child, <keyword>=prefix)``: method -> (prefix keyword, child position, prefix
# position or -1, whether the prefix replaces the child's own).
MOUNT_METHODS: Dict[str, Tuple[str, int, int, bool]] = {
    "include_router": ("prefix", 0, -1, False),
    "register_blueprint": ("url_prefix", 0, -1, True),
    "mount": ("path", 1, 0, False),  # Starlette/FastAPI ``app.mount("/sub", sub_app)``
    "add_router": ("prefix", 1, 0, False),  # Django Ninja ``api.add_router("/x", router)``
}
# Django URLconf entries: ``path("x/", view)``, ``include("app.urls")``.
URLCONF_ROUTES = frozenset({"django.urls.path", "django.urls.re_path", "django.conf.urls.url"})
URLCONF_INCLUDE = "django.urls.include"


def decorator_route(ctx: "Context", dec: Decorator) -> Optional[Tuple[Tuple[str, ...], str]]:
    """(methods, path) of a route decorator on an app or router object (``@router.post("/x")``)."""
    found = _decorator_framework(ctx, dec)
    if found is None or dec.call is None or not isinstance(dec.call.func, cst.Attribute):
        return None
    framework, member = found
    path = _path(ctx, dec.call)
    if path is None or member in WEBSOCKET_ATTRS:
        return None
    return _methods(ctx, dec.call, member, framework), path


def registration_route(
    ctx: "Context", node: cst.Call
) -> Optional[Tuple[Tuple[str, ...], str, cst.BaseExpression]]:
    """(methods, path, handler) of ``app.add_api_route("/x", fn)`` / ``add_url_rule``."""
    if not isinstance(node.func, cst.Attribute) or node.func.attr.value not in _registration_methods():
        return None
    member = node.func.attr.value
    framework = _receiver_framework(ctx, node.func.value, member, "registrations")
    path, handler = _path(ctx, node), _handler_node(node)
    if framework is None or path is None or handler is None or member in WEBSOCKET_ATTRS:
        return None
    return _methods(ctx, node, member, framework), path, handler


class RouteRegistrations(Recognizer):
    """``app.add_api_route("/x", fn)``, ``app.add_url_rule("/x", view_func=V.as_view("v"))``,
    ``app.router.add_get("/x", handler)``, ``Route("/x", endpoint)``, ``web.get("/x", h)``."""

    id = "web-route-registrations"
    words = ("add_api_route", "add_url_rule", "add_route", "add_get", "add_post", "Route(", "web.get", "web.post")

    def on_call(self, ctx: "Context", node: cst.Call, callee: Optional[str]) -> None:
        framework: Optional[Framework] = None
        member: str = ""
        if callee in ROUTE_CALLS:
            root, verb = ROUTE_CALLS[callee]
            framework = _framework(root)
            member = "websocket" if verb == "websocket" else (verb.lower() if verb else "")
        elif isinstance(node.func, cst.Attribute):
            member = node.func.attr.value
            if member in _registration_methods():
                framework = _receiver_framework(ctx, node.func.value, member, "registrations")
        if framework is None:
            return
        path = _path(ctx, node)
        for handler in handler_targets(
            ctx, _handler_node(node), _CLASS_METHODS, framework.instance_methods
        ):
            ctx.add_trigger(
                route_trigger(
                    label=framework.label,
                    source=framework.source,
                    target=handler.target,
                    line=ctx.line(node),
                    path=path,
                    methods=_methods(ctx, node, member, framework),
                    what=_what(member),
                    handler=handler.label,
                )
            )


def _registration_methods() -> FrozenSet[str]:
    return frozenset().union(*(f.registrations for f in FRAMEWORKS))


def _handler_node(call: cst.Call) -> Optional[cst.BaseExpression]:
    for name in HANDLER_KWARGS:
        value = kwarg(call, name)
        if value is not None and not isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
            return value
    for arg in call.args:
        if arg.keyword is None and not arg.star and not isinstance(
            arg.value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString, cst.List, cst.Tuple,
                        cst.Dict, cst.Integer, cst.Float)
        ):
            return arg.value
    return None


RECOGNIZERS = [RouteDecorators(), RouteRegistrations()]
