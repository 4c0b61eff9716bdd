"""The pure part of ``fix_rate.py``: fix outcomes -> modes and refusal categories, matched to labels, tallied.

Kept apart from the runner (which copies checkouts and starts processes) so it is tested on its own.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from corpus import Label

FIXED_CLASSES = ("scheduled", "near-real-time")
FIX_RULES = ("LLM001", "LLM002", "LLM003", "LLM004")
NEAR = 2  # a label matches an outcome on its line, else the nearest within this many lines (as corpus.py)


@dataclass(frozen=True)
class Outcome:
    path: str
    line: int
    code: str
    status: str  # applied | skipped
    reason: str


@dataclass
class SiteResult:
    repo: str
    path: str
    line: int
    label_class: str
    status: str  # fixed | refused | no fix offered
    detail: str  # the mode, the refusal category, or the class the tool gave
    code: str = ""
    reason: str = ""  # the tool's own words

    def where(self) -> str:
        return f"{self.repo} {self.path}:{self.line}"


def mode_of(outcome: Outcome) -> str:
    """The fix mode an applied outcome names: its ``[mode: ...]`` refined by the description's wording."""
    reason, code = outcome.reason, outcome.code
    if code == "LLM004":
        return "whole response instead of an unread stream"
    if code == "LLM003":
        return "list-input embeddings"
    mode = re.search(r"\[mode: ([\w-]+);", reason)
    strategy = mode.group(1) if mode else ""
    if strategy == "batch":
        if reason.startswith("batch at the caller's loop"):
            return "batch at the caller's loop"
        if "one-request" in reason:
            return "batch of one"
        return "batch at the loop"
    if strategy == "flex":
        return "flex (Gemini)" if "Gemini" in reason else "flex (OpenAI)"
    if strategy == "background":
        window = re.search(r"with the (\w+) completion window", reason)
        return f"background window {window.group(1)}" if window else "background window"
    return f"other ({code})"


# First match wins: (category, pattern on the refusal's leading reason).
_CATEGORIES: Tuple[Tuple[str, str], ...] = (
    ("fixer error", r"^internal"),
    ("time-critical side effect", r"^time-critical"),
    ("client's base_url is not OpenAI's", r"^the client's base_url is"),
    ("GitHub Actions schedule (6 h job limit)", r"GitHub Actions workflow run on its `schedule:`"),
    ("retry / fallback loop", r"retry/fallback loop"),
    ("per-item path the fix cannot restructure", r"one batch per item|called once per item|runs inside another loop|"
                                                 r"reaches the call through another function|loop is in another module"),
    ("loop stops early (break/return/yield)", r"^`(break|return|yield)` inside the loop"),
    ("results feed the next request", r"feeds one result into the next"),
    ("loop body changes what the requests read", r"the loop body (changes|consumes)|the request reads|"
                                                 r"assigns to an attribute|arguments the loop passes call code"),
    ("per-call try/except", r"inside `try`"),
    ("streaming call", r"the call streams|stream=True|not read by a `for` loop"),
    ("model not documented for flex/background", r"flex-models|background-models|not known to support"),
    ("raw HTTP request", r"^raw HTTP request"),
    ("module-level client", r"^module-level"),
    ("client is a parameter", r"client is a parameter"),
    ("caller function shape", r"does work before the call|does not end in `return|returns from more than one|"
                              r"is decorated|takes no parameters|takes `\*args`|is not `name = <call>`|"
                              r"not a module-level `def`|calls itself|does not match the function's parameters|"
                              r"leaves `.*` to its default|bound to `.*`, a parameter"),
    ("async shape", r"async"),
    ("while / conditional / comprehension", r"while|conditional expression|short-circuit|comprehension|lambda"),
    ("model or provider not a literal", r"not a (string )?literal|no `model=`|provider is not known|"
                                        r"no provider prefix|Router picks"),
    ("Azure batch deployment missing", r"needs a batch deployment"),
    ("argument shape", r"positional arguments|`\*args`|\*\*kwargs|arguments: the request's fields|has no place in a batch"),
    ("raw-response wrapper", r"raw response"),
    ("call already sets a tier or store", r"already sets|sets store"),
    ("no rewrite for this client", r"is not (an OpenAI|a google-genai|a [\w ]+) client|has no batch API|"
                                   r"SDK refuses batches|beta\.messages|no batch rewrite for \S+ calls"),
    ("no saving (same price)", r"costs the same"),
    ("own timeout too short for flex", r"sets timeout=.* flex request may take"),
    ("not in a loop the fix rewrites", r"not in a `for` loop|nothing to combine"),
    ("generated file", r"^generated file"),
    ("name clash", r"already binds"),
)


