"""LLM100: a ``# noqa: LLM...`` comment that suppresses nothing (like Ruff's RUF100).

Not a call-site rule: ``check`` never fires on a site. The engine records which noqa codes
suppressed a finding, then ``noqa_hygiene`` reports the rest. It lives in a separate "hygiene"
range (LLM1xx) so it can be selected or ignored apart from the latency rules.
"""
from __future__ import annotations

from typing import Optional

from llm_latency_lint.rules.base import Example, Rule, RuleDoc

_SCHEDULED = '''\
from openai import OpenAI

client = OpenAI()

def nightly_summary():  # llm-latency: scheduled
'''
_HANDLER = '''\
from fastapi import FastAPI
from openai import OpenAI

app = FastAPI()
client = OpenAI()

@app.post("/chat")
def chat(message: str):
'''


class UnusedNoqa(Rule):
    code = "LLM100"
    name = "unused-noqa"
    summary = "`# noqa: LLM...` that suppresses no finding on its line"
    doc = RuleDoc(
        what=(
            "Finds `# noqa` comments naming llm-latency-lint codes (`LLM001`, or a prefix such as "
            "`LLM`) where no finding of those codes exists on that line, and codes that are not "
            "rules at all. Codes of other tools (`E501`, `BLE001`) and a bare `# noqa` are left "
            "alone; a code whose rules are not enabled for the file is not judged."
        ),
        why=(
            "A suppression outlives the reason for it: the call moved to the batch API, or the "
            "job became a request handler. The stale comment then silently hides the next real "
            "finding on that line, which may be a call paying twice the price it needs to."
        ),
        example='''\
def chat(message: str):  # a request handler: LLM001 cannot apply here
    return client.chat.completions.create(model="gpt-4o-mini", messages=[])  # noqa: LLM001
''',
        use_instead='''\
def chat(message: str):
    return client.chat.completions.create(model="gpt-4o-mini", messages=[])
''',
        fix_safety=(
            "Safe. The fix removes only the unused codes from the comment (the whole comment when "
            "nothing else is left in it); the code's behaviour does not change, so `check --fix` "
            "applies it. `--add-noqa` never writes a code this rule would report."
        ),
        options="Select or ignore it like any rule: `ignore = [\"LLM100\"]`, or `per-file-ignores`.",
    )
    VALID = [
        Example(
            {"jobs.py": _SCHEDULED + "    return client.chat.completions.create(model='gpt-4o-mini', messages=[])  # noqa: LLM001\n"},
            "the noqa suppresses a real LLM001",
        ),
        Example(
            {"app.py": _HANDLER + "    return client.chat.completions.create(model='gpt-4o-mini', messages=[])  # noqa: E501\n"},
            "another tool's code is not judged",
        ),
    ]
    INVALID = [
        Example(
            {"app.py": _HANDLER + "    return client.chat.completions.create(model='gpt-4o-mini', messages=[])  # noqa: LLM001  # error: LLM100\n"},
            "a request handler has no LLM001 to suppress",
        ),
        Example(
            {"jobs.py": _SCHEDULED + "    return client.chat.completions.create(model='gpt-4o-mini', messages=[])  # noqa: LLM001, LLM999  # error: LLM100\n"},
            "LLM999 is not a rule (LLM001 is used and stays)",
        ),
    ]

    def check(self, site) -> Optional[str]:
        return None  # reported from the noqa comments, see noqa_hygiene
