from relay import calls
from relay.celery_app import app


@app.task
def incident_digest():
    return calls.by_sched_helper("incidents")


@app.task
def summarize_ticket(text):
    return calls.by_waited(text)


@app.task
def classify_ticket(text):
    return calls.by_async_result(text)


@app.task
def draft_postmortem(text):
    return calls.by_ui_polled(text)


def triage(text):
    return calls.by_polled_in_request(text)
