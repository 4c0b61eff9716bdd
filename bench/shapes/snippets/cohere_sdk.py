# library: cohere (v2 client, async)
# source: https://docs.cohere.com/v2/reference/chat ; https://docs.cohere.com/v2/reference/embed
import cohere

co = cohere.ClientV2()


def chat(text):
    return co.chat(model="command-a-03-2025", messages=[{"role": "user", "content": text}])  # expect: cohere


def embed(texts):
    return co.embed(model="embed-v4.0", texts=texts, input_type="search_document", embedding_types=["float"])  # expect: cohere


class Reranker:
    def __init__(self):
        self.client = cohere.AsyncClientV2()

    async def answer(self, text):
        return await self.client.chat(model="command-r", messages=[])  # expect: cohere
