# library: voyageai
# source: https://docs.voyageai.com/docs/embeddings ; https://docs.voyageai.com/docs/reranker
import voyageai

vo = voyageai.Client()


def embed(texts):
    return vo.embed(texts, model="voyage-3.5", input_type="document")  # expect: voyageai


def rerank(query, docs):
    return vo.rerank(query, docs, model="rerank-2.5", top_k=3)  # expect: voyageai


class Embedder:
    def __init__(self):
        self.client = voyageai.AsyncClient()

    async def embed(self, texts):
        return await self.client.embed(texts, model="voyage-3.5")  # expect: voyageai
