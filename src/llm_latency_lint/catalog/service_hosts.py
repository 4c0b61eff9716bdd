"""Hosts that are not the project's own application: what an HTTP hop never links to.

A request reaches the project's own route only on a host the project serves (``localhost``, a
compose service ``llm-api:9001``, ``{parsed_url.netloc}``). A public domain
(``hq.sinajs.cn``, ``api.github.com``) is someone else's API, and so is a host set elsewhere whose
name says which service it is (``{SEARXNG_URL}``): routes of the same path in the project are a
coincidence. Providers' own hosts are in ``providers.http``.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

# Words in the name of a host set elsewhere that name an outside service (case-insensitive).
SERVICE_WORDS = (
    "searx", "serp", "bing", "brave", "tavily", "firecrawl", "jina", "exa_", "google", "notion", "slack",
    "github", "gitlab", "telegram", "discord", "twilio", "whatsapp", "elastic", "qdrant", "weaviate", "chroma",
    "pinecone", "milvus", "supabase", "stripe", "hubspot", "jira", "confluence", "airtable", "sendgrid",
    "mailgun", "webhook", "crawl4ai", "browserless", "unstructured", "tika",
)
# Last labels of names that stay inside a network (``db.internal``, ``api.svc.cluster.local``).
PRIVATE_SUFFIXES = frozenset({"local", "localhost", "internal", "lan", "svc", "cluster", "home", "docker", "test"})
# Hosts of functions a repository deploys and its own code may call (``project/route_entries.py``):
# a file naming one is worth parsing for its requests, like a file naming an SDK.
DEPLOYED_FUNCTION_HOSTS = (".cloudfunctions.net/", ".a.run.app")
_IP = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_TLD = re.compile(r"^[a-z]{2,12}$")
# Hosts that serve a deployed function: Gen1 (and Gen2's alias) ``https://REGION-PROJECT.cloudfunctions.net/NAME``,
# Gen2 and Cloud Run ``https://NAME-HASH-REGION.a.run.app`` / ``https://NAME-HASH.a.run.app`` and the newer
# ``https://NAME-PROJECTNUMBER.REGION.run.app`` (any path).
FUNCTION_HOST, RUN_HOST, LEGACY_RUN_HOST = "cloudfunctions.net", ".run.app", ".a.run.app"
# What follows the service's name in its ``run.app`` label: ``-HASH[-REGIONCODE]`` (``-abc123xyz-uc``) on
# ``.a.run.app``, ``-PROJECTNUMBER`` on ``.REGION.run.app``. A longer service's name (``digest-cleanup-...``
# for ``digest``) has more words than that.
_LEGACY_TAIL = re.compile(r"-[a-z0-9]{4,16}(?:-[a-z]{2})?")
_NUMBERED_TAIL = re.compile(r"-\d{4,}")


def deployed_function(host: str, path: str, names: Iterable[str]) -> Optional[str]:
    """The function of ``names`` (deployed by the repository) a URL's host and path reach: the one
    path segment on a ``cloudfunctions.net`` host, or the service a ``run.app`` host starts with
    (its hash and region, or project number, follow the name, which may hold dashes itself: only
    that shape after it, so ``digest-cleanup-HASH-uc`` is not the function ``digest``)."""
    host = host.lower().split(":", 1)[0]
    parts = [p for p in path.split("/") if p]
    if host.endswith(FUNCTION_HOST):
        return parts[0] if len(parts) == 1 and parts[0] in names else None
    if not host.endswith(RUN_HOST):
        return None
    label = host.split(".", 1)[0]
    tail = _LEGACY_TAIL if host.endswith(LEGACY_RUN_HOST) else _NUMBERED_TAIL
    return max((n for n in names if label == n.lower() or (label.startswith(n.lower() + "-")
                                                           and tail.fullmatch(label[len(n):]))), key=len, default=None)


def function_root(host: str, url: str) -> bool:
    """Does ``url`` (on a deployed function's ``host``) request the function's root: a
    ``cloudfunctions.net`` URL names only the function, a ``run.app`` one has no path?"""
    path = url.split("://", 1)[-1].partition("/")[2].split("?", 1)[0].strip("/")
    return host.lower().split(":", 1)[0].endswith(FUNCTION_HOST) or not path


def outside_host(host: str) -> bool:
    """Is ``host`` (a URL's authority as the file shows it, ``{name}`` for unknown parts) another
    service's: a public domain name, or a host set elsewhere named for an outside service?"""
    lowered = host.lower()
    if "{" in lowered:
        return any(word in lowered for word in SERVICE_WORDS)
    name = lowered.rsplit("@", 1)[-1].split(":", 1)[0]
    if "." not in name or _IP.match(name):
        return False
    return bool(_TLD.match(name.rsplit(".", 1)[-1])) and name.rsplit(".", 1)[-1] not in PRIVATE_SUFFIXES


# Services a scheduled command pings that are never the project's application: dead-man switches,
# uptime monitors, automation hubs, notification relays.
MONITOR_WORDS = (
    "hc-ping", "healthchecks", "cronitor", "uptimerobot", "betteruptime", "betterstack", "deadmanssnitch",
    "cronhub", "sentry", "checkly", "statuscake", "pingdom", "ntfy", "pushover", "ifttt", "zapier",
    "hook.eu", "hook.us", "pipedream", "requestbin", "webhook.site", "api.telegram", "hooks.",
)


def someone_elses(host: str) -> bool:
    """Is ``host`` of a URL a *schedule* calls clearly another service's? Unlike a request in code
    (``outside_host``), a public domain may be the project's own deployment (``app.onrender.com``,
    ``example.com/api/cron``): a schedule calling in from outside is how hosted cron reaches an
    app, so only names of other services and monitors count."""
    lowered = host.lower()
    return any(word in lowered for word in SERVICE_WORDS + MONITOR_WORDS)
