"""In-process loops that wait for the next run (``catalog/triggers/sleep_loops.py``, round 5's
morning-briefing): sleeps computed through locals, loops that check a time of day or a target
time, timed waits on stop events; throttles, timeouts and short polls stay out."""
from __future__ import annotations

from textwrap import dedent
from typing import List

from llm_latency_lint.facts.visitor import extract


def scheduled(text: str) -> List[str]:
    found = extract(dedent(text), "worker/loop.py", "worker.loop").triggers
    return sorted(str(t.target[1]) for t in found if t.source in ("sleep-loop", "script-sleep-loop"))


def test_a_sleep_computed_through_locals_from_the_next_run_time():
    """morning-briefing's entry point: ``sleep(max(1, sleep_for))``, three assignments from ``total_seconds``."""
    assert scheduled("""
        import time
        from datetime import datetime, timedelta

        def main():
            next_run = _next_run_time(6, 0)
            while True:
                now = datetime.now()
                if now >= next_run:
                    run()
                    next_run = _next_run_time(6, 0)
                time_until_run = (next_run - now).total_seconds()
                if time_until_run < 60:
                    sleep_for = 5
                else:
                    sleep_for = min(30, time_until_run - 60)
                time.sleep(max(1, sleep_for))
    """) == ["worker.loop.main"]


def test_croniter_and_schedule_idle_seconds_and_timestamps():
    assert scheduled("""
        import asyncio
        import time
        import schedule
        from croniter import croniter

        def cron_loop():
            itr = croniter("0 7 * * *", time.time())
            while True:
                wait = itr.get_next(float) - time.time()
                time.sleep(wait)
                digest()

        def pending():
            while True:
                schedule.run_pending()
                time.sleep(schedule.idle_seconds())

        async def until(target):
            while True:
                delay = target.timestamp() - time.time()
                await asyncio.sleep(delay)
                digest()
    """) == ["worker.loop.cron_loop", "worker.loop.pending", "worker.loop.until"]


def test_a_loop_checking_a_time_of_day_each_round_with_a_short_sleep():
    assert scheduled("""
        import time
        from datetime import datetime

        def at_eight():
            while True:
                now = datetime.now()
                if now.hour == 8 and now.minute == 0:
                    send_digest()
                time.sleep(30)

        def by_clock_text():
            while True:
                if datetime.now().strftime("%H:%M") == "07:00":
                    send_digest()
                time.sleep(60)

        if __name__ == "__main__":
            while True:
                if time.localtime().tm_hour == 6:
                    send_digest()
                time.sleep(50)
    """) == ["worker.loop.__main__", "worker.loop.at_eight", "worker.loop.by_clock_text"]


def test_throttles_timeouts_and_short_polls_are_no_schedule():
    assert scheduled("""
        import time

        def throttle():
            last = 0
            while True:
                if time.time() - last > 5:
                    refresh()
                    last = time.time()
                time.sleep(0.1)

        def timeout(start):
            while True:
                status = poll()
                if time.time() - start > 600:
                    raise TimeoutError(status)
                time.sleep(5)

        def deadline(next_check):
            while True:
                if time.time() > next_check:
                    break
                time.sleep(1)

        def poll_job():
            while True:
                work()
                time.sleep(2)
    """) == []


def test_timed_waits_on_a_stop_event_are_sleeps():
    assert scheduled("""
        import asyncio
        import threading

        class Refresher:
            def __init__(self):
                self._stop = threading.Event()

            def loop(self):
                while not self._stop.wait(3600):
                    refresh()

            def loop_hours(self):
                while True:
                    refresh()
                    if self._stop.wait(self.interval_hours * 3600):
                        break

            async def aloop(self, shutdown):
                while True:
                    refresh()
                    try:
                        await asyncio.wait_for(shutdown.wait(), timeout=86400)
                    except asyncio.TimeoutError:
                        pass

            def waits_on_a_process(self, proc):
                while True:
                    proc.wait(3600)
                    refresh()
    """) == ["worker.loop.Refresher.aloop", "worker.loop.Refresher.loop", "worker.loop.Refresher.loop_hours"]


def test_a_function_that_re_arms_a_timer_to_run_itself_again():
    assert scheduled("""
        import asyncio
        import threading

        def tick():
            refresh()
            threading.Timer(3600, tick).start()

        class Poller:
            def refresh(self):
                refresh()
                asyncio.get_event_loop().call_later(self.interval_hours * 3600, self.refresh)

        def once():
            threading.Timer(3600, other).start()

        def soon():
            refresh()
            threading.Timer(5, soon).start()
    """) == ["worker.loop.Poller.refresh", "worker.loop.tick"]


def test_a_time_of_day_check_in_a_busy_short_loop_is_a_worker_not_a_schedule():
    """A queue worker with a once-a-day reset runs its work every round; a loop that only reads
    the clock, logs and sleeps briefly outside the check is the schedule; ``.hours`` is no hour."""
    assert scheduled("""
        import datetime, logging, time

        def worker(q):
            while True:
                msg = q.get()
                if datetime.datetime.now().hour == 0:
                    q.queue.clear()
                ask(msg)
                time.sleep(0.1)

        def quiet():
            while True:
                now = datetime.datetime.now()
                logging.debug("tick")
                if now.hour == 7 and now.minute == 0:
                    send_digest()
                time.sleep(1)

        def durations(job):
            while True:
                if job.elapsed.hours > 1:
                    restart(job)
                time.sleep(1)
    """) == ["worker.loop.quiet"]


def test_durations_that_are_constant_expressions():
    """A month as a product of four factors, a module constant bound to arithmetic, an environment
    read whose default is the period: each is the loop's cadence (survey12a)."""
    assert scheduled("""
        import asyncio
        import os
        import time

        REFRESH = 6 * 60 * 60

        async def monthly():
            while True:
                await asyncio.sleep(60 * 60 * 24 * 30)
                await report()

        def refresher():
            while True:
                refresh()
                time.sleep(REFRESH)

        def configured():
            while True:
                digest()
                time.sleep(int(os.getenv("DIGEST_INTERVAL", "7200")))
    """) == ["worker.loop.configured", "worker.loop.monthly", "worker.loop.refresher"]


def test_short_constant_expressions_stay_polls():
    assert scheduled("""
        import os
        import time

        POLL = 2 * 5

        def worker():
            while True:
                take()
                time.sleep(POLL)

        def watcher():
            while True:
                check()
                time.sleep(float(os.environ.get("POLL_SECONDS", "0.5")))

        def unknown(settings):
            while True:
                check()
                time.sleep(settings.poll / 0)
    """) == []


def test_sched_re_arms_its_action_the_third_argument():
    """``sched.scheduler.enter(delay, priority, action)``: the action re-armed, not the priority."""
    found = extract(dedent("""
        import sched
        import time

        s = sched.scheduler(time.time, time.sleep)

        def job():
            digest()
            s.enter(3600, 1, job)
    """), "worker/loop.py", "worker.loop").triggers
    assert [(t.source, t.target[1]) for t in found] == [("sleep-loop", "worker.loop.job")]
