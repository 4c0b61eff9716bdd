# library: openai (Azure OpenAI)
# source: https://learn.microsoft.com/en-us/azure/ai-services/openai/how-to/batch
from openai import AsyncAzureOpenAI, AzureOpenAI

client = AzureOpenAI(api_version="2024-10-21", azure_endpoint="https://x.openai.azure.com")


def chat(text):
    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])  # expect: openai


class Service:
    def __init__(self):
        self.llm = AsyncAzureOpenAI(api_version="2024-10-21")

    async def embed(self, texts):
        return await self.llm.embeddings.create(model="emb", input=texts)  # expect: openai
