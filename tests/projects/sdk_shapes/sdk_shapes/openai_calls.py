"""Nightly OpenAI jobs: module alias, module proxy, legacy API, partials and option chains."""
import functools

import openai as oa
from openai import AsyncOpenAI, OpenAI

client = OpenAI()
summarize = functools.partial(client.chat.completions.create, model="gpt-4o-mini")


def nightly_digest(texts):  # llm-latency: scheduled
    notes = []
    for text in texts:
        resp = client.with_options(timeout=60).chat.completions.create(  # expect: openai chat.completions.create scheduled LLM001
            model="gpt-4o-mini", messages=[{"role": "user", "content": text}]
        )
        notes.append(resp.choices[0].message.content)
    raw = client.chat.completions.with_raw_response.create(model="gpt-4o-mini", messages=[])  # expect: openai chat.completions.create scheduled LLM001
    short = summarize(messages=[{"role": "user", "content": "\n".join(notes)}])  # expect: openai chat.completions.create scheduled LLM001
    return raw.parse(), short


def weekly_report(llm: OpenAI, rows):  # llm-latency: scheduled
    text = "".join(
        chunk.choices[0].delta.content or ""
        for chunk in llm.chat.completions.create(model="gpt-4o", messages=rows, stream=True)  # expect: openai chat.completions.create scheduled LLM001 LLM004
    )
    legacy = oa.ChatCompletion.create(model="gpt-3.5-turbo", messages=rows)  # expect: openai openai.ChatCompletion.create scheduled LLM001
    proxied = oa.responses.create(model="gpt-4o-mini", input=text)  # expect: openai openai.responses.create scheduled LLM001
    return legacy, proxied


async def refresh_embeddings(docs):  # llm-latency: scheduled
    aclient = AsyncOpenAI()
    for doc in docs:
        doc.vector = (await aclient.embeddings.create(model="text-embedding-3-small", input=doc.text)).data[0].embedding  # expect: openai embeddings.create scheduled LLM001 LLM003


def submit_nightly_batch(path):  # llm-latency: scheduled
    upload = client.files.create(file=open(path, "rb"), purpose="batch")  # expect: openai files.create scheduled
    client.files.create(file=open("kb.pdf", "rb"), purpose="assistants")  # expect: none
    batch = client.batches.create(input_file_id=upload.id, endpoint="/v1/chat/completions", completion_window="24h")  # expect: openai batches.create scheduled
    return client.batches.retrieve(batch.id)  # expect: openai batches.retrieve scheduled