def leading_reason(reason: str) -> str:
    """The first strategy's reason, without the fallbacks tried after it."""
    return reason.split(" (also tried: ", 1)[0]


def refusal_category(reason: str) -> str:
    lead = leading_reason(reason)
    missing = re.match(r"no ([\w-]+) rewrite for (\S+) (\S+) yet", lead)
    if missing:  # the fixer does not exist: say for which provider and operation
        strategy, provider, operation = missing.groups()
        return f"no {strategy} rewrite for {provider} {operation}"
    for category, pattern in _CATEGORIES:
        if re.search(pattern, lead):
            return category
    return "other: " + " ".join(re.sub(r"`[^`]*`|'[^']*'|\d+", "_", lead).split()[:6])


def _rank(o: Outcome) -> Tuple[int, int]:
    """Which outcome speaks for a site: applied before skipped, the latency rules before the others."""
    return (o.status != "applied", 0 if o.code in ("LLM001", "LLM002") else 1)


def _nearest(label: Label, keys: Sequence[Tuple[str, int]], taken: Mapping[Tuple[str, int], object]) -> Optional[Tuple[str, int]]:
    key = (label.path, label.line)
    if key in keys and key not in taken:
        return key
    near = [k for k in keys if k[0] == label.path and abs(k[1] - label.line) <= NEAR and k not in taken]
    return min(near, key=lambda k: abs(k[1] - label.line)) if near else None


def _by_site(outcomes: Sequence[Outcome]) -> Dict[Tuple[str, int], List[Outcome]]:
    found: Dict[Tuple[str, int], List[Outcome]] = {}
    for o in outcomes:
        if o.code in FIX_RULES:
            found.setdefault((o.path, o.line), []).append(o)
    return found


def _assign(labels: Sequence[Label], outcomes: Sequence[Outcome]) -> Dict[Tuple[str, int], Label]:
    """Outcome site -> the label it belongs to (every label, whatever its class), as corpus.py matches."""
    keys = list(_by_site(outcomes))
    taken: Dict[Tuple[str, int], Label] = {}
    for label in labels:
        key = _nearest(label, keys, taken)
        if key is not None:
            taken[key] = label
    return taken


def match_sites(repo: str, labels: Sequence[Label], outcomes: Sequence[Outcome],
                classes: Mapping[Tuple[str, int], str]) -> List[SiteResult]:
    """One result per label of a class the fixes are for; ``classes``: the tool's class per reported site."""
    sites = _by_site(outcomes)
    owner = {id(label): key for key, label in _assign(labels, outcomes).items()}
    results = []
    for label in labels:
        if label.latency_class not in FIXED_CLASSES:
            continue
        key = owner.get(id(label))
        if key is None:
            near = [c for (p, line), c in classes.items() if p == label.path and abs(line - label.line) <= NEAR]
            detail = f"tool says {near[0]}" if near else "tool reports no site"
            results.append(SiteResult(repo, label.path, label.line, label.latency_class, "no fix offered", detail))
            continue
        best = min(sites[key], key=_rank)
        if best.status == "applied":
            results.append(SiteResult(repo, label.path, label.line, label.latency_class, "fixed", mode_of(best),
                                      best.code, best.reason))
        else:
            results.append(SiteResult(repo, label.path, label.line, label.latency_class, "refused",
                                      refusal_category(best.reason), best.code, best.reason))
    return results


@dataclass
class OutsideFix:
    """A fix applied at no scheduled / near-real-time label."""

    where: str  # labelled <class> (the label it matched), or unlabelled
    path: str
    line: int
    code: str
    mode: str
    reason: str


def outside_labels(labels: Sequence[Label], outcomes: Sequence[Outcome]) -> List[OutsideFix]:
    assigned = _assign(labels, outcomes)
    found = []
    for key, group in sorted(_by_site(outcomes).items()):
        label = assigned.get(key)
        if label is not None and label.latency_class in FIXED_CLASSES:
            continue
        where = f"labelled {label.latency_class}" if label is not None else "unlabelled"
        found += [OutsideFix(where, o.path, o.line, o.code, mode_of(o), o.reason) for o in group if o.status == "applied"]
    return found


