"""Walk from every trigger to the call sites it reaches and give each site a latency class.

A trigger's kind flows along call edges unchanged; across a queue edge (``.delay()``, ``BackgroundTasks.add_task``)
real-time becomes near-real-time, because whoever made the request no longer waits, unless the same code waits for
the result (``.delay().get()``). A queued function that no trigger reaches is event-triggered: near-real-time.
A function pragma (``# llm-latency: scheduled``) declares that function's class and stops other triggers' walks there.
"""
from __future__ import annotations

import shlex
from collections import deque
from dataclasses import dataclass
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Set, Tuple

from llm_latency_lint.catalog import queues
from llm_latency_lint.catalog.command_lines import LAUNCH, describe_key, entry_keys
from llm_latency_lint.catalog.inline_python import CALL_KEY
from llm_latency_lint.catalog.positional import TEMPLATE, fill, split_run
from llm_latency_lint.model import Expr, LatencyClass, Sink, Trigger
from llm_latency_lint.project import repeats, reruns, trigger_table
from llm_latency_lint.project.classify_entries import (
    DOTTED_KEYS,
    NAMING,
    PATH_KEYS,
    beside_source,
    command_key,
    drop_name_evidence,
    entry_like,
    first_run,
    imported_modules,
    named_methods,
    nearest_root,
    object_commands,
    object_key,
    parses_arguments,
    split_commands,
    split_console,
    unimported_scripts,
    unique_tail,
)
from llm_latency_lint.project.dead_branches import started_functions
from llm_latency_lint.project.fed_queues import FedQueues
from llm_latency_lint.project.graph import Project, ResolvedSite
from llm_latency_lint.project.handler_copies import handler_copies
from llm_latency_lint.project.hops import (
    Link,
    Registration,
    Walked,
    answers_first,
    covers,
    hands_off_launch,
    hands_to_trigger,
    own_loop,
    registrations,
    serving_loops,
    short_name,
    started_alone,
)
from llm_latency_lint.project.member_runs import run_elsewhere, runs_registration
from llm_latency_lint.project.reaches import (
    Chain,
    ClassifiedSite,
    Evidence,
    Reach,
    class_of,
    dedupe,
)
from llm_latency_lint.project.unknown import Explainer
from llm_latency_lint.project.unsent_tasks import never_sent, run_only_by

RT, NRT, SCHED = LatencyClass.REAL_TIME.value, LatencyClass.NEAR_REAL_TIME.value, LatencyClass.SCHEDULED.value
TRIGGER_CLASSES = (RT, NRT, SCHED)
MAX_ENTRY_HOPS = 8


@dataclass
class _Seed:
    trigger: Trigger
    path: str
    targets: List[str]
    cls: str
    chain: Chain
    rest: bool = False  # a serving trigger's walk of its functions outside the loop (``hops.covers``)


_short = short_name


