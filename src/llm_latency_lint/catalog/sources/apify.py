"""Apify actors: ``.actor/actor.json`` names the actor and the Dockerfile its runs start from.

``{"name": "stock-actor", "dockerfile": "../Dockerfile"}``: the entry ``apify:stock-actor`` runs
the image built from that Dockerfile (relative to ``.actor/``; none given: ``.actor/Dockerfile``,
which the graph's path matching reads as the root ``Dockerfile`` when ``.actor/`` has none), whose
``CMD`` the Dockerfile source reads (``catalog/apify_actors.py``). An entry point: what runs it is a
schedule the docs give for the actor, or ``apify call``.
"""
from __future__ import annotations

import json
import posixpath
from typing import List

from llm_latency_lint.catalog.apify_actors import actor_key
from llm_latency_lint.catalog.sources import Source
from llm_latency_lint.catalog.sources._entries import line_of
from llm_latency_lint.model import Trigger


def matches(relpath: str, name: str) -> bool:
    return name == "actor.json" and posixpath.basename(posixpath.dirname(relpath)) == ".actor"


def parse(relpath: str, text: str) -> List[Trigger]:
    data = json.loads(text)
    if not isinstance(data, dict):
        return []
    folder = posixpath.dirname(relpath)
    given, named = data.get("dockerfile"), data.get("name")
    dockerfile = given if isinstance(given, str) else "./Dockerfile"
    image = posixpath.normpath(posixpath.join(folder, dockerfile))
    name = named if isinstance(named, str) else ""
    line = line_of(text, '"dockerfile"', line_of(text, '"name"'))
    return [Trigger(kind="entry", source="apify", target=["entry", f"docker:{image}"], line=line,
                    note=f"Apify actor '{name or relpath}' runs the image built from {image}",
                    entry_key=actor_key(name))]


SOURCE = Source("apify", matches, parse)
