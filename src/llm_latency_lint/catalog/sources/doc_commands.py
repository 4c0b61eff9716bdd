"""Scheduler commands in a doc's code blocks (``docs.py``): what a deployment guide runs once to
put a job on a schedule.

- ``gcloud scheduler jobs create http ... --uri .../jobs/JOB:run``: the Cloud Run job's command
  (``gcloud.py``, as in a shell script);
- ``schtasks /create /sc daily /st 09:00 /tr "python C:\\bot\\main.py"``: Windows Task Scheduler
  runs ``/tr`` (``ONSTART`` / ``ONLOGON`` / ``ONIDLE`` / ``ONCE`` are no schedule); ``/mo``,
  ``/d``, ``/m`` and ``/st`` are put in words only when valid (``/mo FIRST /d SUN``: "monthly
  first Sun"), else the task is scheduled without words;
- ``aws events put-rule --name R --schedule-expression "rate(1 day)"`` with ``aws events
  put-targets --rule R --targets ...:function:F``, or ``aws scheduler create-schedule
  --schedule-expression ... --target '{"Arn": "...:function:F"}'``: the handler ``mod.func`` the
  doc gives ``F`` (``aws lambda create-function --function-name F --handler mod.func``);
- a code block the prose just before it introduces as a Heroku Scheduler job ("Add this job in
  Heroku Scheduler (every 10 minutes):", the add-on keeps its jobs in the dashboard, not in a
  file): each command in it, with the frequency the prose names (``every 10 minutes``, ``hourly``,
  ``daily``), else none;
- a hosted cron job's settings the doc lists (Render, Railway, Heroku and other dashboards keep
  them outside the repository): a line naming its command in inline code (``Set command:
  `python ./run_daily.py` ``) and, within a few lines, one naming its schedule as a cron
  expression (``Set schedule: `0 0 * * *` ``);
- a Lambda function set up by hand in the console (``console_triggers``): an EventBridge schedule
  expression in a step's inline code (`` `rate(1 day)` ``, `` `cron(0 1 * * ? *)` ``) a few lines
  after a line naming EventBridge / CloudWatch Events, in a doc about Lambda that names exactly one
  Python file (`` `lambda_function.py` ``, the code to upload): that file's ``lambda_handler`` (the
  console's default handler name) runs on the schedule. Weak evidence (a console click-path, not a
  rule in the repository): IaC or another trigger reaching the handler wins;
- a launchd property list shown whole (``<plist>`` with ``ProgramArguments`` and
  ``StartCalendarInterval`` / ``StartInterval``), to copy to ``~/Library/LaunchAgents``: read as
  ``launchd.py`` reads a ``.plist`` file, its lines those of the doc.
"""
from __future__ import annotations

import re
import shlex
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from llm_latency_lint.catalog.apify_actors import ACTOR_ID, actor_key
from llm_latency_lint.catalog.sources import gcloud, launchd
from llm_latency_lint.catalog.sources._entries import schedule_triggers
from llm_latency_lint.model import Trigger

Line = Tuple[int, str]
# Scheduler commands unmistakable enough to read from a prose line of their own (a tutorial pasting
# ``gcloud scheduler jobs create http ...`` outside any code block): the command is the whole line.
PROSE_COMMAND = re.compile(r"^\s*(?:\$\s+)?(?:gcloud\s+scheduler\s+jobs\s+create|aws\s+events\s+put-rule|"
                           r"aws\s+scheduler\s+create-schedule|schtasks(?:\.exe)?\s+/create)\s", re.IGNORECASE)
_FUNCTION_ARN = re.compile(r":function:([\w-]+)")
_CRON_FIELD = re.compile(r"^[\d*/,\-]+$")
_NAME_FIELD = re.compile(r"^[A-Za-z]{3}(?:[-,][A-Za-z]{3})*$")


def plausible(expr: str) -> bool:
    """Cron fields, not five words of prose."""
    if expr.startswith("@"):
        return True
    fields = expr.split()
    return (len(fields) == 5 and all(_CRON_FIELD.match(f) for f in fields[:3])
            and all(_CRON_FIELD.match(f) or _NAME_FIELD.match(f) for f in fields[3:]))


