"""Cloud schedulers a document names in prose as what fires a deployed function.

A Google Cloud Function subscribed to an event (``@functions_framework.cloud_event``) is fired by
whoever publishes to its topic, which the code does not say: its event trigger is weak. Where the
repository's docs name the function and say a cloud scheduler triggers it (a README section
``## on_trend_update_started`` reading "triggered once a day by Cloud Scheduler"), the scheduler is
who publishes: the function's event is the schedule's (label policy 2 as round 16 and round 18 read
it: prose naming the function, beside the handler's own event subscription). Prose alone, naming
no function that subscribes to an event, stays prose (a Lambda handler with no trigger: round 17's
ayushgodbole17/MailBot).
"""
from __future__ import annotations

import re

from llm_latency_lint.model import Trigger

# The entry a function declares by its name for docs to name it: ``cloud-function:<name>``.
FUNCTION_KEY = "cloud-function:"
# The event source whose trigger a documented scheduler replaces (``triggers/events.py``).
EVENT_SOURCE = "cloud-function-event"
# The source of a documented scheduler's trigger (``sources/doc_sections.py``).
DOC_SOURCE = "documented-scheduler"
# Product names that schedule a function's events (proper nouns: they read the same in any language).
PRODUCTS = re.compile(r"(?<![A-Za-z])Cloud\s+Scheduler(?![A-Za-z])", re.IGNORECASE)  # any script may follow


def function_entry(qualname: str, name: str, line: int, label: str) -> Trigger:
    """The entry ``cloud-function:<name>`` of a function subscribed to a cloud event."""
    return Trigger(kind="entry", source=EVENT_SOURCE, target=["name", qualname], line=line, note=f"{label} {name}",
                   entry_key=f"{FUNCTION_KEY}{name}")
