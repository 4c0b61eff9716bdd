"""In-process work queues (``project/work_queues.py``): a worker thread or task taking items off a
queue runs for the code putting them there, not for the code starting it; the queue is followed
by value through arguments, constructor fields, ``self.`` attributes and module globals."""
from __future__ import annotations

from support.scan import project_classes

SDK = """
    from openai import OpenAI

    client = OpenAI()


    def ask(text):
        return client.chat.completions.create(model='m', messages=[{'role': 'user', 'content': text}])
"""
SITE = ("llm.py", 7)

# A daemon (run by hand: real-time) starting a worker thread on a local queue it hands to a
# watchdog handler and to a scan of the files already there (ragdoll's shape).
WATCHER = """
    import queue
    import threading
    import time
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer
    from llm import ask


    def _worker(q, stop):
        while not stop.is_set():
            path = q.get(timeout=0.5)
            ask(path)


    class Handler(FileSystemEventHandler):
        def __init__(self, q):
            self.queue = q

        def on_created(self, event):
            self.queue.put(event.src_path)


    def _scan(q):
        for name in ['a', 'b']:
            q.put(name)


    def run():
        q = queue.Queue()
        stop = threading.Event()
        t = threading.Thread(target=_worker, args=(q, stop))
        t.start()
        _scan(q)
        observer = Observer()
        observer.schedule(Handler(q), '.', recursive=True)
        observer.start()
        try:
            while True:
                time.sleep(1)
        finally:
            stop.set()
            t.join(timeout=5)


    if __name__ == '__main__':
        run()
"""


def test_a_worker_fed_by_a_file_watcher_is_near_real_time_not_its_starters(tmp_path):
    classes = project_classes(tmp_path, {"llm.py": SDK, "watcher.py": WATCHER})
    assert classes[SITE] == "near-real-time"


# A module-level worker thread draining a module global queue; a route and a cron job put on it.
SERVER = """
    import queue
    import threading
    from apscheduler.schedulers.background import BackgroundScheduler
    from fastapi import FastAPI
    from llm import ask

    app = FastAPI()
    JOBS = queue.Queue(maxsize=100)


    def _drain():
        while True:
            item = JOBS.get()
            ask(item)


    threading.Thread(target=_drain, daemon=True).start()


    def enqueue(item):
        JOBS.put_nowait(item)


    @app.post('/analyze')
    def analyze(text: str):
        enqueue(text)
        return {'queued': True}


    scheduler = BackgroundScheduler()
    scheduler.add_job(lambda: enqueue('batch'), 'cron', hour=6)
    scheduler.start()
"""


def test_a_module_worker_fed_by_a_route_and_a_schedule_is_near_real_time(tmp_path):
    classes = project_classes(tmp_path, {"llm.py": SDK, "server.py": SERVER})
    assert classes[SITE] == "near-real-time"


def test_a_module_worker_fed_only_by_a_schedule_is_scheduled(tmp_path):
    only_cron = SERVER.replace("        enqueue(text)\n", "        pass\n")
    classes = project_classes(tmp_path, {"llm.py": SDK, "server.py": only_cron})
    assert classes[SITE] == "scheduled"


# An asyncio rate limiter: a class's queue, worker tasks started on entry, a scheduled job submitting.
LIMITER = """
    import asyncio
    from llm import ask


    class Limiter:
        def __init__(self):
            self._queue = asyncio.Queue()
            self._workers = []

        async def __aenter__(self):
            self._workers.append(asyncio.create_task(self._worker()))
            return self

        async def __aexit__(self, *exc):
            await self._queue.join()

        async def submit(self, text):
            await self._queue.put(text)

        async def _worker(self):
            while True:
                text = await self._queue.get()
                ask(text)
                self._queue.task_done()
"""
JOB = """
    import asyncio
    from limiter import Limiter


    async def main():
        limiter = Limiter()
        async with limiter:
            await limiter.submit('digest')


    if __name__ == '__main__':
        asyncio.run(main())
"""
CRON = """
    0 8 * * * cd /app && python job.py
"""


def test_an_asyncio_worker_task_runs_for_the_scheduled_job_submitting_to_it(tmp_path):
    classes = project_classes(tmp_path, {"llm.py": SDK, "limiter.py": LIMITER, "job.py": JOB, "crontab": CRON})
    assert classes[SITE] == "scheduled"


def test_a_worker_nothing_puts_to_keeps_the_class_of_what_starts_it(tmp_path):
    unfed = WATCHER.replace("            self.queue.put(event.src_path)\n", "            pass\n").replace(
        "            q.put(name)\n", "            pass\n")
    classes = project_classes(tmp_path, {"llm.py": SDK, "watcher.py": unfed})
    assert classes[SITE] == "real-time"


