"""Schedules that call the project's own routes: the entry key ``url:<VERB> <url>``.

A Render cron job running ``curl -X POST $APP_URL/run-digest``, a Vercel ``crons`` path, an App
Engine ``cron.yaml`` URL or a Cloud Scheduler HTTP target runs what the route at that path runs
(label policy 6). The key is matched against the route table of HTTP hops (``http_hops``: routers
named through imports, full paths from mounts, parameters match any segment); where no declared
route matches, a path served by a file (Vercel's ``api/digest.py`` answers ``/api/digest``) runs
that file's request handlers (``do_GET`` for a GET).

A route a schedule calls is still a route people may call: its handler's code becomes ``mixed``
(policy 6). A route that only exists for the schedule says so in its path (``/tasks/summary``,
``/api/cron/digest``, ``/jobs/refresh``: ``CRON_WORDS``) or its handler's name (``cron_digest``):
its own route trigger is then weak (it counts only where no schedule reaches).

A Cloud Function the repository deploys (``gcloud functions deploy NAME --entry-point E``: the
entry key ``cloudfn:NAME``, ``catalog/sources/gcloud.py``) is called by the repository's own code
when a request's URL is ``https://REGION-PROJECT.cloudfunctions.net/NAME``: an ``http`` edge from
the requesting function to ``E`` (policy 6: the hop carries its caller's class). Such a function is
the repository's internal service, so its HTTP trigger is weak: it takes its callers' class, and
stays real-time only where no caller is reached. A deploy line cannot say whether people also call
the URL (``--allow-unauthenticated`` is the default for internal hops too); a front-end or another
repository calling it is not seen.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Dict, Iterable, List, Optional, Set, Tuple

from llm_latency_lint.catalog.service_hosts import deployed_function, function_root
from llm_latency_lint.catalog.sources.gcloud import FUNCTION_KEY, PING_SOURCE
from llm_latency_lint.files.testpaths import is_test_path
from llm_latency_lint.model import Trigger
from llm_latency_lint.project.edges import Edge
from llm_latency_lint.project.graph import Project
from llm_latency_lint.project.http_hops import FullRoute, HttpHops, segments, split_url

URL = "url:"
CRON_WORDS = frozenset({"cron", "crons", "cronjob", "cronjobs", "task", "tasks", "job", "jobs", "scheduled",
                        "schedule", "scheduler", "schedules"})
_WORD = re.compile(r"[a-z]+")


def _cron_route(route: FullRoute, handler: str) -> bool:
    """Does the path or the handler's name say the route is there for a scheduler?"""
    words = {w for part in route.segments for w in _WORD.findall(part.lower())}
    name = handler.rsplit(".", 1)[-1].lower()
    return bool(words & CRON_WORDS) or "cron" in name or name.startswith("scheduled")