@dataclass
class Tally:
    sites: Counter  # (label class, status) -> n
    modes: Counter  # (label class, mode) -> n
    refusals: Counter  # (label class, category) -> n
    unfixed: Counter  # (label class, what the tool said) -> n
    outside: Counter  # (labelled <class> | unlabelled, mode) -> n


def tally(sites: Sequence[SiteResult], outside: Sequence[OutsideFix]) -> Tally:
    t = Tally(Counter(), Counter(), Counter(), Counter(), Counter())
    for s in sites:
        t.sites[(s.label_class, s.status)] += 1
        bucket = {"fixed": t.modes, "refused": t.refusals, "no fix offered": t.unfixed}[s.status]
        bucket[(s.label_class, s.detail)] += 1
    for o in outside:
        t.outside[(o.where, o.mode)] += 1
    return t


def _block(title: str, counts: Counter) -> List[str]:
    rows = sorted({k[1] for k in counts}, key=lambda d: (-sum(counts[(c, d)] for c in FIXED_CLASSES), d))
    lines = [f"| {title} | scheduled | near-real-time |", "|---|---:|---:|"]
    lines += [f"| {d} | {counts[('scheduled', d)]} | {counts[('near-real-time', d)]} |" for d in rows]
    return lines


def _site_tables(t: Tally) -> List[str]:
    lines = ["| labelled sites | scheduled | near-real-time |", "|---|---:|---:|"]
    for status in ("fixed", "refused", "no fix offered"):
        lines.append(f"| {status} | {t.sites[('scheduled', status)]} | {t.sites[('near-real-time', status)]} |")
    lines.append(f"| total | {sum(t.sites[('scheduled', s)] for s in ('fixed', 'refused', 'no fix offered'))} | "
                 f"{sum(t.sites[('near-real-time', s)] for s in ('fixed', 'refused', 'no fix offered'))} |")
    lines += ["", *_block("fixed, by mode", t.modes), "", *_block("refused, by reason", t.refusals), "",
              *_block("no fix offered: the tool's class", t.unfixed), ""]
    return lines


def render_table(sites_per_repo: Sequence[Sequence[SiteResult]], outside_per_repo: Sequence[Sequence[OutsideFix]],
                 files: Sequence[Mapping[str, object]], sites: bool = True,
                 skipped: Sequence[Mapping[str, int]] = ()) -> str:
    """The Markdown tables of the note: sites by outcome, mode and reason (``sites``); fixes outside
    the labels; every refusal in the repositories (``skipped``: category -> count per repository);
    file checks."""
    t = tally([s for group in sites_per_repo for s in group], [o for group in outside_per_repo for o in group])
    lines = _site_tables(t) if sites else []
    every: Counter = sum((Counter(c) for c in skipped), Counter())
    if every:
        lines += ["| every refusal in the repositories (labelled or not), by reason | count |", "|---|---:|"]
        lines += [f"| {reason} | {n} |" for reason, n in sorted(every.items(), key=lambda i: (-i[1], i[0]))] + [""]
    lines += ["| fixes applied outside the scheduled / near-real-time labels | mode | count |", "|---|---|---:|"]
    lines += [f"| {where} | {mode} | {n} |" for (where, mode), n in sorted(t.outside.items(), key=lambda i: (i[0][0], -i[1]))]
    checked = [f for r in files for f in r["files"]]  # type: ignore[attr-defined]
    py = [f for f in checked if f[1] is not None]
    lines += ["", "| changed files | count |", "|---|---:|",
              f"| repositories with a change | {sum(1 for r in files if r['files'])} |",
              f"| files changed or created | {len(checked)} |",
              f"| do not compile | {sum(1 for f in py if not f[1])} |",
              f"| with new ruff F/I errors | {sum(1 for f in py if f[2])} ({sum(f[2] for f in py)} errors) |",
              f"| with new mypy errors | {sum(1 for f in py if f[3])} ({sum(f[3] for f in py)} errors) |",
              f"| mypy could not check | {sum(1 for f in py if f[4])} |",
              f"| repositories not idempotent | {sum(1 for r in files if r['idempotent'] is False)} |",
              f"| repositories that failed to run | {sum(1 for r in files if r['error'])} |"]
    return "\n".join(lines)
