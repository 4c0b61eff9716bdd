"""Routes, mounts and outgoing HTTP calls of the facts pass: the facts of HTTP hops.

A job that POSTs to the application's own route runs what the route runs (corpus label policy
6). One file shows only its part of that: the route and the object it is declared on
(``@api_chat.post("")``), where a router is mounted and under which prefix
(``app.include_router(api_chat, prefix="/api/chat")``), and the verb and URL of a request
(``requests.post(f"{scheme}://{netloc}/api/chat?client=khoj")``). These are recorded here as
``Route``, ``Mount`` and ``Request``; ``project.http_hops`` joins them across files.
"""
from __future__ import annotations

from typing import Optional, Sequence

import libcst as cst

from llm_latency_lint.catalog.providers.hosts import URL_JOINS
from llm_latency_lint.catalog.triggers.api import Decorator
from llm_latency_lint.catalog.triggers.web_routes import (
    MOUNT_METHODS,
    ROUTER_PREFIXES,
    URLCONF_INCLUDE,
    URLCONF_ROUTES,
    decorator_route,
    registration_route,
)
from llm_latency_lint.facts.pass_state import PassState
from llm_latency_lint.facts.url_params import url_params
from llm_latency_lint.model import Expr, Mount, Request, Route
from llm_latency_lint.syntax.literals import arg, kwarg, literal, positional

BUILT = ["unknown", "built"]  # the parent of a prefix a router is built with
URLCONF = "urlpatterns"
# Client methods that send a request: method -> (URL position, whether the verb comes first).
VERB_METHODS = {"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE"}
VERB_FIRST = frozenset({"request", "stream"})
URL_NODES = (cst.Name, cst.Attribute, cst.SimpleString, cst.FormattedString, cst.BinaryOperation, cst.Call,
             cst.ConcatenatedString)


def looks_like_url(text: str) -> bool:
    """A URL with a path this file shows: ``http://h/x``, ``{BASE}/x``, ``/x``."""
    return "://" in text or text.startswith("/") or (text.startswith("{") and "}/" in text)


