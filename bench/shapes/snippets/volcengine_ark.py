# library: volcengine Ark (Doubao)
# source: https://www.volcengine.com/docs/82379/1263482 ; https://pypi.org/project/arkruntime/
from volcenginesdkarkruntime import Ark, AsyncArk

client = Ark(api_key="k")


def chat(text):
    return client.chat.completions.create(model="doubao-pro-32k", messages=[{"role": "user", "content": text}])  # expect: volcengine-ark


class Embedder:
    def __init__(self):
        self.client = AsyncArk()

    async def embed(self, texts):
        return await self.client.embeddings.create(model="doubao-embedding", input=texts)  # expect: volcengine-ark
