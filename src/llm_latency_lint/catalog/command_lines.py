"""What a shell command line runs, as entry-point keys the project graph knows.

``python x.py`` -> ``script:x.py``; ``python -m pkg.mod`` -> ``module:pkg.mod``;
``papermill nb.ipynb out.ipynb`` / ``jupyter nbconvert --execute nb.ipynb`` -> ``script:nb.ipynb``;
``python manage.py send_digest`` / ``django-admin send_digest`` -> ``command:send_digest``;
``make digest`` -> ``make:digest``; ``bash scripts/run.sh`` / ``./run.sh`` -> ``shell:run.sh`` (run with
words, ``bash run.sh runbites`` -> ``shell:run.sh`` + tab + ``runbites``: the script's ``$1``, ``catalog/positional``);
``databricks bundle run job`` -> ``databricks:job`` (the job a Databricks bundle declares);
``apify call user/name`` -> ``apify:user/name`` (an Apify actor, ``catalog/apify_actors``);
``docker compose run worker`` -> ``compose:worker`` (or what follows the service name), ``docker compose -f
jobs.yml up`` -> ``compose-file:jobs.yml`` (its services, ``catalog/compose_commands``);
``uv run erp phase1 run`` / ``.venv/bin/erp`` -> ``console:erp phase1 run`` (a console script,
when a ``[project.scripts]`` or ``setup.cfg`` entry point declares it, and its subcommand words).
``cd dir && ...`` prefixes script paths; ``uv run`` / ``poetry run`` / ``pipenv run``, env
assignments, ``exec``/``nice``/``timeout`` and ``sh -c "..."`` wrappers are seen through. A
command built in a variable and run by name (``CMD="python crawl.py"; CMD="$CMD --dry-run";
$CMD``, ``eval "$CMD"``: CI steps that add optional flags) runs what the variable holds. A program
looked up on the ``PATH`` where the line runs (``$(which python3) main.py``, ``$(command -v
python)``, backquoted too: what a container's entry script writes into a crontab) is that program.
Keys that name another non-Python file (``make:``, ``shell:``, ``compose:``, ``docker:``,
``systemd:``, ``action:``) are entry points that file's source declares in turn.
"""
from __future__ import annotations

import posixpath
import re
import shlex
from typing import Dict, List, Optional

from llm_latency_lint.catalog.apify_actors import call_keys
from llm_latency_lint.catalog.command_urls import (
    CLIENTS,
    code_url_keys,
    plain,
    url_keys,
)
from llm_latency_lint.catalog.compose_commands import COMPOSE_FILE, describe, docker_run
from llm_latency_lint.catalog.flask_commands import flask_keys
from llm_latency_lint.catalog.inline_python import (
    CALL_KEY,
    called_names,
    split_heredocs,
)
from llm_latency_lint.catalog.positional import TEMPLATE, WORDS, run_key
from llm_latency_lint.catalog.worker_commands import celery_keys

# ``launch:<qualname>``: the entry points a function runs when called (``catalog.triggers.script_runners``
# records them, ``project/classify`` walks on); here, beside the other keys, so the graph needs no libcst.
LAUNCH = "launch:"
# The working directory in shell text: ``cd $(pwd) && python3 main.py`` runs beside the script saying it.
HERE = ("$(pwd)/", "$PWD/", "${PWD}/", "`pwd`/", "$(dirname $0)/", '$(dirname "$0")/')

_RUNNERS = (("uv", "run"), ("poetry", "run"), ("pipenv", "run"), ("pdm", "run"), ("hatch", "run"),
            ("rye", "run"), ("pixi", "run"), ("conda", "run"), ("mamba", "run"), ("micromamba", "run"),
            ("dotenv", "run"))
# Options of those runners (and of ``env``-like prefixes) that take a value: ``uv run --with openai
# main.py``, ``conda run -n env python main.py``.
_RUNNER_VALUE_OPTS = ("--with", "--python", "--project", "--directory", "--env-file", "--extra", "--group",
                      "--package", "--with-requirements", "-n", "--name", "-p", "--prefix", "-e", "--environment")