# A chat webhook putting a batch job (no conversation) on the queue: the worker answers no one.
WEBHOOK = """
    import queue
    import threading
    from fastapi import Body, FastAPI
    from llm import ask

    app = FastAPI()
    JOBS = queue.Queue()


    def _drain():
        while True:
            ask(JOBS.get())


    threading.Thread(target=_drain, daemon=True).start()


    @app.post('/telegram/webhook')
    def telegram_webhook(update: dict = Body(...)):
        JOBS.put({'kind': 'batch'})
        return {'ok': True}
"""


def test_a_chat_webhooks_queued_item_naming_no_conversation_answers_no_one(tmp_path):
    classes = project_classes(tmp_path, {"llm.py": SDK, "app.py": WEBHOOK})
    assert classes[SITE] == "near-real-time"


# A route submitting to the rate limiter and awaiting the item's result: the person still waits.
ROUTE = """
    import asyncio
    from fastapi import FastAPI
    from limiter import Limiter

    app = FastAPI()
    limiter = Limiter()


    @app.post('/ask')
    async def ask_route(text: str):
        return await limiter.submit(text)
"""
WAITING_LIMITER = LIMITER.replace(
    "        async def submit(self, text):\n            await self._queue.put(text)\n",
    "        async def submit(self, text):\n            job = {'text': text, 'done': asyncio.get_event_loop().create_future()}\n"
    "            await self._queue.put(job)\n            return await job['done']\n")


def test_a_producer_awaiting_its_items_result_keeps_its_class(tmp_path):
    assert "return await job['done']" in WAITING_LIMITER
    classes = project_classes(tmp_path, {"llm.py": SDK, "limiter.py": WAITING_LIMITER, "app.py": ROUTE})
    assert classes[SITE] == "real-time"


def test_a_route_handing_its_item_to_the_worker_without_waiting_is_near_real_time(tmp_path):
    classes = project_classes(tmp_path, {"llm.py": SDK, "limiter.py": LIMITER, "app.py": ROUTE})
    assert classes[SITE] == "near-real-time"


# A route awaiting other work that is merely given the item (a status write) waits for no result.
MARKING_ROUTE = """
    from fastapi import FastAPI
    from limiter import Limiter

    app = FastAPI()
    limiter = Limiter()


    async def mark_queued(text):
        pass


    @app.post('/ask')
    async def ask_route(text: str):
        await limiter._queue.put(text)
        await mark_queued(text)
        return {'queued': True}
"""


def test_an_await_that_only_passes_the_item_on_is_no_wait_for_its_result(tmp_path):
    classes = project_classes(tmp_path, {"llm.py": SDK, "limiter.py": LIMITER, "app.py": MARKING_ROUTE})
    assert classes[SITE] == "near-real-time"


# A thread worker answering through a reply queue, or a future, the route puts with the item.
REPLYING = """
    import queue
    import threading
    from concurrent.futures import Future
    from fastapi import FastAPI
    from llm import ask

    app = FastAPI()
    JOBS = queue.Queue()


    def _drain():
        while True:
            text, reply = JOBS.get()
            reply.put(ask(text))


    threading.Thread(target=_drain, daemon=True).start()


    @app.post('/chat')
    def chat(text: str):
        reply = queue.Queue(maxsize=1)
        JOBS.put((text, reply))
        return {'answer': reply.get(timeout=60)}
"""
FUTURE_IN_JOB = REPLYING.replace(
    "        reply = queue.Queue(maxsize=1)\n        JOBS.put((text, reply))\n"
    "        return {'answer': reply.get(timeout=60)}\n",
    "        fut = Future()\n        job = {'text': text, 'reply': fut}\n        JOBS.put(job)\n"
    "        return {'answer': fut.result(timeout=60)}\n").replace(
    "            text, reply = JOBS.get()\n            reply.put(ask(text))\n",
    "            job = JOBS.get()\n            job['reply'].set_result(ask(job['text']))\n")


def test_a_producer_reading_the_reply_queue_it_put_with_its_item_waits(tmp_path):
    classes = project_classes(tmp_path, {"llm.py": SDK, "app.py": REPLYING})
    assert classes[SITE] == "real-time"


def test_a_producer_waiting_on_a_future_its_item_holds_waits(tmp_path):
    assert "fut.result(timeout=60)" in FUTURE_IN_JOB and "job['reply'].set_result" in FUTURE_IN_JOB
    classes = project_classes(tmp_path, {"llm.py": SDK, "app.py": FUTURE_IN_JOB})
    assert classes[SITE] == "real-time"


def test_a_stop_sentinel_put_on_shutdown_is_no_item_for_the_worker(tmp_path):
    stopping = SERVER.replace("        enqueue(text)\n", "        pass\n") + (
        "\n\n    @app.on_event('shutdown')\n    def stop():\n        JOBS.put(None)\n")
    classes = project_classes(tmp_path, {"llm.py": SDK, "server.py": stopping})
    assert classes[SITE] == "scheduled"
