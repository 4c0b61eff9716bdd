# library: OpenAI-compatible endpoints (DeepSeek, OpenRouter, Moonshot, Perplexity, LiteLLM proxy)
# source: https://api-docs.deepseek.com/ ; https://openrouter.ai/docs/quickstart ; https://docs.litellm.ai/docs/proxy/user_keys
from openai import AsyncOpenAI, OpenAI

deepseek = OpenAI(api_key="k", base_url="https://api.deepseek.com")
router = OpenAI(base_url="https://openrouter.ai/api/v1", api_key="k")
DASHSCOPE_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"


def ds(text):
    return deepseek.chat.completions.create(model="deepseek-chat", messages=[])  # expect: deepseek


def openrouter(text):
    return router.chat.completions.create(model="anthropic/claude-sonnet-4", messages=[])  # expect: openrouter


class Qwen:
    def __init__(self):
        self.client = OpenAI(api_key="k", base_url=DASHSCOPE_URL)

    def chat(self, text):
        return self.client.chat.completions.create(model="qwen-plus", messages=[])  # expect: dashscope


async def proxy(text):
    local = AsyncOpenAI(api_key="sk-1234", base_url="http://0.0.0.0:4000")
    return await local.chat.completions.create(model="gpt-4o", messages=[])  # expect: local-openai-compatible
