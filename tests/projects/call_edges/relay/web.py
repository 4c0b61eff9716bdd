import time
from contextlib import asynccontextmanager

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from celery.result import AsyncResult
from fastapi import FastAPI
from redis import Redis
from rq import Queue

from relay import calls, tasks

scheduler = AsyncIOScheduler()
queue = Queue(connection=Redis())


@asynccontextmanager
async def lifespan(app):
    scheduler.add_job(calls.by_lifespan_job, "cron", hour=4, minute=0)
    scheduler.start()
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/tickets/summary")
def summarize_now(text: str):
    job = tasks.summarize_ticket.delay(text)
    return {"summary": job.get(timeout=30)}


@app.post("/tickets/class")
def classify_now(text: str):
    sent = tasks.classify_ticket.delay(text)
    return {"class": AsyncResult(sent.id).get(timeout=30)}


@app.post("/tickets/triage")
def triage_now(text: str):
    job = queue.enqueue(tasks.triage, text)
    while job.get_status() != "finished":
        time.sleep(0.2)
    return {"triage": job.return_value()}


@app.post("/postmortems")
def start_postmortem(text: str):
    job = tasks.draft_postmortem.delay(text)
    return {"id": job.id}


@app.get("/postmortems/{job_id}")
def postmortem_status(job_id: str):
    return {"state": AsyncResult(job_id).state}