class Classifier:
    def __init__(self, project: Project, extra_triggers: Sequence[Tuple[Trigger, str]] = ()) -> None:
        self.p = project
        table = trigger_table.gather(project, extra_triggers)
        self.routes, self.edges, self.triggers, self.entries, self._dead, self._dead_calls, self._orphaned = (
            table.routes, table.edges, table.triggers, table.entries, table.dead, table.dead_calls, table.orphaned)
        self.pragmas: Dict[str, str] = {q: fn.pragma for q, (fn, _) in project.functions.items() if fn.pragma}
        self._fed = FedQueues(self.entries, project.resolve_function, self.triggers, project.symbols.constant_text)
        self.sinks: Dict[str, List[Sink]] = {}
        for facts in project.files:
            for sink in facts.sinks:
                self.sinks.setdefault(sink.function, []).append(sink)
        self.reach: Dict[str, List[Walked]] = {}
        self._reaches: Dict[str, List[Reach]] = {}  # a site's function -> its reaches, evidence written
        # id(trigger) -> (the trigger, kept alive so its id stays its own; the functions its walks reached)
        self._walked: Dict[int, Tuple[Trigger, Set[str]]] = {}
        self._explainer: Optional[Explainer] = None
        self._registered: Set[Registration] = set()  # callables handed to a trigger where it is declared
        self._idle: Set[str] = set()  # functions whose weak trigger starts nothing (``handler_copies``, ``unsent_tasks``)
        self._run()

    # ---- seeds -------------------------------------------------------------------------
    def _seeds(self) -> List[_Seed]:
        seeds: List[_Seed] = []
        for trigger, path in self.triggers:
            if trigger.kind not in TRIGGER_CLASSES:
                continue
            evidence = Evidence(path, trigger.line, trigger.note, trigger.schedule)
            target = trigger.target
            if target and target[0] == "entry":
                seeds.extend(self._fed.unless_held(trigger, path, self._entry_seeds(trigger, path, str(target[1]), [evidence])))
                continue
            targets = self.p.resolve_function(target)
            if trigger.source in queues.NEEDS_A_STARTER:
                targets = [t for t in targets if t in self._started_by_code()]
            if trigger.source == NAMING:  # nor code only dead branches call (``trigger_table._dead_only``)
                targets = [t for t in targets if self._entry_like(t) and t not in self._orphaned]
            if self._fed.holds(trigger, path, targets):
                continue  # a queue's consumer: the senders the scan finds run it
            chain = [evidence]
            if target and target[0] == "str" and targets and targets == self.p.symbols.resolve_by_name(str(target[1])):
                chain.append(Evidence(path, trigger.line, (
                    f"'{target[1]}' names no task here: {_short(targets[0], self.p)} resolved by name "
                    "(the same module and function name)")))
            seeds.append(_Seed(trigger, path, targets, trigger.kind, chain))
        for qualname, cls in self.pragmas.items():
            if cls in TRIGGER_CLASSES:
                fn, facts = self.p.functions[qualname]
                note = f"pragma '# llm-latency: {cls}' on {_short(qualname, self.p)}"
                pragma = Trigger(kind=cls, source="pragma", target=["name", qualname], line=fn.line, note=note)
                seeds.append(_Seed(pragma, facts.path, [qualname], cls, [Evidence(facts.path, fn.line, note)]))
        return seeds

    def _entry_like(self, qualname: str) -> bool:
        if not hasattr(self, "_named_methods"):
            self._named_methods, self._imported = named_methods(self.p, self.triggers), imported_modules(self.p)
        return entry_like(self.p, qualname, self._started_by_code(), self._named_methods, self._imported)

    def _started_by_code(self) -> set:
        """Functions some project code calls or hands on as a callable (``create_task(loop())``)."""
        if not hasattr(self, "_callees"):
            self._callees = {edge.dst for out in self.edges.values() for edge in out if edge.src != edge.dst}
        return self._callees

    def _entry_seeds(self, trigger: Trigger, path: str, key: str, chain: Chain, seen: Tuple[str, ...] = (), source: str = "",
                     runs: Optional[Set[Tuple[str, str]]] = None) -> List[_Seed]:
        """Follow entry keys to functions: a crontab line runs ``make digest``, whose recipe runs
        ``scripts/digest.py``, whose ``__main__`` is a function. Each hop adds its evidence; a script run
        with the same words is followed once (``first_run``: a wrapper may run itself)."""
        runs = set() if runs is None else runs
        if key in seen or len(seen) > MAX_ENTRY_HOPS or not first_run(runs, key, source):
            return []
        if key.startswith(CALL_KEY):  # ``python -c "from app.jobs import run; run()"``: the function it calls
            return [_Seed(trigger, path, self.p.resolve_function(["str", key[len(CALL_KEY):]]), trigger.kind, chain)]
        seeds: List[_Seed] = []
        script, words = split_console(key)  # ``console:erp phase1 run``: the script, then its subcommand words
        script, argv = split_run(script)  # ``shell:run.sh<TAB>runbites``: the script, then the words it is run with
        for entry, entry_path in self._entries_for(script, source or (path if not seen else "")):
            hop = chain + [Evidence(entry_path, entry.line, entry.note)]
            following = str(entry.target[1]) if entry.target and entry.target[0] == "entry" else None
            if following is not None and following.startswith(TEMPLATE):  # ``python manage.py ${1:-runnews}``
                for filled in entry_keys(fill(following[len(TEMPLATE):], argv)):
                    note = Evidence(entry_path, entry.line, f"run with {shlex.join(argv) if argv else 'no words'}: it runs {describe_key(filled)}")
                    seeds.extend(self._entry_seeds(trigger, path, filled, hop + [note], seen + (key,), entry_path, runs))
                continue
            if following is not None:  # the next hop is named by the file giving this one
                seeds.extend(self._entry_seeds(trigger, path, following, hop, seen + (key,), entry_path, runs))
                continue
            targets = self.p.resolve_function(entry.target)
            command = command_key(lambda k: bool(self._entries_for(k)), entry.target, words)
            if command and (not targets or command != object_key(entry.target)):  # an app object, a subcommand
                seeds.extend(self._entry_seeds(trigger, path, command, hop, seen + (key,), runs=runs))
            else:
                seeds.append(_Seed(trigger, path, targets, trigger.kind, hop))
        return seeds

    def _entries_for(self, key: str, source: str = "") -> List[Tuple[Trigger, str]]:
        """Entry points a runner names; paths match by their longest common tail
        (a crontab names ``/srv/app/scripts/x.py``, the scan sees ``scripts/x.py``)."""
        key = split_run(key)[0]  # a run with words: the script's own entries
        kind, _, value = key.partition(":")
        beside = beside_source(kind, value, source, self.entries)  # a document's or nested copy's own folder first
        if beside or key in self.entries or kind == "url":  # ``url:POST {APP_URL}/run-digest``: the project's route
            return self.entries[beside or key] if beside or key in self.entries else self.routes.entries(value)
        if kind not in PATH_KEYS:
            return []
        sep = "." if kind in DOTTED_KEYS else "/"
        value = value.strip(sep)
        hits = [
            k for k in self.entries
            if k.startswith(kind + ":") and (value.endswith(sep + k[len(kind) + 1:]) or k.endswith(sep + value))
        ]
        best = nearest_root(hits, value, sep) or max(hits, key=len, default=None) or unique_tail(kind, value, self.entries)
        return self.entries[best] if best else []

    # ---- walking -----------------------------------------------------------------------
    def _walk(self, seed: _Seed) -> Dict[str, int]:
        """Walk from ``seed``; returns how many reaches each function got (the walks after the
        strong ones trim only those: the whole table per seed was quadratic on saleor). A queued
        step carries its edge (``Link``); its evidence text is written only for a reach kept."""
        weak = seed.trigger.weak
        # ``local``: still in the process the trigger started (an HTTP hop leaves it)
        queue = deque((t, seed.cls, Link(None, None, seed.chain, (t,)), t, True) for t in seed.targets)
        seen = set()
        added: Dict[str, int] = {}
        walked = self._walked.setdefault(id(seed.trigger), (seed.trigger, set()))[1]
        jobs = self._jobs.walk(seed.cls == SCHED and not weak and seed.trigger.source != NAMING,  # (policy 13)
                               seed.cls == RT and seed.trigger.source != "run-by-hand", seed.trigger.note, seed.targets)
        while queue:
            fn, cls, link, start, local = queue.popleft()
            if (fn, cls, local) in seen or (fn, cls, True) in seen:
                continue  # a visit in the trigger's own process covers one behind an HTTP hop
            first = (fn, cls, not local) not in seen
            seen.add((fn, cls, local))
            if fn not in seed.targets and fn in self._timers and seed.trigger.source != "run-by-hand" or (
                    seed.trigger.source in queues.YIELDING_SOURCES and (fn in self._repeating or fn not in seed.targets
                                                                          and fn in self._scheduled_starts)):
                continue  # a self-timed loop (a repeating decorator) runs on its own schedule whoever starts it
            serving = () if fn in seed.targets or seed.trigger.source in queues.SERVING_SOURCES else self._serving.get(fn, ())
            if fn in self.pragmas and seed.trigger.source != "pragma" or (
                seed.trigger.source == "pragma" and fn in self.pragmas and fn not in seed.targets
            ):
                continue
            if first and not (seed.rest and fn in seed.targets):  # ``covers``: which of its lines it stands for
                self.reach.setdefault(fn, []).append(Walked(cls, link, weak, seed.trigger, start))
                added[fn] = added.get(fn, 0) + 1
                walked.add(fn)
            own = own_loop(seed.trigger, fn, seed.targets)
            for edge in self.edges.get(fn, ()):
                if serving and any(a <= edge.line <= b for a, b in serving):
                    continue  # a bot's polling loop serves its users, whoever starts the function holding it
                if own and (own[0] <= edge.line <= own[1]) == seed.rest:
                    continue  # the code around the loop runs for whoever starts the function
                if edge.kind == "ref" and (hands_to_trigger(edge, self._registered)  # ``.do(job)``: the schedule runs it
                                           or runs_registration(edge, self._run_elsewhere)):  # ``graph.add_node(ask)``: the graph
                    continue
                if jobs.skips(edge, cls == RT):
                    continue  # "run now": the request re-runs the scheduled job (label policy 13)
                next_cls = cls
                if edge.kind == "queue" and cls == RT and not edge.waited and not (
                        edge.handoff and local and seed.trigger.source == "run-by-hand") and not (  # a script's own threads
                        answers_first(seed.trigger.source, edge, link)):
                    next_cls = NRT  # (a chat webhook's first hand-off or queued job makes the reply: the person still waits)
                stays = local and edge.kind != "http"  # a step to a visit ``seen`` holds would be skipped when popped
                if (edge.dst, next_cls, True) not in seen and (edge.dst, next_cls, stays) not in seen:
                    queue.append((edge.dst, next_cls, Link(link, edge), start, stays))
            for entry, entry_path in () if serving else self.entries.get(LAUNCH + fn, ()):  # ``subprocess.run([python, "main.py"])``
                if jobs.skips_launch(entry.source, str(entry.target[1]), cls == RT):
                    continue  # a scheduled job started again by hand (label policy 13)
                hop = link.chain(self.p) + [Evidence(entry_path, entry.line, entry.note)]
                launch_cls = NRT if cls == RT and hands_off_launch(seed.trigger.source, entry, link) else cls  # an async invoke
                for launched in self._entry_seeds(seed.trigger, seed.path, str(entry.target[1]), hop, source=entry_path):
                    queue.extend((t, launch_cls, Link(None, None, launched.chain, link.functions() + (t,)), start, local)
                                 for t in launched.targets)
        return added

    def _run(self) -> None:
        seeds = self._seeds()
        self._registered = registrations((s.cls, s.path, s.trigger.line, s.targets) for s in seeds)
        self._scheduled_starts = {t for s in seeds if s.cls == SCHED for t in s.targets}
        seeds = trigger_table.own_manual_runs(
            seeds, self._scheduled_starts, lambda fn: self.p.functions[fn][1].path if fn in self.p.functions else "")  # a dispatch-only job of its own
        self._timers = {t for s in seeds if s.cls == SCHED and s.trigger.source in queues.SELF_TIMED_SOURCES for t in s.targets}
        self._repeating = {t for s in seeds if s.trigger.source in queues.REPEATING_SOURCES for t in s.targets}
        self._run_elsewhere = run_elsewhere(e for found in self.edges.values() for e in found)  # by their containers' runs
        self._serving = serving_loops((s.trigger, s.targets) for s in seeds)
        self._jobs = reruns.ScheduledJobs([t for s in seeds if s.cls == SCHED and not s.trigger.weak and s.trigger.source != NAMING
                                           for t in s.targets], lambda q: self.p.functions[q][0] if q in self.p.functions else None)
        for seed in sorted([s for s in seeds if not s.trigger.weak], key=lambda s: s.cls != SCHED):  # schedules first (``reruns``)
            self._walk(seed)
        sent = {e.dst for found in self.edges.values() for e in found if e.kind == "queue"}
        started = [(s.trigger, s.targets) for s in seeds]
        self._idle = handler_copies(self.p, started) | never_sent(self.p, started, sent, self.edges)  # weak readings of idle code
        idle_only = run_only_by(self.p, self._idle, self.edges, sent)  # what only idle code runs queues nothing either
        # Queued functions nobody triggers: an event started them.
        for src, edges in self.edges.items():
            if src in self.reach or src in idle_only:
                continue
            for edge in edges:
                if edge.kind != "queue" or edge.handoff or edge.waited:  # started by code nothing runs: no event;
                    continue  # waited for (``execute_workflow``, ``.delay().get()``): whoever runs the caller says
                note = f"{_short(edge.src, self.p)} queues {_short(edge.dst, self.p)} with {edge.note} (event-triggered)"
                event = Trigger(kind=NRT, source="queued-task", target=["name", edge.dst], line=edge.line, note=note)
                self._walk(_Seed(event, edge.path, [edge.dst], NRT, [Evidence(edge.path, edge.line, note)]))
        for trigger, path, targets in self._fed.unfed(self.reach):  # a sender nothing runs: fed from outside too
            self._walk(_Seed(trigger, path, targets, trigger.kind, [Evidence(path, trigger.line, trigger.note)]))
        strong = set(self.reach)
        for seed in [s for s in seeds if s.trigger.weak]:
            if seed.trigger.source in queues.SENDER_ELSEWHERE_SOURCES and sent.issuperset(seed.targets):
                continue  # its sender is in the scan: what runs the sender says who waits
            if seed.targets and self._idle.issuperset(seed.targets):
                continue  # a copy of a deployed Lambda handler, a Celery task nothing sends
            for fn, count in self._walk(seed).items():
                if fn in strong:  # weak evidence only where nothing strong reaches
                    self.reach[fn] = self.reach[fn][: len(self.reach[fn]) - count]
        reached = {fn for fn, found in self.reach.items() if found}
        named = {fn for fn in reached if all(r.trigger.source == NAMING for r in self.reach[fn])}  # names only
        starts = repeats.job_origins((s.path, s.targets) for s in seeds if s.cls == SCHED and s.trigger.source != NAMING)
        calls = repeats.first_calls(self.edges)
        run_blocks = repeats.blocks_something_runs(self.reach, self.triggers, self._entries_for, self.p.resolve_function,
                                                   calls, self._object_commands)
        holds_site = {r.site.function for r in self.p.resolved_sites()}.__contains__
        jobs = repeats.site_starts(starts.keys(), self.reach, holds_site)  # (not ``get_config`` a step also calls)
        for seed in split_commands(self._by_hand_seeds(), self.entries, self.p.resolve_function):
            if not seed.trigger.weak and (reached - named).issuperset(seed.targets):
                continue  # a command-line tool something else runs (each command it offers): that runner says who waits
            self._walk(seed)
            walked = self._walked[id(seed.trigger)][1]  # the functions holding this trigger's reaches
            if not seed.trigger.weak and not walked & jobs:  # (a bot's ``main`` starting its daily loop repeats it)
                shared = walked & reached  # ``repeats`` (policy 1): the command's own walk where others reach (names too)
                entries = repeats.job_entries(run_blocks, seed.targets, starts, self._timers, calls, holds_site) if shared else set()
                again = repeats.repeated(shared, repeats.own_reach(seed.targets, entries, self._steps(seed))) if shared else set()
                drop_name_evidence(self.reach, (walked - again) & named)  # a command line a person runs outranks names
                self._forget(seed, again)  # only through the job's entry: a manual run of the job
                continue  # a command line nothing runs is how a person runs that code: beside a schedule, mixed
            self._forget(seed, walked & reached)  # weakest evidence (a demo ``__main__``) only where nothing else reaches
        self._alone = {t for s in seeds if s.trigger.source in queues.SERVING_SOURCES for t in s.targets if started_alone(self.reach.get(t, []), t)}
        for seed in [s for s in seeds if s.trigger.source in queues.SERVING_SOURCES and set(s.targets) & self._alone]:
            alone = [t for t in seed.targets if t in self._alone]  # the code around the loop: the bot's too
            self._walk(_Seed(seed.trigger, seed.path, alone, seed.cls, seed.chain, rest=True))

    def _object_commands(self, target: Expr) -> List[str]:
        """What an app object a console script names runs (``erp = "erp.cli:app"``: its commands)."""
        if self.p.resolve_function(target) or not object_key(target):
            return []
        return object_commands(self._entries_for, self.p.resolve_function, object_key(target))

    def _forget(self, seed: _Seed, functions: Set[str]) -> None:
        for fn in functions:
            self.reach[fn] = [r for r in self.reach[fn] if r.trigger is not seed.trigger]

    def _steps(self, seed: _Seed) -> Callable[[str], Iterator[str]]:
        """A function's next steps for a command's own walk (``repeats.own_reach``): its edges and the scripts it launches."""
        def steps(fn: str) -> Iterator[str]:
            yield from (e.dst for e in self.edges.get(fn, ()))
            for entry, entry_path in self.entries.get(LAUNCH + fn, ()):
                for launched in self._entry_seeds(seed.trigger, seed.path, str(entry.target[1]), [], source=entry_path):
                    yield from launched.targets
        return steps

    def _by_hand_seeds(self) -> List[_Seed]:
        """An entry point nothing runs is run by a person, who waits: real-time (a CLI beside a schedule: mixed, policy 1)."""
        seeds: List[_Seed] = []
        for trigger, path in self.triggers:
            if trigger.kind != "entry" or trigger.source not in queues.BY_HAND_SOURCES or not trigger.target or trigger.target[0] == "entry":
                continue
            cli = trigger.source in queues.COMMAND_SOURCES or parses_arguments(self.p, path)
            what = "a command-line tool " if cli else ""
            note = f"{trigger.note}; {what}nothing in the repository runs, so a person does (run by hand)"
            hand = Trigger(kind=RT, source="run-by-hand", target=trigger.target, line=trigger.line, note=note,
                           weak=not cli)
            seeds.append(_Seed(hand, path, self.p.resolve_function(trigger.target) or self._object_commands(trigger.target), RT,
                               [Evidence(path, trigger.line, note)]))
        for hand, path in unimported_scripts(self.p):  # module code no module imports: weak
            seeds.append(_Seed(hand, path, [str(hand.target[1])], RT, [Evidence(path, 1, hand.note)]))
        return seeds

    def _started(self) -> Set[str]:
        """Functions some trigger or entry point starts (the backward walk does not stop at them)."""
        return started_functions(self.p, self.triggers, lambda t, q: t.source != NAMING or self._entry_like(q)) - self._idle

    # ---- sites -------------------------------------------------------------------------
    def classify(self, resolved: ResolvedSite) -> ClassifiedSite:
        site = resolved.site
        unreachable = site.unreachable or self._dead.get((resolved.facts.path, site.line, site.col), "")
        reaches = [] if unreachable else self._reaches.get(site.function)
        if reaches is None:
            reaches = self._reaches[site.function] = [w.reach(self.p) for w in self.reach.get(site.function, [])]
        reaches = dedupe([r for r in reaches if covers(r, site.function, site.line, self._serving, self._alone)])
        if site.pragma:
            note = f"pragma '# llm-latency: {site.pragma}' on the call"
            chain = [Evidence(resolved.facts.path, site.line, note)]
            return ClassifiedSite(resolved, site.pragma, chain, [Reach(site.pragma, chain)], pragma=True)
        cls, evidence = class_of(reaches)
        if not cls and unreachable:  # ``facts/unreachable.py``, ``dead_branches.py``: no trigger can reach it
            note = f"never runs: unreachable {unreachable}"
            cls, evidence = LatencyClass.UNKNOWN.value, [Evidence(resolved.facts.path, site.line, note)]
        elif not cls:
            cls, evidence = LatencyClass.UNKNOWN.value, self._explain(resolved)
        deciding = min(
            (r for r in reaches if r.cls in (cls, NRT, SCHED)), key=lambda r: (r.weak, len(r.chain)), default=None
        )
        path = (deciding.functions if deciding else ()) + (site.function,)
        sinks = [sink for fn in dict.fromkeys(path) for sink in self.sinks.get(fn, [])]
        return ClassifiedSite(resolved, cls, evidence, reaches, sinks=sinks)

    def _explain(self, resolved: ResolvedSite) -> Chain:
        """Evidence for an unknown site: where the trail stops, and how to settle it."""
        if self._explainer is None:
            self._explainer = Explainer(self.p, self.edges, self._started(), self._dead_calls)
        steps = self._explainer.explain(resolved.site.function, resolved.facts.path, resolved.site.line)
        return [Evidence(step.path, step.line, step.note) for step in steps]
