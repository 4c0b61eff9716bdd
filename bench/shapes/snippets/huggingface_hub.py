# library: huggingface_hub InferenceClient
# source: https://huggingface.co/docs/huggingface_hub/guides/inference
from huggingface_hub import AsyncInferenceClient, InferenceClient

client = InferenceClient(provider="together", api_key="k")


def chat(text):
    return client.chat_completion(messages=[{"role": "user", "content": text}], model="meta-llama/Llama-3.1-8B-Instruct")  # expect: huggingface


def openai_style(text):
    return client.chat.completions.create(model="deepseek-ai/DeepSeek-R1", messages=[])  # expect: huggingface


def generate(text):
    return client.text_generation(text, model="HuggingFaceH4/zephyr-7b-beta")  # expect: huggingface


class Embedder:
    def __init__(self):
        self.client = AsyncInferenceClient()

    async def embed(self, text):
        return await self.client.feature_extraction(text, model="BAAI/bge-small-en-v1.5")  # expect: huggingface
