# library: azure-ai-inference
# source: https://learn.microsoft.com/en-us/python/api/overview/azure/ai-inference-readme
from azure.ai.inference import ChatCompletionsClient, EmbeddingsClient
from azure.ai.inference.aio import ChatCompletionsClient as AsyncChatCompletionsClient
from azure.ai.inference.models import UserMessage
from azure.core.credentials import AzureKeyCredential

client = ChatCompletionsClient(endpoint="https://x.inference.ai.azure.com", credential=AzureKeyCredential("k"))


def chat(text):
    return client.complete(messages=[UserMessage(content=text)])  # expect: azure-ai-inference


class Embedder:
    def __init__(self):
        self.client = EmbeddingsClient(endpoint="https://x", credential=AzureKeyCredential("k"))

    def embed(self, texts):
        return self.client.embed(input=texts)  # expect: azure-ai-inference


async def async_chat(text):
    aclient = AsyncChatCompletionsClient(endpoint="https://x", credential=AzureKeyCredential("k"))
    return await aclient.complete(messages=[UserMessage(content=text)])  # expect: azure-ai-inference
