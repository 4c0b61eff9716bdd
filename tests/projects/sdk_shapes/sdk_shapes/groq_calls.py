"""Scheduled jobs on Groq: an annotated client parameter, streaming, embeddings and batches."""
from groq import AsyncGroq, Groq


def nightly(client: Groq, rows):  # llm-latency: scheduled
    answer = client.chat.completions.create(model="llama-3.3-70b-versatile", messages=rows)  # expect: groq chat.completions.create scheduled LLM001
    streamed = client.chat.completions.create(model="llama-3.1-8b-instant", messages=rows, stream=True)  # expect: groq chat.completions.create scheduled LLM001 LLM004
    vectors = [client.embeddings.create(model="nomic-embed-text-v1_5", input=r["content"]) for r in rows]  # expect: groq embeddings.create scheduled LLM003
    return answer, list(streamed), vectors


async def nightly_async(rows):  # llm-latency: scheduled
    client = AsyncGroq()
    return await client.chat.completions.with_raw_response.create(model="llama-3.3-70b-versatile", messages=rows)  # expect: groq chat.completions.create scheduled LLM001


def submit(client: Groq, path, batch_id=None):  # llm-latency: scheduled
    if batch_id:
        return client.batches.retrieve(batch_id)  # expect: groq batches.retrieve scheduled
    upload = client.files.create(file=open(path, "rb"), purpose="batch")  # expect: groq files.create scheduled
    return client.batches.create(completion_window="24h", endpoint="/v1/chat/completions", input_file_id=upload.id)  # expect: groq batches.create scheduled
