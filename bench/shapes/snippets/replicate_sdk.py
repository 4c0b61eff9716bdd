# library: replicate
# source: https://replicate.com/docs/get-started/python
import replicate


def run(prompt):
    return replicate.run("meta/meta-llama-3-70b-instruct", input={"prompt": prompt})  # expect: replicate


class Gen:
    def __init__(self):
        self.client = replicate.Client(api_token="t")

    async def arun(self, prompt):
        return await self.client.async_run("black-forest-labs/flux-schnell", input={"prompt": prompt})  # expect: replicate