class RouteEntries:
    """The routes ``url:`` keys name, and the route triggers of cron-only routes made weak."""

    def __init__(self, project: Project, triggers: Iterable[Trigger]) -> None:
        self.p = project
        triggers = list(triggers)
        self.deployed = self._deployed(triggers)
        self.hops = self._function_hops()
        self.internal: Set[str] = {edge.dst for edges in self.hops.values() for edge in edges}
        named = [(t.kind, str(t.target[1])) for t in triggers if t.target and t.target[0] == "entry"
                 and str(t.target[1]).startswith(URL)]
        self._hops: Optional[HttpHops] = HttpHops(project.symbols, project.resolve_function) if named else None
        self._routes: List[FullRoute] = self._hops.routes() if self._hops else []
        self._found: Dict[str, List[Tuple[str, FullRoute]]] = {}
        # routes a schedule (or a command a schedule may run) names; not a push workflow's smoke test
        # a deployed function a schedule requests by URL: its own HTTP trigger is that schedule's way in
        # (a keep-warm ping to its root is no such way in: people may call it too)
        pings = {key for kind, key in named} - {str(t.target[1]) for t in triggers if t.source != PING_SOURCE
                                                 and t.target}
        self.internal |= {h for kind, key in named if kind in ("scheduled", "entry")
                          for h, host, _, _ in self._called_functions(key[len(URL):])
                          if not (key in pings and function_root(host, key.partition(" ")[2]))}
        self.cron_handlers: Set[str] = {h for kind, key in named if kind in ("scheduled", "entry")
                                        for h, route in self._resolve(key[len(URL):]) if _cron_route(route, h)}

    def entries(self, value: str) -> List[Tuple[Trigger, str]]:
        """Entry points for ``url:<VERB> <url>``: the entry point of the deployed function its URL
        names (a Cloud Scheduler job's ``--uri``), else the handler of the route it names."""
        out: List[Tuple[Trigger, str]] = []
        for handler, host, name, trigger in self._called_functions(value):
            function, facts = self.p.functions[handler]
            note = f"{host} is the Cloud Function '{name}': {trigger.note}"
            out.append((Trigger(kind="entry", source="cloud-function-url", target=["name", handler],
                                line=function.line, note=note), facts.path))
        if out:
            return out
        for handler, route in self._resolve(value):
            name = handler.rsplit(".", 1)[-1].split("@", 1)[0]
            where = f" ({route.where})" if route.where else ""
            note = f"{value.split(' ', 1)[0]} {route.path} is the project's own route {name}{where}"
            out.append((Trigger(kind="entry", source="http-route", target=["name", handler], line=route.line,
                                note=note), route.file))
        return out

    def seen(self, trigger: Trigger) -> Trigger:
        """``trigger``, made weak when it is the route trigger of a route only a schedule calls, or
        of a deployed function the repository's own code calls."""
        if not (self.cron_handlers or self.internal) or trigger.kind != "real-time" or trigger.weak \
                or not trigger.target or trigger.target[0] == "entry":
            return trigger
        targets = set(self.p.resolve_function(trigger.target))
        if targets and targets <= self.internal:
            note = f"{trigger.note} (a function the repository deploys and calls itself or schedules: it takes its callers' class)"
            return dataclasses.replace(trigger, weak=True, note=note)
        if not targets or not targets <= self.cron_handlers:
            return trigger
        note = f"{trigger.note} (a route for a schedule: its path or name says so)"
        return dataclasses.replace(trigger, weak=True, note=note)

    def with_hops(self, edges: Dict[str, List[Edge]]) -> Dict[str, List[Edge]]:
        """``edges`` and the requests to deployed functions (a new dict; ``edges`` is the project's)."""
        if not self.hops:
            return edges
        out = dict(edges)
        for src, found in self.hops.items():
            out[src] = list(out.get(src, [])) + found
        return out

    def _called_functions(self, value: str) -> List[Tuple[str, str, str, Trigger]]:
        """(entry point, host, name, deploy line) of the deployed function ``<VERB> <url>`` requests."""
        split = split_url(value.partition(" ")[2])
        name = deployed_function(split[0], split[1], self.deployed) if split and self.deployed else None
        return [(handler, split[0], name, trigger) for handler, trigger in self.deployed.get(name, ())] \
            if split and name else []

    def _deployed(self, triggers: List[Trigger]) -> Dict[str, List[Tuple[str, Trigger]]]:
        """Cloud Functions the repository deploys (``cloudfn:NAME``) -> their entry points and deploy lines."""
        deployed: Dict[str, List[Tuple[str, Trigger]]] = {}
        for trigger in triggers:
            key = trigger.entry_key or ""
            if trigger.kind == "entry" and key.startswith(FUNCTION_KEY) and trigger.target:
                where = str(trigger.target[1]).rsplit(".", 1)[0].replace(".", "/") + ".py"  # DIR/main.py
                for handler in self.p.resolve_function(trigger.target):
                    if handler not in self.p.functions or self.p.functions[handler][1].path != where:
                        continue  # only the entry point in the deployed folder, never one resolved by name
                    deployed.setdefault(key[len(FUNCTION_KEY):], []).append((handler, trigger))
        return deployed

    def _function_hops(self) -> Dict[str, List[Edge]]:
        """Requests from the repository's code to the URL of a Cloud Function it deploys."""
        hops: Dict[str, List[Edge]] = {}
        for facts in self.p.files if self.deployed else ():
            if is_test_path(facts.path):
                continue
            for request in facts.requests:
                split = split_url(request.url)
                name = deployed_function(split[0], split[1], self.deployed) if split else None
                for handler, trigger in self.deployed.get(name or "", ()):
                    src = request.function.rsplit(".", 1)[-1]
                    note = f"{src} {request.method}s to the Cloud Function '{name}': {trigger.note}"
                    hops.setdefault(request.function, []).append(
                        Edge(request.function, handler, "http", facts.path, request.line, note=note))
        return hops

    def _resolve(self, value: str) -> List[Tuple[str, FullRoute]]:
        if value in self._found:
            return self._found[value]
        method, _, url = value.partition(" ")
        found: List[Tuple[str, FullRoute]] = []
        match = self._hops.match(method, url, self._routes) if self._hops else None
        if match is not None:
            found.append(match)
        else:
            found.extend(self._file_handlers(method, url))
        self._found[value] = found
        return found

    def _file_handlers(self, method: str, url: str) -> List[Tuple[str, FullRoute]]:
        """A path a file serves: ``/api/digest`` -> ``api/digest.py`` (or ``api/digest/index.py``):
        its request handlers (``do_<VERB>`` of an ``http.server`` handler class when it has them)."""
        split = split_url(url)
        parts = segments(split[1]) if split else ()
        if not parts or parts[0] != "api":
            return []
        tails = ("/".join(parts) + ".py", "/".join(parts) + "/index.py")
        found: List[Tuple[str, FullRoute]] = []
        for facts in self.p.files:
            if not any(facts.path == t or facts.path.endswith("/" + t) for t in tails):
                continue
            handlers = [(q, t.line) for t in facts.triggers if t.kind == "real-time" and t.target
                        and t.target[0] != "entry" for q in self.p.resolve_function(t.target)]
            verb = [(q, line) for q, line in handlers if q.endswith(f".do_{method}")]
            for handler, line in verb or [(q, line) for q, line in handlers if ".do_" not in q]:
                found.append((handler, FullRoute((method,), parts, ["name", handler], "/" + "/".join(parts),
                                                 f"{facts.path} serves it", facts.path, line)))
        return found