def scheduler_triggers(relpath: str, lines: List[Line]) -> List[Trigger]:
    found: List[Trigger] = list(gcloud.scheduler_triggers(relpath, lines)) + gcloud.function_triggers(relpath, lines)
    for number, line in lines:
        if re.search(r"\bschtasks(?:\.exe)?\s+/create\b", line, re.IGNORECASE):
            found.extend(_schtasks(relpath, number, line))
    found.extend(_aws(relpath, lines))
    return found


def plist_triggers(relpath: str, blocks: List[List[Line]]) -> List[Trigger]:
    """Schedules of the launchd jobs a doc shows whole (a daemon shown in a doc is no entry point)."""
    found: List[Trigger] = []
    for lines in blocks:
        text = "\n".join(line for _, line in lines)
        if not lines or "<plist" not in text or "ProgramArguments" not in text:
            continue
        try:
            jobs = launchd.parse(relpath, text[text.index("<?xml") if "<?xml" in text else text.index("<plist"):])
        except Exception:  # plistlib's errors (ExpatError, ValueError...): a sketch, not a job
            continue
        offset = lines[0][0] - 1 + text[: text.find("<?xml") if "<?xml" in text else text.index("<plist")].count("\n")
        for job in jobs:
            if job.kind != "entry":
                job.line += offset
                job.note = job.note.replace(f"({relpath})", f"({relpath} documents it)")
                found.append(job)
    return found


_DASHBOARD = re.compile(r"heroku\s+scheduler|scheduler\s+add-?on", re.IGNORECASE)
_FREQUENCY = re.compile(r"every\s+(10)\s+min|\b(hourly|every\s+hour)\b|\b(daily|every\s+day)\b", re.IGNORECASE)


def dashboard_triggers(relpath: str, blocks: List[Tuple[str, List[Line]]]) -> List[Trigger]:
    """Commands a doc introduces as Heroku Scheduler jobs."""
    from llm_latency_lint.catalog.schedule_words import interval

    found: List[Trigger] = []
    for before, lines in blocks:
        if not _DASHBOARD.search(before):
            continue
        every = _FREQUENCY.search(before)
        seconds = None if every is None else 600 if every.group(1) else 3600 if every.group(2) else 86400
        for number, line in lines:
            command = line.strip().lstrip("$ ").strip()
            if command and not command.startswith(("#", "heroku ")):
                found.extend(schedule_triggers("scheduled", "docs", command, number,
                                               f"{relpath} documents a Heroku Scheduler job",
                                               interval(seconds) if seconds else None))
    return found


_SETTING_SCHEDULE = re.compile(r"\b(?:schedule|cron(?:\s*expression)?)\b", re.IGNORECASE)
# What a hosted scheduler's job runs, by the setting naming it (catalog data): a command line, its
# entry keys (``None``); or a deployed thing by the name it is deployed under, the key the graph
# matches to the entry point deploying it (``user/name`` of an Apify actor: a schedule's ``actorId``).
_SETTING_TARGETS: Tuple[Tuple["re.Pattern[str]", Optional[Callable[[str], str]]], ...] = (
    (re.compile(r"\b(?:start\s+)?command\b", re.IGNORECASE), None),
    (re.compile(r"\bactor(?:\s*id)?\b", re.IGNORECASE), actor_key),
)
# ``Schedule: 0 2 * * *`` in a block, also as JSON or YAML (``"cronExpression": "0 * * * *",``)
_BLOCK_SETTING = re.compile(r"^[-*\s\"']*([A-Za-z][\w ]{0,30}?)[\"']?\s*[:=]\s*[\"']?(\S.*?)[\"']?,?\s*$")
_REMARK = re.compile(r"\s+\([^()]*\)\s*$")  # ``0 2 * * *  (2 AM daily)``
SETTINGS_WINDOW = 4  # lines between a job's command and its schedule


