"""Apify actors: a repository deployed to Apify runs as an actor, by the name it is deployed under.

An actor's run is its Docker image's command (``CMD ["python", "-m", "src.main"]`` on an
``apify/actor-python`` base): the Dockerfile ``.actor/actor.json`` names (``"dockerfile":
"../Dockerfile"``, relative to ``.actor/``; else ``.actor/Dockerfile`` or the root ``Dockerfile``).
The actor is the entry ``apify:<name>`` (``name`` in ``actor.json``; an actor the repository does
not name, only its Dockerfile's base image shows, is ``apify:``). Apify schedules live in its console
and are documented by the actor's deployed id (``user/name``: a schedule's ``actorId``, a console
step ``Actor: user/name``, ``catalog/sources/doc_commands.py``), and ``apify call user/name`` runs it
once. The graph matches the id by its last segment when the repository names its actors
(``apify call apify/website-content-crawler`` runs Apify's crawler, not the repository's
``news-summarizer``); a repository naming none has one actor, whatever id it is deployed under,
except an id under ``apify/``: the store's actors (``project/classify_entries.unique_tail``).
"""
from __future__ import annotations

import re
from typing import List

KIND = "apify"
# Base images of Apify's actor runtimes.
BASE_IMAGES = re.compile(r"^(?:docker\.io/)?apify/actor-", re.IGNORECASE)
ACTOR_ID = re.compile(r"^(?:[\w.-]+[/~])?[\w.-]+$")  # ``user/name``, ``user~name``, ``name``
_CALL_VALUE_OPTS = ("-i", "--input", "-f", "--input-file", "-b", "--build", "-t", "--timeout", "-m", "--memory",
                    "-o", "--output-dataset")


STORE_USER = "apify"  # ``apify/website-content-crawler``: Apify's own actors in its store, never a repository's


def store_actor(actor_id: str) -> bool:
    """Is ``user/name`` one of Apify's store actors (``apify/...``)?"""
    user, slash, _ = actor_id.replace("~", "/").partition("/")
    return bool(slash) and user.lower() == STORE_USER


def actor_key(actor_id: str = "") -> str:
    """``user/name`` (or ``user~name``, the API's form) -> ``apify:user/name``; ``""``: the actor the
    repository deploys without naming it."""
    return f"{KIND}:{actor_id.replace('~', '/').strip('/')}"


def call_keys(args: List[str]) -> List[str]:
    """``apify call [opts] user/name`` / ``apify actors call user/name``: that actor; ``apify call``
    or ``apify run`` with no name runs the actor of the working directory."""
    if args[:1] == ["actors"]:
        args = args[1:]
    if args[:1] not in (["call"], ["run"]):
        return []
    skip = False
    for arg in args[1:]:
        if skip:
            skip = False
        elif arg in _CALL_VALUE_OPTS:
            skip = True
        elif not arg.startswith("-"):
            return [actor_key(arg)] if args[0] == "call" and ACTOR_ID.match(arg) else []
    return [actor_key()]
