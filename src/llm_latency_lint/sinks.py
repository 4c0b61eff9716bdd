"""Where an LLM result goes when nobody reads it at once: mail, chat posts, notifications.

Matched on the qualified callee, on a distinctive method name, or on a webhook URL literal.
"""
from __future__ import annotations

from typing import Dict, Optional, Tuple

FUNCTIONS: Dict[str, str] = {
    "django.core.mail.send_mail": "email",
    "django.core.mail.send_mass_mail": "email",
    "django.core.mail.mail_admins": "email",
    "django.core.mail.EmailMessage": "email",
    "django.core.mail.EmailMultiAlternatives": "email",
    "smtplib.SMTP": "email",
    "smtplib.SMTP_SSL": "email",
    "sendgrid.SendGridAPIClient": "email",
    "sendgrid.helpers.mail.Mail": "email",
    "flask_mail.Message": "email",
    "yagmail.SMTP": "email",
    "slack_sdk.WebClient": "slack",
    "slack_sdk.webhook.WebhookClient": "slack",
    "slack.WebClient": "slack",
    "discord_webhook.DiscordWebhook": "discord",
    "pymsteams.connectorcard": "teams",
}

METHODS: Dict[str, str] = {
    "sendmail": "email",
    "send_message": "email",
    "send_email": "email",
    "send_raw_email": "email",
    "send_templated_email": "email",
    "chat_postMessage": "slack",
    "chat_postEphemeral": "slack",
    "files_upload_v2": "slack",
}

URL_MARKERS: Tuple[Tuple[str, str], ...] = (
    ("hooks.slack.com", "slack"),
    ("discord.com/api/webhooks", "discord"),
    ("discordapp.com/api/webhooks", "discord"),
    ("webhook.office.com", "teams"),
    ("outlook.office.com/webhook", "teams"),
)


def sink_kind(callee: Optional[str], method: str, string_args: Tuple[str, ...]) -> Optional[str]:
    if callee:
        for name, kind in FUNCTIONS.items():
            if callee == name or callee.startswith(name + "."):
                return kind
    if method in METHODS:
        return METHODS[method]
    for value in string_args:
        for marker, kind in URL_MARKERS:
            if marker in value:
                return kind
    return None
