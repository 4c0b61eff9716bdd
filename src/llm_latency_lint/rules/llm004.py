"""LLM004: a streamed response that nobody reads live."""
from __future__ import annotations

from typing import Optional

from llm_latency_lint.model import LatencyClass
from llm_latency_lint.rules.base import Example, Rule, RuleDoc
from llm_latency_lint.rules.messages import is_stream, subject, via

_OFFLINE = (LatencyClass.SCHEDULED.value, LatencyClass.NEAR_REAL_TIME.value)


class NeedlessStream(Rule):
    code = "LLM004"
    name = "needless-stream"
    summary = "stream=True (or a stream helper) where nobody reads the stream live"
    doc = RuleDoc(
        what=(
            "Finds `stream=True`, `.stream(...)`, `generate_content_stream`, "
            "`invoke_model_with_response_stream` and similar in scheduled or background code."
        ),
        why=(
            "Streaming exists to show tokens to a person as they arrive. In a job nobody watches "
            "it only adds event parsing; worse, streamed requests cannot go to the batch API, so "
            "the stream blocks the 50% batch discount."
        ),
        example='''\
def nightly_report():  # llm-latency: scheduled
    text = ""
    for chunk in client.chat.completions.create(model="gpt-4o-mini", messages=m, stream=True):
        text += chunk.choices[0].delta.content or ""
''',
        use_instead='''\
def nightly_report():  # llm-latency: scheduled
    text = ""
    full_response = client.chat.completions.create(model="gpt-4o-mini", messages=m)
    text += full_response.choices[0].message.content or ""
''',
        fix_safety=(
            "Safe (applies with `--fix`): offered only when a `for` loop runs directly over the "
            "streaming call and only adds each chunk's text to one target with `+=` (OpenAI and Groq "
            "chat: `chunk.choices[0].delta.content or \"\"`; OpenAI responses: `event.delta` under "
            "`event.type == \"response.output_text.delta\"`). The whole response's text "
            "(`message.content`, `output_text`) is the same string the chunks add up to, so the "
            "result is unchanged; only the arrival of the first token moves. Calls with `n`, "
            "`tools` or `stream_options`, and loops that do anything else with the chunks, get no "
            "fix, with the reason. The non-streamed call can then take LLM001's batch fix."
        ),
    )
    VALID = [
        Example(
            {
                "chat.py": '''\
from fastapi import FastAPI
from openai import OpenAI

app = FastAPI()
client = OpenAI()

@app.get("/stream")
def stream(q: str):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[], stream=True)
'''
            }
        )
    ]
    INVALID = [
        Example(
            {
                "report.py": '''\
from openai import OpenAI

client = OpenAI()

def nightly_report():  # llm-latency: scheduled
    text = ""
    for chunk in client.chat.completions.create(model="gpt-4o-mini", messages=[], stream=True):  # error: LLM001 LLM004
        text += chunk.choices[0].delta.content or ""
    return text
'''
            }
        )
    ]

    def check(self, site) -> Optional[str]:
        if site.latency_class not in _OFFLINE or not is_stream(site):
            return None
        reach = site.reach_for(site.latency_class)
        return (
            f"{subject(site)} streams its answer but runs from {via(reach)}, where nobody reads "
            "it live; request the whole response (and make it batchable)"
        )