_PYTHON = re.compile(r"^(?:.*/)?python(?:\d(?:\.\d+)?)?(?:\.exe)?$", re.IGNORECASE)
_ENV = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
# An interpreter a wrapper found at run time and keeps in a variable named for it: ``PYTHON_CMD=$(find_python);
# "$PYTHON_CMD" "$SCRIPT_DIR/job.py"``, ``$PYTHON_BIN -m app.job``.
# Only interpreter-like names: ``$PYTHON_SCRIPT``, ``${PYTHONPATH}``, ``$PYTHON_VERSION_CHECK`` hold no interpreter.
_PYTHON_VARIABLE = re.compile(
    r"^\$\{?(?:\w*_)?(?:PY|PYTHON)3?(?:_(?:BIN|CMD|EXE|EXECUTABLE|INTERPRETER))?\}?$", re.IGNORECASE)
_PREFIXES = ("exec", "nice", "timeout", "flock", "time", "nohup", "env", "sudo", "chronic", "xvfb-run",
             "if", "then", "else", "do", "!")  # ``if "$PY" job.py; then``: the command after a shell keyword
_SHELLS = ("sh", "bash", "zsh", "dash", "ash")  # by any path: ``/usr/bin/bash -lc "..."``
_MAKE = ("make", "gmake", "$(MAKE)", "${MAKE}")
_MAKE_VALUE_OPTS = ("-C", "-f", "--directory", "--file", "-j", "-I")
_NOTEBOOK_RUNNERS = ("papermill", "jupyter", "jupyter-nbconvert", "jupyter-execute", "nbconvert", "ipython")
_PYTHON_FLAGS = ("-u", "-O", "-OO", "-B", "-E", "-s", "-S", "-I", "-q")
_DEPTH = 4
_SEPARATORS = ";&|"
_VARIABLE = re.compile(r"\$\{(\w+)\}|\$(\w+)")
# ``$(which python3)``, ``$(command -v python3 || echo python)``, backquoted: a program found on the PATH
_FALLBACK = r"(?:\s*\|\|\s*echo\s+[\w.+/-]+)?"
LOOKUP = re.compile(rf"\$\(\s*(?:which|command\s+-v|type\s+-P)\s+([\w.+-]+){_FALLBACK}\s*\)"
                    rf"|`\s*(?:which|command\s+-v)\s+([\w.+-]+){_FALLBACK}\s*`")


def entry_keys(command: str, cwd: str = "", depth: int = 0) -> List[str]:
    keys: List[str] = []
    if depth > _DEPTH:
        return keys
    if "<<" in command:  # ``python - <<'EOF' ... EOF``: the body is code, not commands
        command, bodies = split_heredocs(command)
        keys.extend(f"{CALL_KEY}{name}" for body in bodies for name in called_names(body))
    variables: Dict[str, str] = {}
    command = LOOKUP.sub(lambda m: m.group(1) or m.group(2), command)  # ``$(which python3)``: python3
    for words in _commands(plain(command)):
        if words and all(_ENV.match(w) for w in words):  # ``CMD="python x.py"``: nothing runs yet
            for word in words:
                name, _, value = word.partition("=")
                variables[name] = _VARIABLE.sub(lambda m: variables.get(m.group(1) or m.group(2), ""), value)
            continue
        words = _run_variable(words, variables)
        words = _strip_prefixes(words)
        if not words:
            continue
        if words[0] == "cd" and len(words) > 1:
            cwd = words[1] if words[1].startswith("/") else _join(cwd, words[1])
            continue
        if words[0] in ("do", "then", "else"):
            words = _strip_prefixes(words[1:])
            if not words:
                continue
        keys.extend(_words_keys(words, cwd, depth))
    return list(dict.fromkeys(keys))


def simple_commands(command: str) -> List[List[str]]:
    """The simple commands of a shell line, wrappers (``sudo``, env assignments, ``exec``) seen
    through: what a reader of other verbs (an image build) looks at."""
    return [w for w in (_strip_prefixes(words) for words in _commands(plain(command))) if w]


