# library: vertexai (GenerativeModel, embeddings)
# source: https://cloud.google.com/vertex-ai/generative-ai/docs/reference/python/latest
import vertexai
from vertexai.generative_models import GenerativeModel
from vertexai.language_models import TextEmbeddingModel

vertexai.init(project="p", location="us-central1")
model = GenerativeModel("gemini-1.5-pro")


def module_level(text):
    return model.generate_content(text)  # expect: vertexai


class Service:
    def __init__(self):
        self.model = GenerativeModel("gemini-1.5-flash")
        self.embedder = TextEmbeddingModel.from_pretrained("text-embedding-004")

    async def answer(self, text):
        return await self.model.generate_content_async(text)  # expect: vertexai

    def embed(self, texts):
        return self.embedder.get_embeddings(texts)  # expect: vertexai
