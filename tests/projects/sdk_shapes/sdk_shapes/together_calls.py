"""Scheduled jobs on Together: a module-level client, an async client and the batch API."""
from together import AsyncTogether, Together

together_client = Together()


def nightly(prompts):  # llm-latency: scheduled
    out = []
    for prompt in prompts:
        resp = together_client.chat.completions.create(model="meta-llama/Llama-3.3-70B-Instruct-Turbo", messages=[{"role": "user", "content": prompt}])  # expect: together chat.completions.create scheduled LLM001
        out.append(resp.choices[0].message.content)
    vectors = together_client.embeddings.create(model="BAAI/bge-base-en-v1.5", input=out)  # expect: together embeddings.create scheduled
    return out, vectors


async def nightly_async(prompt):  # llm-latency: scheduled
    client = AsyncTogether()
    return await client.chat.completions.create(model="Qwen/Qwen2.5-72B-Instruct-Turbo", messages=[{"role": "user", "content": prompt}])  # expect: together chat.completions.create scheduled LLM001


def submit(path):  # llm-latency: scheduled
    upload = together_client.files.upload(file=path, purpose="batch-api")  # expect: together files.upload scheduled
    together_client.files.upload(file=path)  # expect: none
    job = together_client.batches.create(input_file_id=upload.id, endpoint="/v1/chat/completions").job  # expect: together batches.create scheduled
    return together_client.batches.retrieve(job.id).status  # expect: together batches.retrieve scheduled