def _run_variable(words: List[str], variables: Dict[str, str]) -> List[str]:
    """``$CMD --flag`` / ``eval "$CMD"``: the command the variable holds, then the rest."""
    head = words[1:] if words[:1] == ["eval"] else words
    found = _VARIABLE.fullmatch(head[0]) if head else None
    held = variables.get(found.group(1) or found.group(2)) if found else None
    if held is None:
        return words
    try:
        return shlex.split(held) + head[1:]
    except ValueError:
        return held.split() + head[1:]


def _commands(text: str) -> List[List[str]]:
    """Simple commands of a shell line: split on ``&&``, ``||``, ``;``, ``|`` and newlines,
    quotes respected (``sh -c "cd x && python y.py"`` stays one command)."""
    out: List[List[str]] = []
    for line in text.splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=_SEPARATORS)
        lexer.whitespace_split = True
        try:
            tokens = list(lexer)
        except ValueError:  # an unclosed quote: read it word by word
            tokens = line.split()
        current: List[str] = []
        for token in tokens:
            if token and all(c in _SEPARATORS for c in token):
                out.append(current)
                current = []
            else:
                current.append(token)
        out.append(current)
    return [c for c in out if c]


def _strip_prefixes(words: List[str]) -> List[str]:
    while words and (_ENV.match(words[0]) or words[0] in _PREFIXES or words[0].startswith("-") and words[0] != "-m"):
        words = words[1:]
        if words and words[0].isdigit():
            words = words[1:]
    for runner in _RUNNERS:  # ``uv run x.py``, ``/usr/local/bin/uv run x.py``
        if len(words) >= 2 and (posixpath.basename(words[0]), words[1]) == runner:
            rest = words[2:]
            while rest and rest[0].startswith("-") and rest[0] != "-m":
                rest = rest[2:] if rest[0] in _RUNNER_VALUE_OPTS else rest[1:]
            return ["python", *rest] if rest[:1] == ["-m"] else _strip_prefixes(rest)
    return words


def _words_keys(words: List[str], cwd: str, depth: int) -> List[str]:
    head = words[0]
    if head == "/usr/bin/env":
        words = words[1:]
        if not words:
            return []
        head = words[0]
    if _PYTHON.match(head) or _PYTHON_VARIABLE.match(head):
        return _python_keys(words[1:], cwd)
    if head == "flask" or posixpath.basename(head) == "celery":
        return flask_keys(words[1:]) if head == "flask" else celery_keys(words[1:])
    if posixpath.basename(head) in _SHELLS:
        rest = words[1:]
        if len(rest) >= 2 and rest[0] in ("-c", "-lc", "-ec", "-ce"):
            return entry_keys(rest[1], cwd, depth + 1)
        while rest and rest[0].startswith("-"):  # the shell's own options come before the script
            rest = rest[2:] if rest[0] in ("-o", "+o", "-O", "+O") else rest[1:]
        return [run_key(_shell_key(rest[0], cwd), rest[1:])] if rest else []
    if head in _MAKE:
        return _make_keys(words[1:])
    if head in ("django-admin", "django-admin.py"):
        args = [w for w in words[1:] if not w.startswith("-")]
        return [f"command:{args[0]}"] if args else []
    if posixpath.basename(head) in ("docker", "docker-compose", "podman"):  # also ``/usr/bin/docker``
        run = docker_run([posixpath.basename(head)] + words[1:], cwd)
        return entry_keys(shlex.join(run.command), "", depth + 1) if run.command else run.keys
    if head == "databricks" and words[1:3] == ["bundle", "run"]:
        return _databricks_keys(words[3:])
    if head in _NOTEBOOK_RUNNERS or head.endswith("/papermill"):
        return _notebook_keys(words, cwd)
    if head == "apify":  # ``apify call user/name``: the Apify actor the repository deploys by that name
        return call_keys(words[1:])
    if head in CLIENTS:  # ``curl -X POST $APP_URL/run-digest``: the project's own route, if it has one
        return url_keys(words)
    if head.endswith(".py"):
        return ["script:" + _join(cwd, head)]
    if head.endswith(".sh") or head.startswith("./"):
        return [run_key(_shell_key(head, cwd), words[1:])]
    return _console_keys(head, words[1:])