def settings_triggers(relpath: str, spans: List[Line], lines: List[str],
                      blocks: Sequence[Sequence[Line]] = ()) -> List[Trigger]:
    """A hosted cron job's settings the doc lists: a cron expression in the inline code of a line
    naming a schedule, and the one target nearest it (inline code of a line naming a command, or
    an Apify actor by its id: ``_SETTING_TARGETS``; no other target between them: a web service's
    or worker's start command listed beside the cron job's is not scheduled). The same settings
    shown as lines of a code block count too (``block_settings``: ``Cron Expression: */15 * * * *``
    / ``Command: python manage.py x``, an API call's JSON ``"cronExpression"`` / ``"actorId"``)."""
    from llm_latency_lint.catalog.schedule_words import describe_cron

    def prose(number: int) -> str:
        return lines[number - 1] if 0 < number <= len(lines) else ""

    settings = [(n, prose(n), span.strip()) for n, span in spans] + block_settings(blocks)
    schedules = [(n, value) for n, label, value in settings if _SETTING_SCHEDULE.search(label) and plausible(value)]
    targets = [(n, value, keys) for n, label, value in settings for keys in [_target_keys(label, value)] if keys is not None]
    found: List[Trigger] = []
    for at, expr in schedules:
        near = sorted((abs(n - at), n > at, n, value, keys) for n, value, keys in targets if abs(n - at) <= SETTINGS_WINDOW)
        if not near:
            continue
        _, _, number, command, keys = near[0]
        if any(min(number, at) < n < max(number, at) for n, _, _ in targets):
            continue
        found.extend(schedule_triggers("scheduled", "docs", command, number,
                                       f"{relpath} documents a cron job's settings: schedule '{expr}'",
                                       describe_cron(expr), keys=keys or None))
    return found


# A console set-up of a scheduled Lambda (``console_triggers``).
AWS_SCHEDULE = re.compile(r"^\s*(?:rate\(\s*\d+\s+(?:minute|hour|day)s?\s*\)|cron\((?:\s*\S+){6}\s*\))\s*$", re.IGNORECASE)
_EVENTBRIDGE = re.compile(r"EventBridge|CloudWatch\s+Events", re.IGNORECASE)
_PY_FILE = re.compile(r"(?:^|/)([A-Za-z_]\w*)\.py$")
CONSOLE_WINDOW = 8  # lines from the EventBridge step to the schedule expression
CONSOLE_HANDLER = "lambda_handler"  # the handler name the Lambda console gives a new Python function


def console_triggers(relpath: str, spans: List[Line], lines: List[str]) -> List[Trigger]:
    """The schedule of a Lambda function a doc has the reader create in the console (see the module
    docstring): weak, on ``<file>.lambda_handler`` of the one Python file the doc names."""
    from llm_latency_lint.catalog.schedule_words import aws_schedule_words

    if not any("lambda" in line.lower() for line in lines):
        return []
    files = {m.group(1) for _, span in spans for m in [_PY_FILE.search(span.strip())] if m}
    if len(files) != 1:
        return []
    stem = files.pop()
    bridges = [n for n, line in enumerate(lines, start=1) if _EVENTBRIDGE.search(line)]
    for number, span in spans:
        if AWS_SCHEDULE.match(span) and any(0 <= number - n <= CONSOLE_WINDOW for n in bridges):
            expr = span.strip()
            note = (f"{relpath} documents an EventBridge schedule '{expr}' set up in the Lambda console for "
                    f"{stem}.py (the console's default handler {CONSOLE_HANDLER})")
            return [Trigger("scheduled", "docs", ["str", f"{stem}.{CONSOLE_HANDLER}"], number, note,
                            schedule=aws_schedule_words(expr), weak=True)]
    return []


def _target_keys(label: str, value: str) -> Optional[List[str]]:
    """What a setting labelled ``label`` runs: ``[]`` for a command line (its entry keys, read
    later), the deployed thing's key, or ``None`` when it names no target."""
    for pattern, key in _SETTING_TARGETS:
        if not pattern.search(label):
            continue
        if key is None:
            return [] if " " in value and not plausible(value) else None
        return [key(value)] if ACTOR_ID.match(value) else None
    return None


