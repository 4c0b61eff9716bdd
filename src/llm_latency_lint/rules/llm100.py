"""LLM100: a ``# noqa: LLM...`` comment that suppresses nothing (like Ruff's RUF100).

A file-level rule: ``check`` never fires on a site; ``check_file`` reads the file's noqa
comments after the site rules ran, knowing which codes silenced a finding (the engine records
them). Comments are found in every file read, parsed or not: a file whose last LLM call is gone
is skipped by the prefilter, but its stale noqa comments are still stale. It lives in a separate "hygiene"
range (LLM1xx) so it can be selected or ignored apart from the latency rules.
"""
from __future__ import annotations

from typing import List, Optional, Sequence

from llm_latency_lint.files.edits import Edit, Fix
from llm_latency_lint.result import Finding
from llm_latency_lint.rules.base import Example, FileScope, Rule, RuleDoc
from llm_latency_lint.syntax.lines import source_lines
from llm_latency_lint.syntax.noqa import NoqaComment, comments

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

    file_level = True

    def check(self, site) -> Optional[str]:
        return None  # reported from the file's noqa comments: check_file

    def check_file(self, scope: FileScope) -> List[Finding]:
        found: List[Finding] = []
        lines = source_lines(scope.text, keepends=False)
        for comment in comments(scope.text):
            if any(self.code.startswith(c) for c in comment.codes):
                continue  # "# noqa: LLM100" (or "LLM") silences this very report
            stale, unknown = [], []
            for code in comment.codes:
                if not code.startswith("LLM"):
                    continue  # another tool's code
                rules = [known for known in scope.known if known.startswith(code)]
                if not rules:
                    unknown.append(code)
                elif any(r in scope.active for r in rules) and (scope.path, comment.line, code) not in scope.used:
                    stale.append(code)
            if not stale and not unknown:
                continue
            parts = []
            if stale:
                parts.append(f"{', '.join(stale)} suppress{'es' if len(stale) == 1 else ''} nothing on this line")
            if unknown:
                parts.append(f"{', '.join(unknown)} {'is not a rule code' if len(unknown) == 1 else 'are not rule codes'}")
            message = f"unused noqa: {'; '.join(parts)}; remove {'it' if len(stale + unknown) == 1 else 'them'}"
            fix = _fix(comment, stale + unknown, lines[comment.line - 1], scope.path)
            end = comment.col + 1 + len(comment.text)
            found.append(Finding(self.code, message, scope.path, comment.line, comment.col + 1, comment.line, end, None, fix))
        return found


def _fix(comment: NoqaComment, unused: Sequence[str], line_text: str, path: str) -> Optional[Fix]:
    noqa = comment.noqa
    kept = [c for c in comment.codes if c not in unused]
    if kept and noqa.codes_span is not None:
        start, end = noqa.codes_span
        new = comment.text[:start] + ", ".join(kept) + comment.text[end:]
        edit = Edit(path, comment.line, comment.col + 1, comment.line, comment.col + 1 + len(comment.text), new)
    else:
        rest = comment.text[noqa.end:].strip(" \t-:")
        before = comment.text[: noqa.start].rstrip(" \t#")
        if rest:
            return None  # a reason follows the codes: leave the comment to a person
        if before:
            edit = Edit(path, comment.line, comment.col + 1, comment.line, comment.col + 1 + len(comment.text), before)
        elif comment.alone:
            edit = Edit(path, comment.line, 1, comment.line + 1, 1, "")
        else:
            keep = len(line_text[: comment.col].rstrip())
            edit = Edit(path, comment.line, keep + 1, comment.line, comment.col + 1 + len(comment.text), "")
    return Fix(f"Remove unused noqa code{'s' if len(unused) != 1 else ''} {', '.join(unused)}", "safe", [edit])