# Commands that are not a project's console script (``[project.scripts]``): a crontab line or a CI
# step running one of these runs nothing of the project.
_NOT_CONSOLE = frozenset("""
    echo cd curl wget rm cp mv mkdir rmdir cat grep egrep find git pip pip3 pipx npm npx node yarn pnpm bun deno
    source export set unset test true false sleep date tar gzip gunzip zip unzip rsync ssh scp chmod chown kill
    pkill systemctl service crontab exit if fi then do done for while else elif case esac ls touch tee sed awk
    head tail sort uniq wc xargs printf read eval trap wait psql mysql sqlite3 redis-cli aws gcloud gsutil az
    kubectl helm terraform ansible java go cargo ruby php perl uvicorn gunicorn hypercorn daphne celery
    streamlit gradio chainlit pytest tox nox black ruff mypy flake8 isort pre-commit apt apt-get brew yum dnf
    apk su logger mail sendmail cron crond supervisord pm2 ln which whoami hostname env open osascript
    powershell pwsh cmd start call return break continue local declare let shift mktemp basename dirname
    realpath readlink pwd id jq yq sh bash zsh ps top df du free uptime nc ping dig nslookup openssl base64
    md5sum sha256sum gpg alembic prisma dbt airflow prefect dagster modal vercel netlify heroku fly flyctl
    railway render wrangler firebase serverless sam cdk docker podman make uv poetry pipenv pdm hatch rye
    databricks certbot logrotate backup restic borg
    pixi conda mamba micromamba dotenv ipython jupyter papermill nbconvert
""".split())
_CONSOLE_NAME = re.compile(r"^[a-z][a-z0-9_-]*[a-z0-9]$")


_RUNS_PROJECT = re.compile(r"\b(?:uv|poetry|pipenv|pdm|hatch|rye|pixi)\s+run\b|(?:^|/)(?:bin|Scripts)/[\w-]+")


def documented_keys(command: str, cwd: str = "") -> List[str]:
    """Entry keys of a command a doc or a comment shows. A bare name there (``certbot renew``) is
    usually a system tool: it counts as a console script only when run through a project runner
    (``uv run erp``) or from a virtualenv's ``bin/``."""
    keys = entry_keys(command, cwd)
    return keys if _RUNS_PROJECT.search(command) else [k for k in keys if not k.startswith("console:")]


_SUBCOMMAND = re.compile(r"^[A-Za-z][\w-]*$")


def _console_keys(head: str, args: List[str]) -> List[str]:
    """``erp phase1 run --limit 5`` (after ``uv run``) or ``/srv/.venv/bin/erp digest``: the console
    script ``erp`` a ``pyproject.toml`` / ``setup.cfg`` may declare, with the words that may name
    its subcommand (``console:erp phase1 run``: ``project/classify`` picks the longest that names a
    command, else the whole app); a name nothing declares runs nothing here."""
    folder, name = posixpath.split(head)
    if folder and posixpath.basename(folder) not in ("bin", "Scripts"):
        return []
    if not _CONSOLE_NAME.match(name) or name in _NOT_CONSOLE:
        return []
    words: List[str] = []
    for arg in args[:3]:
        if not _SUBCOMMAND.match(arg):
            break
        words.append(arg)
    return [" ".join([f"console:{name}", *words])]


def _python_keys(args: List[str], cwd: str) -> List[str]:
    args = [a for a in args if a not in _PYTHON_FLAGS]
    if not args:
        return []
    if args[0] == "-c" and len(args) > 1:
        return [f"{CALL_KEY}{name}" for name in called_names(args[1])] + code_url_keys(args[1])
    if args[0] == "-m" and len(args) > 1:
        if args[1] in _NOTEBOOK_RUNNERS:
            return _notebook_keys(args[1:], cwd)
        if args[1] in ("celery", "pip", "pytest", "flask", "uvicorn", "gunicorn"):
            return celery_keys(args[2:]) if args[1] == "celery" else []
        return [f"module:{args[1]}"]
    if args[0].startswith("-"):
        return []
    script = args[0]
    if posixpath.basename(script) == "manage.py" and len(args) > 1:
        return [f"command:{args[1]}"]
    return ["script:" + _join(cwd, script)]


