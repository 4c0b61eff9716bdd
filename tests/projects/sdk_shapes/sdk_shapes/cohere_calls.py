"""Scheduled jobs on Cohere: v2 and v1 clients, streaming, embeddings, datasets and batches."""
import cohere

co = cohere.ClientV2()


def nightly(docs):  # llm-latency: scheduled
    reply = co.chat(model="command-a-03-2025", messages=[{"role": "user", "content": "Summarise today"}])  # expect: cohere chat scheduled LLM001
    for event in co.chat_stream(model="command-a-03-2025", messages=[]):  # expect: cohere chat_stream scheduled LLM001 LLM004
        print(event)
    for doc in docs:
        doc.vector = co.embed(model="embed-v4.0", texts=[doc.text], input_type="search_document")  # expect: cohere embed scheduled LLM001 LLM003
    legacy = cohere.Client()
    legacy.generate(prompt="Write a haiku")  # expect: cohere generate scheduled
    return reply


async def nightly_async(text):  # llm-latency: scheduled
    client = cohere.AsyncClientV2()
    return await client.chat(model="command-r-08-2024", messages=[{"role": "user", "content": text}])  # expect: cohere chat scheduled LLM001


def submit(path):  # llm-latency: scheduled
    ds = co.datasets.create(name="nightly", type="batch-chat-v2-input", data=open(path, "rb"))
    co.datasets.create(name="reviews", type="single-label-classification-finetune-input", data=open(path, "rb"))  # expect: none
    batch = co.batches.create(request=cohere.batches.Batch(name="nightly", input_dataset_id=ds.id, model="command-a-03-2025"))  # expect: cohere batches.create scheduled
    co.embed_jobs.create(model="embed-v4.0", dataset_id=ds.id, input_type="search_document")  # expect: cohere embed_jobs.create scheduled
    return co.batches.retrieve(batch.batch.id)  # expect: cohere batches.retrieve scheduled
