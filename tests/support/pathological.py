"""A generated project that made the demand-driven evaluator exponential (issue 14).

- ``CLASSES`` classes over ``CLASSES // PER_MODULE`` modules, each holding the next classes'
  attribute through ``ASSIGNMENTS`` assignments (``self.x = C{i+1}().x``, ``self.x = C{i+2}().x``, ...): a deep
  attribute chain with several candidates at every level, ending at an OpenAI client;
- a hub attribute assigned ``WRAPPERS`` project wrappers before the client (the first assignment
  is no client: only the union of all assignments finds it);
- mutually recursive functions whose returns lead to the client;
- a plugin base with ``PLUGINS`` subclasses (more than the old cap of 64), one of which calls.

``expected()`` gives the call sites and classes a correct engine reports.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, Tuple

CLASSES = 5000
PER_MODULE = 100
ASSIGNMENTS = 3  # per chain attribute
WRAPPERS = 30
PLUGINS = 120
CREATE = "chat.completions.create(model='m', messages=[])"


def module_of(i: int) -> str:
    return f"deep.m{i // PER_MODULE:03d}"


def _chain_module(k: int) -> str:
    first, last = k * PER_MODULE, min((k + 1) * PER_MODULE, CLASSES)
    lines = ["from openai import OpenAI", ""]
    for name in sorted({module_of(j) for j in range(last, min(last + ASSIGNMENTS, CLASSES))}):
        lines.insert(1, f"import {name}")
    lines.append("")
    for i in range(first, last):
        lines.append(f"class C{i}:")
        lines.append("    def __init__(self):")
        for j in range(i + 1, i + 1 + ASSIGNMENTS):
            if j >= CLASSES:
                lines.append("        self.x = OpenAI()")
                continue
            ref = f"C{j}" if j // PER_MODULE == k else f"{module_of(j)}.C{j}"
            lines.append(f"        self.x = {ref}().x")
        lines.append("")
    return "\n".join(lines) + "\n"


def files() -> Dict[str, str]:
    out: Dict[str, str] = {"deep/__init__.py": ""}
    for k in range((CLASSES + PER_MODULE - 1) // PER_MODULE):
        out[f"deep/m{k:03d}.py"] = _chain_module(k)
    out["deep/jobs.py"] = (
        "from deep.m000 import C0\n\n\n"
        "def nightly():  # llm-latency: scheduled\n"
        f"    return C0().x.{CREATE}\n"
    )
    wrappers = "".join(f"class W{i}:\n    pass\n\n\n" for i in range(WRAPPERS))
    assigns = "".join(f"        self.client = W{i}()\n" for i in range(WRAPPERS))
    out["hub.py"] = (
        "from openai import OpenAI\n\n\n" + wrappers
        + "class Hub:\n    def __init__(self):\n" + assigns + "        self.client = OpenAI()\n\n"
        "    def answer(self):  # llm-latency: real-time\n"
        f"        return self.client.{CREATE}\n"
    )
    out["recursion.py"] = (
        "from openai import OpenAI\n\n\n"
        "def ping(n):\n    return pong(n)\n\n\n"
        "def pong(n):\n    if n:\n        return ping(n - 1)\n    return OpenAI()\n\n\n"
        "def poll():  # llm-latency: near-real-time\n"
        f"    return ping(3).{CREATE}\n"
    )
    plugins = "".join(
        f"class P{i}(Plugin):\n    def run(self):\n        return None\n\n\n" for i in range(PLUGINS - 1)
    )
    out["plugins.py"] = (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
        "class Plugin:\n    def run(self):\n        return None\n\n\n" + plugins
        + f"class Last(Plugin):\n    def run(self):\n        return client.{CREATE}\n\n\n"
        "def run_all(plugins: list[Plugin]):  # llm-latency: scheduled\n"
        "    for plugin in plugins:\n        plugin.run()\n"
    )
    return out


def expected() -> Dict[Tuple[str, int], Tuple[str, str]]:
    hub_line = 3 + 4 * WRAPPERS + 3 + WRAPPERS + 3
    plugin_line = 10 + 5 * (PLUGINS - 1) + 3
    return {
        ("deep/jobs.py", 5): ("chat.completions.create", "scheduled"),
        ("hub.py", hub_line): ("chat.completions.create", "real-time"),
        ("recursion.py", 15): ("chat.completions.create", "near-real-time"),
        ("plugins.py", plugin_line): ("chat.completions.create", "scheduled"),
    }


def write(root: Path) -> None:
    for name, text in files().items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
