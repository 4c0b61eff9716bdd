# library: LlamaIndex integration packages (LLMs and embeddings)
# source: https://docs.llamaindex.ai/en/stable/api_reference/llms/ ; https://developers.llamaindex.ai/python/framework-api-reference/llms/zhipuai
from llama_index.embeddings.cohere import CohereEmbedding
from llama_index.embeddings.voyageai import VoyageEmbedding
from llama_index.llms.dashscope import DashScope
from llama_index.llms.deepseek import DeepSeek
from llama_index.llms.huggingface_api import HuggingFaceInferenceAPI
from llama_index.llms.openrouter import OpenRouter
from llama_index.llms.zhipuai import ZhipuAI

llm = DeepSeek(model="deepseek-chat")


def module_level(text):
    return llm.complete(text)  # expect: llamaindex


class Models:
    def __init__(self):
        self.qwen = DashScope(model_name="qwen-max")
        self.glm = ZhipuAI(model="glm-4")
        self.router = OpenRouter(model="anthropic/claude-sonnet-4")
        self.hf = HuggingFaceInferenceAPI(model_name="HuggingFaceH4/zephyr-7b-alpha")
        self.voyage = VoyageEmbedding(model_name="voyage-3.5")
        self.cohere = CohereEmbedding(model_name="embed-v4.0")

    async def ask(self, text, messages):
        a = self.qwen.complete(text)  # expect: llamaindex
        b = await self.glm.achat(messages)  # expect: llamaindex
        c = self.router.stream_complete(text)  # expect: llamaindex
        d = self.hf.chat(messages)  # expect: llamaindex
        e = self.voyage.get_query_embedding(text)  # expect: llamaindex
        f = self.cohere.get_text_embedding_batch([text])  # expect: llamaindex
        return a, b, c, d, e, f
