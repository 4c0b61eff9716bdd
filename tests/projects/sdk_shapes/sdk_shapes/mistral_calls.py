"""Scheduled Mistral jobs on the 1.x+ SDK (import path differs between 1.x and 2.x+)."""
import os

try:  # mistralai >= 2
    from mistralai.client import Mistral
except ImportError:  # mistralai 1.x
    from mistralai import Mistral


def get_client() -> Mistral:
    return Mistral(api_key=os.environ.get("MISTRAL_API_KEY", ""))


def nightly_classify(tickets):  # llm-latency: scheduled
    client = get_client()
    labels = [client.chat.complete(model="mistral-small-latest", messages=[{"role": "user", "content": t}]) for t in tickets]  # expect: mistral chat.complete scheduled LLM001
    for ticket in tickets:
        ticket.vector = client.embeddings.create(model="mistral-embed", inputs=[ticket.text]).data[0].embedding  # expect: mistral embeddings.create scheduled LLM001 LLM003
    with client.chat.stream(model="mistral-large-latest", messages=[]) as events:  # expect: mistral chat.stream scheduled LLM001 LLM004
        text = "".join(e.data.choices[0].delta.content or "" for e in events)
    code = client.fim.complete(model="codestral-latest", prompt="def add(a, b):")  # expect: mistral fim.complete scheduled LLM001
    return labels, text, code


async def nightly_async(texts):  # llm-latency: scheduled
    client = get_client()
    return [await client.chat.complete_async(model="mistral-small-latest", messages=[{"role": "user", "content": t}]) for t in texts]  # expect: mistral chat.complete_async scheduled LLM001


def submit_batch(path, job_id=None):  # llm-latency: scheduled
    client = get_client()
    if job_id:
        return client.batch.jobs.get(job_id=job_id)  # expect: mistral batch.jobs.get scheduled
    upload = client.files.upload(file={"file_name": "in.jsonl", "content": open(path, "rb")}, purpose="batch")  # expect: mistral files.upload scheduled
    return client.batch.jobs.create(endpoint="/v1/chat/completions", model="mistral-small-latest", input_files=[upload.id])  # expect: mistral batch.jobs.create scheduled
