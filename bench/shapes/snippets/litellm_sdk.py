# library: litellm (functions and Router)
# source: https://docs.litellm.ai/docs/completion/input ; https://docs.litellm.ai/docs/routing
import litellm
from litellm import Router, acompletion, completion

router = Router(model_list=[{"model_name": "gpt", "litellm_params": {"model": "openai/gpt-4o"}}])


def call(text):
    return completion(model="anthropic/claude-sonnet-4-5", messages=[{"role": "user", "content": text}])  # expect: litellm


async def acall(text):
    return await acompletion(model="gpt-4o", messages=[])  # expect: litellm


def embed(texts):
    return litellm.embedding(model="text-embedding-3-small", input=texts)  # expect: litellm


class Routed:
    def __init__(self):
        self.router = router

    async def ask(self, text):
        return await self.router.acompletion(model="gpt", messages=[])  # expect: litellm
