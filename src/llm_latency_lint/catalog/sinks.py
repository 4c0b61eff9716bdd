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
    "django.core.mail.mail_managers": "email",
    "aiosmtplib.send": "email",
    "aiosmtplib.SMTP": "email",
    "resend.Emails.send": "email",
    "postmarker.core.PostmarkClient": "email",
    "mailchimp_transactional.Client": "email",
    "slack_sdk.AsyncWebClient": "slack",
    "slack_sdk.web.async_client.AsyncWebClient": "slack",
    "slack_sdk.webhook.async_client.AsyncWebhookClient": "slack",
    "discord.SyncWebhook": "discord",
    "discord.Webhook": "discord",
    "telegram.Bot": "telegram",
    "twilio.rest.Client": "sms",
    "firebase_admin.messaging.send": "push",
    "firebase_admin.messaging.send_each": "push",
    "firebase_admin.messaging.send_multicast": "push",
    "exponent_server_sdk.PushClient": "push",
    "apprise.Apprise": "notification",
    "pdpyras.EventsAPISession": "paging",
    "pagerduty.EventsApiV2Client": "paging",
    "opsgenie_sdk.AlertApi": "paging",
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
    "files_upload": "slack",
    "chat_scheduleMessage": "slack",
    "chat_update": "slack",
    "send_bulk_templated_email": "email",
    "send_bulk_email": "email",
    "send_mass_mail": "email",
    "email_user": "email",  # Django's User.email_user
}

URL_MARKERS: Tuple[Tuple[str, str], ...] = (
    ("hooks.slack.com", "slack"),
    ("discord.com/api/webhooks", "discord"),
    ("discordapp.com/api/webhooks", "discord"),
    ("webhook.office.com", "teams"),
    ("outlook.office.com/webhook", "teams"),
    ("api.sendgrid.com", "email"),
    ("api.mailgun.net", "email"),
    ("api.postmarkapp.com", "email"),
    ("api.resend.com", "email"),
    ("api.telegram.org", "telegram"),
    ("chat.googleapis.com", "google-chat"),
    ("api.twilio.com", "sms"),
    ("api.pushover.net", "notification"),
    ("ntfy.sh/", "notification"),
    ("events.pagerduty.com", "paging"),
    ("api.opsgenie.com", "paging"),
)

# Kinds someone waits for at once (on-call pages, texts): a batch that holds them back for hours
# changes what the code means, so the batch fix is refused where they follow the call.
TIME_CRITICAL = frozenset({"sms", "paging"})


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
