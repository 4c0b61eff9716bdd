"""An ``http.server`` handler whose file is its request path (Vercel's ``api/zendesk_webhook.py``
answers ``/api/zendesk_webhook``) and names a webhook is a machine's call; a ticket desk's webhook
is no chat (round 20's valeriodipalo/zendesk-classifier: the webhook beside a hand-run CLI, mixed)."""
from __future__ import annotations

from support.scan import project_classes
from test_triggers_web_events import one

from llm_latency_lint.catalog.triggers.http_common import is_chat_webhook

HANDLER = """
from http.server import BaseHTTPRequestHandler

class handler(BaseHTTPRequestHandler):
    def do_POST(self):
        self.send_response(200)
"""


def test_a_handler_in_a_webhook_file_is_near_real_time():
    t = one(HANDLER, path="api/zendesk_webhook.py", module="api.zendesk_webhook")
    assert (t.kind, t.source) == ("near-real-time", "webhook")
    assert "webhook handler.do_POST in api/zendesk_webhook.py" in t.note


def test_a_chat_platforms_webhook_file_and_a_plain_file_stay_real_time():
    chat = one(HANDLER, path="api/telegram_webhook.py", module="api.telegram_webhook")
    plain = one(HANDLER, path="api/classify.py", module="api.classify")
    assert (chat.kind, chat.source) == ("real-time", "chat-webhook")
    assert (plain.kind, plain.source, plain.note) == (
        "real-time", "http-server-handler", "http.server BaseHTTPRequestHandler handler.do_POST")


def test_a_ticket_desk_is_no_chat_platform():
    assert not is_chat_webhook("/zendesk/webhook")
    assert is_chat_webhook("/smooch/webhook") and is_chat_webhook("/intercom/webhook")


def test_the_webhook_beside_a_hand_run_cli_is_mixed(tmp_path):
    files = {
        "app/__init__.py": "",
        "app/classifier.py": """
            from openai import OpenAI
            client = OpenAI()

            def classify(text):
                return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
            """,
        "app/main.py": """
            import argparse
            from app.classifier import classify

            def main():
                parser = argparse.ArgumentParser()
                parser.add_argument("ticket")
                print(classify(parser.parse_args().ticket))

            if __name__ == "__main__":
                main()
            """,
        "api/zendesk_webhook.py": """
            import json
            from http.server import BaseHTTPRequestHandler
            from app.classifier import classify

            class handler(BaseHTTPRequestHandler):
                def do_POST(self):
                    body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                    classify(body["subject"])
                    self.send_response(200)
            """,
    }
    assert project_classes(tmp_path, files) == {("app/classifier.py", 5): "mixed"}


def test_a_handler_class_named_for_a_webhook_is_a_machines_call():
    # the same rule as a view class named ``*Webhook*`` (``http_common.ViewClassRecognizer``)
    text = HANDLER.replace("class handler", "class WebhookHandler")
    hook = one(text, path="server.py", module="server")
    chat = one(text.replace("WebhookHandler", "TelegramWebhookHandler"), path="server.py", module="server")
    assert (hook.kind, hook.source) == ("near-real-time", "webhook")
    assert "webhook WebhookHandler.do_POST in server.py" in hook.note
    assert (chat.kind, chat.source) == ("real-time", "chat-webhook")
