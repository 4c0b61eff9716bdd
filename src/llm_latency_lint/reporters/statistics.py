"""``check --statistics``: how many findings each rule has, instead of the findings themselves."""
from __future__ import annotations

from collections import Counter

from llm_latency_lint.result import Result
from llm_latency_lint.rules import rules_by_code


def render(result: Result) -> str:
    counts = Counter(f.code for f in result.findings)
    rules = rules_by_code()
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = [
        f"{str(n).rjust(width)}\t{code}\t{rules[code].name if code in rules else ''}".rstrip()
        for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    if result.errors:
        lines.append(f"{str(len(result.errors)).rjust(width)}\terror\tfiles that could not be checked")
    return "".join(line + "\n" for line in lines)
