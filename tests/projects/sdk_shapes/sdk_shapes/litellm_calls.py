"""Scheduled jobs through LiteLLM: module functions, the thread-pool batch_completion, a Router."""
import litellm
from litellm import Router, completion

router = Router(model_list=[{"model_name": "default", "litellm_params": {"model": "openai/gpt-4o-mini"}}])


def nightly(rows):  # llm-latency: scheduled
    first = completion(model="anthropic/claude-sonnet-4-5", messages=rows[:1])  # expect: litellm litellm.completion scheduled LLM001
    many = litellm.batch_completion(model="gpt-4o-mini", messages=[[r] for r in rows])  # expect: litellm litellm.batch_completion scheduled LLM001
    vectors = [litellm.embedding(model="text-embedding-3-small", input=[r["content"]]) for r in rows]  # expect: litellm litellm.embedding scheduled LLM001 LLM003
    routed = router.completion(model="default", messages=rows)  # expect: litellm completion scheduled LLM001
    return first, many, vectors, routed


async def nightly_async(rows):  # llm-latency: scheduled
    stream = await router.acompletion(model="default", messages=rows, stream=True)  # expect: litellm acompletion scheduled LLM001 LLM004
    return [chunk async for chunk in stream], await litellm.acompletion(model="gemini/gemini-2.5-flash", messages=rows)  # expect: litellm litellm.acompletion scheduled LLM001


def submit(path, batch_id=None):  # llm-latency: scheduled
    if batch_id:
        batch = litellm.retrieve_batch(batch_id=batch_id, custom_llm_provider="openai")  # expect: litellm litellm.retrieve_batch scheduled
        return litellm.file_content(file_id=batch.output_file_id, custom_llm_provider="openai")  # expect: litellm litellm.file_content scheduled
    upload = litellm.create_file(file=open(path, "rb"), purpose="batch", custom_llm_provider="openai")  # expect: litellm litellm.create_file scheduled
    return litellm.create_batch(completion_window="24h", endpoint="/v1/chat/completions", input_file_id=upload.id, custom_llm_provider="openai")  # expect: litellm litellm.create_batch scheduled
