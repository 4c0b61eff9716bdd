"""Look-alikes that are not LLM calls, next to one real call, in scheduled code."""
import logging
from unittest.mock import MagicMock

import anthropic
import requests
from django.db import models
from twilio.rest import Client

log = logging.getLogger(__name__)


class Reminder(models.Model):
    body = models.TextField()


def nightly_reminders(numbers):  # llm-latency: scheduled
    claude = anthropic.Anthropic()
    text = claude.messages.create(model="claude-haiku-4-5", max_tokens=100, messages=[])  # expect: anthropic messages.create scheduled LLM001
    client = Client("ACxxxx", "token")
    for number in numbers:
        client.messages.create(to=number, from_="+15550100", body=text.content[0].text)  # expect: none
    Reminder.objects.create(body=text.content[0].text)  # expect: none
    log.info("called client.messages.create for %d numbers", len(numbers))  # expect: none
    # client.chat.completions.create(model="gpt-4o") is what we used to call here
    return "openai.chat.completions.create"


def nightly_webhook(payload):  # llm-latency: scheduled
    client = requests.Session()
    client.post("https://hooks.example.com/llm", json={"op": "chat.completions.create"})  # expect: none
    return client


def nightly_dry_run(prompt):  # llm-latency: scheduled
    client = MagicMock()
    client.messages.create(model="claude-haiku-4-5", messages=[{"role": "user", "content": prompt}])  # expect: none
    client.chat.completions.create(model="gpt-4o-mini", messages=[])  # expect: none
    return client
