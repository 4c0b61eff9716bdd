# Canonical usage: https://fastapi.tiangolo.com/advanced/events/#lifespan
import threading
import time
from contextlib import asynccontextmanager

from fastapi import FastAPI
from openai import OpenAI

client = OpenAI()
stop = threading.Event()


def pending_jobs():
    return []


def drain_queue():
    while not stop.is_set():
        for job in pending_jobs():
            client.responses.create(model="gpt-4o-mini", input=job)  # expect-class: near-real-time
        time.sleep(2)


@asynccontextmanager
async def lifespan(app: FastAPI):
    worker = threading.Thread(target=drain_queue, daemon=True)
    worker.start()
    yield
    stop.set()


app = FastAPI(lifespan=lifespan)


@app.post("/jobs")
def add_job(text: str):
    return {"queued": text}