def block_settings(blocks: Sequence[Sequence[Line]]) -> List[Tuple[int, str, str]]:
    """(line, label, value) of the settings a code block lists: ``Schedule: 0 2 * * *``, ``Cron:
    */15 * * * *``, ``Command: bash run-cron.sh runbites``, ``"actorId": "user/name",``; a bare cron
    expression, alone or with a remark in parentheses (``*/5 * * * *  (Every 5 minutes)``), is the
    block's schedule. A crontab line (expression and command) is no setting: ``docs._crontab`` reads it."""
    found: List[Tuple[int, str, str]] = []
    for block in blocks:
        for number, raw in block:
            line = raw.strip()
            labelled = _BLOCK_SETTING.match(line)
            label = _words(labelled.group(1)) if labelled else ""
            if labelled and (_SETTING_SCHEDULE.fullmatch(label) or any(p.fullmatch(label) for p, _ in _SETTING_TARGETS)):
                found.append((number, label, _REMARK.sub("", labelled.group(2)).strip()))
                continue
            bare = _REMARK.sub("", line).strip()
            if (len(bare.split()) == 5 or re.fullmatch(r"@\w+", bare)) and plausible(bare):
                found.append((number, "schedule", bare))
    return found


def _words(label: str) -> str:
    """``cronExpression`` / ``cron_expression`` / ``Cron Expression`` -> ``cron expression``."""
    return " ".join(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", label).replace("_", " ").lower().split())


def options(line: str) -> Dict[str, str]:
    """``--name value`` / ``--name=value`` / ``/name value`` pairs of a command line, lower-case names."""
    try:
        words = shlex.split(line.replace("\\", "/"), comments=False)
    except ValueError:
        words = line.split()
    found: Dict[str, str] = {}
    for index, word in enumerate(words):
        if not word.startswith(("--", "/")) or "/" in word[1:] and not word.startswith("--"):
            continue
        name, _, value = word.partition("=")
        if not value and index + 1 < len(words):
            value = words[index + 1]
        found.setdefault(name.lower(), value)
    return found


def _schtasks(relpath: str, number: int, line: str) -> List[Trigger]:
    given = options(line)
    kind, command = given.get("/sc", "").lower(), given.get("/tr")
    if not command or kind not in _SCHTASKS_MODIFIERS:
        return []
    what = f"{relpath} documents a Windows scheduled task (schtasks /sc {kind})"
    return schedule_triggers("scheduled", "docs", command, number, what, _schtasks_words(kind, given))


# The ``/mo`` range of each ``/sc`` kind (Microsoft's schtasks reference).
_SCHTASKS_MODIFIERS = {"minute": 1439, "hourly": 23, "daily": 365, "weekly": 52, "monthly": 12}
_WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_WHICH_WEEK = ("first", "second", "third", "fourth", "last")


def _schtasks_words(kind: str, given: Dict[str, str]) -> Optional[str]:
    """The task's schedule in words; None (a scheduled task, no description) when an option is out
    of range or not understood, rather than words that misstate it."""
    from llm_latency_lint.catalog.schedule_words import (
        MONTHS,
        describe_fields,
        interval,
    )

    modifier = given.get("/mo", "1").strip().lower() or "1"
    start = _start_time(given.get("/st", "00:00"))
    if start is None:
        return None
    hour, minute = start
    if kind == "monthly" and modifier in _WHICH_WEEK + ("lastday",):
        return _monthly_by_week(modifier, given, f"{hour:02d}:{minute:02d}", MONTHS)
    if not modifier.isdigit() or not 1 <= int(modifier) <= _SCHTASKS_MODIFIERS[kind]:
        return None
    every = int(modifier)
    if kind == "minute":
        return interval(60 * every)
    if kind == "hourly":
        return interval(3600 * every)
    if kind == "daily":
        return describe_fields([minute, hour, "*", "*", "*"]) if every == 1 else f"every {every} days"
    if kind == "weekly":
        days = _names(given.get("/d", "mon"), _WEEKDAYS)
        words = describe_fields([minute, hour, "*", "*", days]) if days else None
        if words is None or every == 1:
            return words
        return f"every {every} weeks {words[len('weekly '):]}" if words.startswith("weekly ") else f"{words}, every {every} weeks"
    days = _numbers(given.get("/d", "1"), 31)
    months = _names(given.get("/m", "*"), MONTHS) if every == 1 else f"*/{every}"
    words = describe_fields([minute, hour, days, months, "*"]) if days and months else None
    return words or (f"every {every} months" if days and every > 1 else None)


def _monthly_by_week(which: str, given: Dict[str, str], at: str, months: Tuple[str, ...]) -> Optional[str]:
    """``/mo FIRST /d SUN`` (a weekday of a given week) and ``/mo LASTDAY``."""
    if given.get("/m", "*") not in ("*", "") and not _names(given["/m"], months):
        return None
    if which == "lastday":
        return f"monthly last day {at}"
    day = _names(given.get("/d", ""), _WEEKDAYS)
    if not day or "," in day or day == "*":
        return None
    return f"monthly {which} {day.capitalize()} {at}"


def _start_time(text: str) -> Optional[Tuple[int, int]]:
    """``/st HH:MM[:SS]``, 24-hour; None out of range."""
    found = re.match(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$", text.strip())
    if not found or int(found.group(1)) > 23 or int(found.group(2)) > 59:
        return None
    return int(found.group(1)), int(found.group(2))


def _names(text: str, allowed: Tuple[str, ...]) -> Optional[str]:
    """``MON WED`` / ``mon,wed`` / ``*`` as a cron field, or None if a name is not one of ``allowed``."""
    words = [w for w in re.split(r"[\s,]+", text.strip().lower()) if w]
    if words == ["*"]:
        return "*"
    return ",".join(words) if words and all(w in allowed for w in words) else None


def _numbers(text: str, top: int) -> Optional[str]:
    words = [w for w in re.split(r"[\s,]+", text.strip()) if w]
    return ",".join(words) if words and all(w.isdigit() and 1 <= int(w) <= top for w in words) else None


def _aws(relpath: str, lines: List[Line]) -> List[Trigger]:
    """EventBridge rules and schedules that invoke a Lambda function whose handler the doc gives."""
    from llm_latency_lint.catalog.schedule_words import aws_schedule_words

    handlers: Dict[str, str] = {}
    rules: Dict[str, Tuple[int, str]] = {}
    targets: List[Tuple[str, str]] = []  # (rule, function)
    schedules: List[Tuple[int, str, str]] = []  # (line, expression, function)
    invokers: List[Tuple[int, str, str]] = []  # (line, command, function): ``LAMBDA_INVOKERS``
    for number, line in lines:
        if not re.search(r"\baws\s+(?:lambda|events|scheduler)\b", line):
            continue
        given = options(line)
        if re.search(r"\blambda\s+(?:create-function|update-function-configuration)(?![\w-])", line):
            if given.get("--function-name") and given.get("--handler"):
                handlers[given["--function-name"]] = given["--handler"]
        elif (invoker := _LAMBDA_INVOKER.search(line)) and given.get("--function-name"):
            invokers.append((number, invoker.group(1), _function(given["--function-name"])))
        elif re.search(r"\bevents\s+put-rule\b", line) and given.get("--schedule-expression"):
            rules[given.get("--name", "")] = (number, given["--schedule-expression"])
        elif re.search(r"\bevents\s+put-targets\b", line):
            arn = _FUNCTION_ARN.search(line)
            if arn:
                targets.append((given.get("--rule", ""), arn.group(1)))
        elif re.search(r"\bscheduler\s+create-schedule\b", line) and given.get("--schedule-expression"):
            arn = _FUNCTION_ARN.search(line)
            if arn:
                schedules.append((number, given["--schedule-expression"], arn.group(1)))
    for rule, function in targets:
        if rule in rules:
            schedules.append((rules[rule][0], rules[rule][1], function))
    found: List[Trigger] = []
    for number, expr, function in schedules:
        handler = handlers.get(function)
        if handler:
            found.append(Trigger("scheduled", "docs", ["str", handler], number,
                                 f"{relpath} documents an EventBridge schedule '{expr}' for Lambda '{function}' "
                                 f"(handler {handler})", schedule=aws_schedule_words(expr)))
    for number, command, function in invokers:
        handler = handlers.get(function)
        if handler:
            found.append(Trigger(LAMBDA_INVOKERS[command], "docs", ["str", handler], number,
                                 f"{relpath} documents aws lambda {command} for Lambda '{function}' (handler {handler})"))
    return found


# ``aws lambda <command> --function-name F``: what then invokes the function the doc creates.
LAMBDA_INVOKERS = {"create-event-source-mapping": "near-real-time", "create-function-url-config": "real-time"}
_LAMBDA_INVOKER = re.compile(rf"\blambda\s+({'|'.join(LAMBDA_INVOKERS)})\b")


def _function(name: str) -> str:
    """``--function-name`` may be an ARN: its function's name."""
    found = _FUNCTION_ARN.search(name)
    return found.group(1) if found else name