def _notebook_keys(words: List[str], cwd: str) -> List[str]:
    """``papermill in.ipynb out.ipynb``, ``jupyter nbconvert --execute x.ipynb``, ``jupyter
    execute x.ipynb``, ``ipython x.ipynb``: the notebook they execute (its cells top to bottom).
    ``nbconvert`` without ``--execute`` only converts, and runs nothing."""
    head, rest = posixpath.basename(words[0]), words[1:]
    if head == "jupyter":
        if not rest or rest[0] not in ("nbconvert", "execute", "run"):
            return []
        head, rest = rest[0], rest[1:]
    if head in ("nbconvert", "jupyter-nbconvert") and "--execute" not in rest:
        return []
    notebooks = [w for w in rest if w.endswith(".ipynb")]
    if head == "papermill":  # the second notebook is where the executed copy goes
        notebooks = notebooks[:1]
    if head == "ipython":
        scripts = [w for w in rest if not w.startswith("-")]
        notebooks = [w for w in scripts[:1] if w.endswith((".ipynb", ".py", ".ipy"))]
    return ["script:" + _join(cwd, n) for n in notebooks]


def _databricks_keys(args: List[str]) -> List[str]:
    """``databricks bundle run [-t prod] nightly_enrich``: the job ``databricks.yml`` declares."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in ("-t", "--target", "--var", "-p", "--profile", "--key"):
            skip = True
        elif arg == "--":
            return []
        elif not arg.startswith("-"):
            return [f"databricks:{arg}"]
    return []


def _make_keys(args: List[str]) -> List[str]:
    targets: List[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg in _MAKE_VALUE_OPTS:
            skip = True
        elif not arg.startswith("-") and "=" not in arg:
            targets.append(f"make:{arg}")
    return targets


def _shell_key(path: str, cwd: str) -> str:
    return "shell:" + _join(cwd, path)


def _join(cwd: str, path: str) -> str:
    if path.startswith("./"):
        path = path[2:]
    return posixpath.normpath(posixpath.join(cwd, path)) if cwd and not path.startswith("/") else posixpath.normpath(path)


def sleep_loop_seconds(command: str) -> Optional[float]:
    """``while true; do ...; sleep 3600; done``: the loop's period in seconds, if it is one."""
    if not re.search(r"\bwhile\s+(?:true|:|\[\s*1\s*\])", command):
        return None
    found = re.search(r"\bsleep\s+(\d+(?:\.\d+)?)([smhd]?)\b", command)
    if not found:
        return None
    unit = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[found.group(2)]
    return float(found.group(1)) * unit


def describe_key(key: str) -> str:
    """``script:scripts/x.py`` -> ``scripts/x.py``; ``make:digest`` -> ``make digest``."""
    kind, _, value = key.partition(":")
    value = value.replace(WORDS, " ")  # ``shell:run.sh<TAB>runbites``: the script and its words
    return {"script": value, "module": f"python -m {value}", "command": f"manage.py {value}", "make": f"make {value}",
            "shell": value, "compose": f"compose service {value}",
            COMPOSE_FILE[:-1]: describe(value), "docker": f"image built from {value}",
            "systemd": value, "action": f"action {value}", "workflow": f"reusable workflow {value}",
            "databricks": f"Databricks job {value}", "call": f"python code calling {value}", "flask": f"flask {value}",
            "console": f"console script {value}", "workflow-done": f"the workflows that run after '{value}' (workflow_run)",
            "url": f"a request {value}", "celery-worker": f"a Celery worker of {value}",
            "image": f"image {value} (its own entry point)",
            "apify": f"Apify actor {value or '(the one this repository deploys)'}",
            "uses": f"the action {value} (this repository's, if it states that address)",
            TEMPLATE[:-1]: f"'{value}' (with the words the script is run with)"}.get(kind, key)


def handler_module(folder: str, handler: str) -> str:
    """A cloud function's handler as a dotted name from the scan root: ``src/api.answer`` in
    ``backend/`` -> ``backend.src.api.answer`` (Lambda in serverless/SAM, Terraform and CDK)."""
    folder = "" if folder in (".", "") else folder
    path = posixpath.normpath(posixpath.join(folder, handler)) if folder else handler
    return path.strip("./").replace("/", ".")
