"""A scheduled job still on mistralai 0.x (MistralClient / MistralAsyncClient)."""
from mistralai.async_client import MistralAsyncClient
from mistralai.client import MistralClient
from mistralai.models.chat_completion import ChatMessage

legacy = MistralClient(api_key="test-key")


def nightly_legacy(texts):  # llm-latency: scheduled
    replies = [legacy.chat(model="mistral-small", messages=[ChatMessage(role="user", content=t)]) for t in texts]  # expect: mistral chat scheduled LLM001
    vectors = legacy.embeddings(model="mistral-embed", input=texts)  # expect: mistral embeddings scheduled LLM001
    for chunk in legacy.chat_stream(model="mistral-small", messages=[]):  # expect: mistral chat_stream scheduled LLM001 LLM004
        replies.append(chunk)
    return replies, vectors


async def nightly_legacy_async(text):  # llm-latency: scheduled
    client = MistralAsyncClient(api_key="test-key")
    return await client.chat(model="mistral-small", messages=[ChatMessage(role="user", content=text)])  # expect: mistral chat scheduled LLM001
