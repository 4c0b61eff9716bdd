"""A route whose handler checks a signature header is a machine's webhook (round 19's
Qetesh/miniflux-ai: ``POST /api/miniflux-ai`` reading ``X-Miniflux-Signature``), unless the
signature is a chat platform's (``X-Slack-Signature``): that one delivers a person's message."""
from __future__ import annotations

from test_triggers_web_events import one


def test_a_flask_route_checking_a_services_signature_is_a_webhook():
    t = one(
        """
        import hmac
        from flask import Flask, request
        app = Flask(__name__)

        @app.route("/api/miniflux-ai", methods=["POST"])
        def miniflux_ai():
            signature = request.headers.get("X-Miniflux-Signature")
            return hmac.compare_digest(signature, "x")
        """
    )
    assert (t.kind, t.source) == ("near-real-time", "webhook")
    assert "checks the X-Miniflux-Signature signature" in t.note


def test_a_fastapi_header_parameter_names_the_signature():
    t = one(
        """
        from fastapi import FastAPI, Header
        app = FastAPI()

        @app.post("/events")
        def events(x_hub_signature_256: str = Header(None)):
            return {}
        """
    )
    assert (t.kind, t.source) == ("near-real-time", "webhook")


def test_a_chat_platforms_signature_and_a_plain_route_stay_real_time():
    slack = one(
        """
        from flask import Flask, request
        app = Flask(__name__)

        @app.route("/events", methods=["POST"])
        def events():
            return request.headers.get("X-Slack-Signature")
        """
    )
    plain = one(
        """
        from flask import Flask, request
        app = Flask(__name__)

        @app.route("/ask", methods=["POST"])
        def ask():
            return request.json.get("signature")
        """
    )
    assert (slack.kind, plain.kind) == ("real-time", "real-time")
