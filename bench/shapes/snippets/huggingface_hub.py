# library: huggingface_hub InferenceClient
# source: https://huggingface.co/docs/huggingface_hub/guides/inference, https://huggingface.co/docs/huggingface_hub/package_reference/inference_client
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


def summarize(text):
    return InferenceClient(model="facebook/bart-large-cnn").summarization(text)  # expect: huggingface


def picture(prompt):
    local = InferenceClient(provider="fal-ai")
    return local.text_to_image(prompt, model="black-forest-labs/FLUX.1-dev")  # expect: huggingface


def transcribe(audio):
    return client.automatic_speech_recognition(audio, model="openai/whisper-large-v3")  # expect: huggingface


def legacy(text):
    from huggingface_hub.inference_api import InferenceApi

    inference = InferenceApi(repo_id="bert-base-uncased", token="t")
    return inference(inputs=text)  # expect: huggingface


def routed(text):
    import requests

    url = "https://router.huggingface.co/v1/chat/completions"
    return requests.post(url, json={"model": "m", "messages": []})  # expect: huggingface


def hosted(text):
    import requests

    url = "https://api-inference.huggingface.co/models/facebook/bart-large-cnn"
    return requests.post(url, json={"inputs": text})  # expect: huggingface
