"""A synthetic repository shaped like an application that uses LLMs in a corner of it.

Most files are ordinary code (models, utilities, services) importing each other; about 2% call
an LLM SDK, and a few hold what starts them: a Celery beat schedule, a FastAPI router, an
APScheduler job, a management-style ``__main__``. Long helper chains (``chain_<k>_<i>`` calling
the next module's helper) lead from some triggers to the SDK calls, so the project graph has
real depth. Deterministic for a given seed.

    python bench/synth.py OUT_DIR --lines 100000 [--seed 0]
"""
from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path
from typing import List

LINES_PER_FILE = 240
LLM_SHARE = 0.02
CHAIN_LENGTH = 6

PLAIN_FUNC = '''

def {name}(items, limit={n}):
    """Return the first ``limit`` items that pass the filter, normalised."""
    out = []
    for item in items:
        if item is None:
            continue
        value = str(item).strip().lower()
        if len(value) > {n}:
            value = value[:{n}]
        out.append(value)
        if len(out) >= limit:
            break
    return out
'''

PLAIN_CLASS = '''

class {name}:
    """A small record with validation, like a thousand others in any codebase."""

    def __init__(self, key, payload=None):
        self.key = key
        self.payload = dict(payload or {{}})

    def validate(self):
        if not self.key:
            raise ValueError("missing key")
        return {{k: v for k, v in self.payload.items() if v is not None}}

    def merge(self, other):
        merged = {{**self.payload, **other.payload}}
        return {name}(self.key, merged)
'''

LLM_FILE = '''"""LLM helpers for {topic}."""
from openai import OpenAI
import anthropic

client = OpenAI()
claude = anthropic.Anthropic()


def summarize_{i}(text):
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{{"role": "user", "content": text}}])
    return resp.choices[0].message.content


def classify_{i}(text):
    msg = claude.messages.create(model="claude-3-5-haiku-latest", max_tokens=64,
                                 messages=[{{"role": "user", "content": text}}])
    return msg.content[0].text


def embed_{i}(texts):
    return [client.embeddings.create(model="text-embedding-3-small", input=t) for t in texts]
'''

CHAIN_FILE = '''"""Step {step} of a helper chain."""
from {package}.{next_module} import {next_func}


def {func}(payload):
    cleaned = {{k: v for k, v in payload.items() if v}}
    return {next_func}(cleaned)
'''

CHAIN_END = '''"""Last step of a helper chain: the LLM call."""
from {package}.llm.llm_{target} import summarize_{target}


def {func}(payload):
    return summarize_{target}(str(payload))
'''

CELERY = '''"""Celery app and its beat schedule."""
from celery import Celery
from celery.schedules import crontab

app = Celery("{package}")
app.conf.beat_schedule = {{
{entries}}}
'''

TASKS = '''"""Celery tasks."""
from {package}.celery_app import app
{imports}

{tasks}'''

ROUTES = '''"""HTTP API."""
from fastapi import FastAPI
{imports}

api = FastAPI()
{routes}'''


def _plain(rng: random.Random, package: str, index: int, siblings: List[str]) -> str:
    parts = [f'"""Module {index}: ordinary application code."""', "from __future__ import annotations", "",
             "import json", "import logging", "from dataclasses import dataclass"]
    for sibling in rng.sample(siblings, min(3, len(siblings))):
        parts.append(f"from {package}.{sibling} import helper_{sibling.rsplit('_', 1)[-1]}_0")
    parts.append("\nlog = logging.getLogger(__name__)")
    body = "\n".join(parts)
    k = 0
    while body.count("\n") < LINES_PER_FILE:
        if k % 3 == 2:
            body += PLAIN_CLASS.format(name=f"Record{index}x{k}")
        else:
            body += PLAIN_FUNC.format(name=f"helper_{index}_{k}", n=rng.randint(3, 90))
        k += 1
    return body + "\n"


def generate(out: Path, lines: int, seed: int = 0, package: str = "synthapp") -> Path:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    root = out / package
    (root / "core").mkdir(parents=True)
    (root / "llm").mkdir()
    (root / "chains").mkdir()
    for folder in (root, root / "core", root / "llm", root / "chains"):
        (folder / "__init__.py").write_text("", encoding="utf-8")
    (out / "pyproject.toml").write_text(f'[project]\nname = "{package}"\nversion = "0"\n', encoding="utf-8")
    total_files = max(20, lines // LINES_PER_FILE)
    llm_files = max(2, int(total_files * LLM_SHARE))
    chains = max(1, llm_files // 2)
    plain_files = total_files - llm_files - chains * CHAIN_LENGTH - 3
    names = [f"core.mod_{i}" for i in range(max(1, plain_files))]
    for i, name in enumerate(names):
        (root / "core" / f"mod_{i}.py").write_text(_plain(rng, package, i, names[:i] or names), encoding="utf-8")
    for i in range(llm_files):
        (root / "llm" / f"llm_{i}.py").write_text(LLM_FILE.format(topic=f"topic {i}", i=i), encoding="utf-8")
    heads = []
    for c in range(chains):
        for step in range(CHAIN_LENGTH):
            func = f"chain_{c}_{step}"
            path = root / "chains" / f"chain_{c}_{step}.py"
            if step == CHAIN_LENGTH - 1:
                path.write_text(CHAIN_END.format(package=package, func=func, target=c % llm_files), encoding="utf-8")
            else:
                path.write_text(CHAIN_FILE.format(step=step, package=package, func=func, next_module=f"chains.chain_{c}_{step + 1}",
                                                  next_func=f"chain_{c}_{step + 1}"), encoding="utf-8")
        heads.append(f"chain_{c}_0")
    scheduled, routed = heads[::2], heads[1::2] or heads[:1]
    entries = "".join(f'    "job-{h}": {{"task": "{package}.tasks.run_{h}", "schedule": crontab(hour={i % 24}, minute=0)}},\n'
                      for i, h in enumerate(scheduled))
    (root / "celery_app.py").write_text(CELERY.format(package=package, entries=entries), encoding="utf-8")
    imports = "\n".join(f"from {package}.chains.{h} import {h}" for h in scheduled)
    tasks = "\n".join(f"@app.task\ndef run_{h}(payload=None):\n    return {h}(payload or {{}})\n\n" for h in scheduled)
    (root / "tasks.py").write_text(TASKS.format(package=package, imports=imports, tasks=tasks), encoding="utf-8")
    imports = "\n".join(f"from {package}.chains.{h} import {h}" for h in routed)
    routes = "\n".join(f'@api.post("/{h}")\ndef post_{h}(payload: dict):\n    return {h}(payload)\n\n' for h in routed)
    (root / "api.py").write_text(ROUTES.format(package=package, imports=imports, routes=routes), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate(args.out, args.lines, args.seed)
    files = list(args.out.rglob("*.py"))
    print(f"{args.out}: {len(files)} files, {sum(p.read_text().count(chr(10)) for p in files)} lines")


if __name__ == "__main__":
    main()
