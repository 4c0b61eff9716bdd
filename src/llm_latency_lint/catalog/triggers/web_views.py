"""Class-based HTTP handlers: their verb methods answer requests wherever they are routed
(Flask ``MethodView``, Flask-RESTful ``Resource``, aiohttp, Tornado, Starlette, Sanic views)."""
from __future__ import annotations

from llm_latency_lint.catalog.triggers.http_common import (
    HTTP_VERBS,
    ViewClassRecognizer,
    ViewFamily,
)


class WebViewClasses(ViewClassRecognizer):
    """Class-based handlers: their verb methods answer requests wherever they are routed."""

    id = "web-view-classes"
    words = ("MethodView", "RequestHandler", "HTTPEndpoint", "WebSocketEndpoint", "HTTPMethodView", "Resource",
             "web.View")
    families = (
        ViewFamily("Flask MethodView", "flask-view", ("flask.views.MethodView", "quart.views.MethodView"),
                   frozenset(HTTP_VERBS)),
        ViewFamily("Flask View", "flask-view", ("flask.views.View", "quart.views.View"),
                   frozenset({"dispatch_request"})),
        ViewFamily("Flask-RESTful Resource", "flask-restful-resource",
                   ("flask_restful.Resource", "flask_restx.Resource"), frozenset(HTTP_VERBS)),
        ViewFamily("aiohttp class-based view", "aiohttp-view", ("aiohttp.web.View", "aiohttp.web_urldispatcher.View"),
                   frozenset(HTTP_VERBS)),
        ViewFamily("Tornado handler", "tornado-handler", ("tornado.web.RequestHandler",), frozenset(HTTP_VERBS)),
        ViewFamily("Tornado websocket handler", "tornado-handler", ("tornado.websocket.WebSocketHandler",),
                   frozenset({"open", "on_message"})),
        ViewFamily("Starlette endpoint", "starlette-endpoint", ("starlette.endpoints.HTTPEndpoint",),
                   frozenset(HTTP_VERBS)),
        ViewFamily("Starlette websocket endpoint", "starlette-endpoint", ("starlette.endpoints.WebSocketEndpoint",),
                   frozenset({"on_connect", "on_receive"})),
        ViewFamily("Sanic view", "sanic-view", ("sanic.views.HTTPMethodView",), frozenset(HTTP_VERBS)),
    )


RECOGNIZERS = [WebViewClasses()]