class RoutesMixin(PassState):
    """Routes, mounts and requests for ``FactsVisitor`` (its ``url_text``, ``ctx`` and scopes)."""

    def visit_Call(self, node: cst.Call) -> None:
        super().visit_Call(node)  # type: ignore[misc]
        func = node.func
        member = func.attr.value if isinstance(func, cst.Attribute) else (func.value if isinstance(func, cst.Name) else "")
        if member in VERB_METHODS or member in VERB_FIRST:
            self._record_request(node, member)
        elif isinstance(func, cst.Name) and node.args:
            self._record_passed_urls(node, func.value)
        elif member in MOUNT_METHODS:
            self._record_mount(node, member)
        elif member in ("add_api_route", "add_url_rule", "add_route"):
            self._record_registration(node)

    # ---- routes ----------------------------------------------------------------------
    def record_routes(self, qualname: str, decorators: Sequence[Decorator]) -> None:
        """``@router.post("/x")`` on ``qualname``: a route of ``router``."""
        for dec in decorators:
            if dec.call is not None:
                self.decorator_calls.add(id(dec.call))  # a decorator is no request
            if "route" not in dec.attr and dec.attr not in VERB_METHODS and dec.attr != "api_route":
                continue
            found = decorator_route(self.ctx, dec)
            if found is None or dec.call is None or not isinstance(dec.call.func, cst.Attribute):
                continue
            methods, path = found
            self.facts.routes.append(
                Route(self.expr(dec.call.func.value), list(methods), path, ["name", qualname], dec.line)
            )

    def _record_registration(self, node: cst.Call) -> None:
        found = registration_route(self.ctx, node)
        if found is None or not isinstance(node.func, cst.Attribute):
            return
        methods, path, handler = found
        self.facts.routes.append(Route(self.expr(node.func.value), list(methods), path, self.expr(handler),
                                       self.line(node)))

    def _record_mount(self, node: cst.Call, member: str) -> None:
        if not isinstance(node.func, cst.Attribute):
            return
        keyword, child_at, prefix_at, replaces = MOUNT_METHODS[member]
        child = positional(node, child_at) if child_at else arg(node, "router", 0)
        if child_at == 0 and child is None:
            child = kwarg(node, "blueprint")
        prefix = literal(arg(node, keyword, prefix_at) if prefix_at >= 0 else kwarg(node, keyword))
        if child is None or (prefix is not None and not isinstance(prefix, str)):
            return
        if prefix is None and member in ("mount", "add_router"):
            return
        self.facts.mounts.append(Mount(self.expr(node.func.value), self.expr(child), prefix or "",
                                       self.line(node), replaces and prefix is not None))

    def record_router_prefix(self, targets: Sequence[cst.BaseExpression], value: cst.BaseExpression) -> None:
        """``router = APIRouter(prefix="/x")`` at module level; ``urlpatterns = [path(...)]``; and
        ``self.api_url = api_url`` (a parameter whose default is a URL) for requests to ``self.api_url``."""
        if len(targets) == 1 and isinstance(targets[0], cst.Attribute) and isinstance(targets[0].value, cst.Name):
            self._record_url_attribute(targets[0], value)
            return
        if self.scopes[-1].kind != "module" or len(targets) != 1 or not isinstance(targets[0], cst.Name):
            return
        name = f"{self.facts.module}.{targets[0].value}"
        if targets[0].value == URLCONF:
            self._record_urlconf(value, name)
            return
        if not isinstance(value, cst.Call):
            return
        qualified = self.ctx.qualified(value.func) or ""
        keyword = next((k for q, k in ROUTER_PREFIXES.items() if qualified == q or qualified.endswith("." + q)), None)
        prefix = literal(kwarg(value, keyword)) if keyword else None
        if isinstance(prefix, str) and prefix:
            self.facts.mounts.append(Mount(list(BUILT), ["name", name], prefix, self.line(value)))

    def _record_urlconf(self, value: cst.BaseExpression, name: str) -> None:
        """Django's ``urlpatterns``: ``path("x/", view)`` routes and ``include("app.urls")`` mounts."""
        if isinstance(value, cst.BinaryOperation):  # urlpatterns = [...] + [...]
            self._record_urlconf(value.left, name)
            self._record_urlconf(value.right, name)
            return
        if not isinstance(value, (cst.List, cst.Tuple)):
            return
        for element in value.elements:
            entry = element.value
            if not isinstance(entry, cst.Call) or self.ctx.qualified(entry.func) not in URLCONF_ROUTES:
                continue
            route, view = literal(positional(entry, 0)), positional(entry, 1)
            if not isinstance(route, str) or view is None:
                continue
            route = "/" + route.strip("^$").lstrip("/")
            if isinstance(view, cst.Call) and self.ctx.qualified(view.func) == URLCONF_INCLUDE:
                included = literal(positional(view, 0))
                child = ["name", f"{included}.{URLCONF}"] if isinstance(included, str) else self._urlconf_of(view)
                if child is not None:
                    self.facts.mounts.append(Mount(["name", name], child, route, self.line(entry)))
                continue
            self.facts.routes.append(Route(["name", name], [], route, self.expr(view), self.line(entry)))

    def _urlconf_of(self, include: cst.Call) -> Optional[Expr]:
        module = positional(include, 0)
        return ["attr", self.expr(module), URLCONF] if isinstance(module, (cst.Name, cst.Attribute)) else None

    # ---- requests --------------------------------------------------------------------
    def _record_url_attribute(self, target: cst.Attribute, value: cst.BaseExpression) -> None:
        owner = self._function_scope().params.get(target.value.value if isinstance(target.value, cst.Name) else "")
        if not owner or owner[0] != "self" or not isinstance(value, URL_NODES):
            return
        text = self.request_url(value)
        if looks_like_url(text):
            self.url_attributes[(str(owner[1]), target.attr.value)] = text

    def _attribute_url(self, node: cst.BaseExpression) -> str:
        """The URL a ``self.<attr>`` was set to in this class (``self.api_url = api_url``)."""
        if not isinstance(node, cst.Attribute) or not isinstance(node.value, cst.Name):
            return ""
        owner = self._function_scope().params.get(node.value.value)
        if not owner or owner[0] != "self":
            return ""
        return self.url_attributes.get((str(owner[1]), node.attr.value), "")

    def _record_request(self, node: cst.Call, member: str) -> None:
        if id(node) in self.decorator_calls:
            return
        if member in VERB_FIRST:
            verb = literal(kwarg(node, "method") or positional(node, 0))
            url_node = arg(node, "url", 1)
        else:
            verb, url_node = VERB_METHODS[member], arg(node, "url", 0)
        if not isinstance(verb, str) or url_node is None:
            return
        text = self.request_url(url_node)
        if not looks_like_url(text):
            text = self._attribute_url(url_node)
        if text.startswith("/"):
            return  # a bare path: the client's base URL decides whose API it is (``github.get("/user")``), unseen here
        if text and looks_like_url(text):
            self.facts.requests.append(Request(self.current_function().qualname, verb.upper(), text, self.line(node)))
        elif isinstance(url_node, cst.Name):  # ``def invoke(url): requests.post(url)``: its callers' URLs
            param = self._function_scope().params.get(url_node.value)
            if param and param[0] == "param" and isinstance(param[3], int):
                url_params(self).requests.append((str(param[1]), verb.upper(), url_node.value, param[3], self.line(node)))

    def _record_passed_urls(self, node: cst.Call, name: str) -> None:
        """``invoke(URL, payload)`` with a URL the file shows, for ``url_params``, which joins it only
        to a function of this file: the URLs passed to any other callee (``print``, an imported
        helper) are not read."""
        callee = self._name(name)
        if callee[0] != "name" or not str(callee[1]).startswith(f"{self.facts.module}."):
            return
        for index, argument in enumerate(node.args):
            if argument.star or not isinstance(argument.value, URL_NODES):
                continue
            text = self.request_url(argument.value)
            if text and "://" in text:
                where = argument.keyword.value if argument.keyword is not None else str(index)
                url_params(self).passed.append((str(callee[1]), where, text, self.current_function().qualname,
                                                self.line(node)))

    def request_url(self, node: cst.BaseExpression) -> str:
        """``url_text``, and ``urljoin(base, "/x")`` as base + path."""
        if isinstance(node, cst.Call) and (self.ctx.qualified(node.func) or "") in URL_JOINS and len(node.args) >= 2:
            base, path = self.url_text(node.args[0].value), self.url_text(node.args[1].value)
            return path if "://" in path else base.rstrip("/") + "/" + path.lstrip("/")
        return self.url_text(node)
