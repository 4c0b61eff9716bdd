# library: dashscope (Qwen)
# source: https://help.aliyun.com/zh/model-studio/use-qwen-by-calling-api ; https://help.aliyun.com/zh/model-studio/text-embedding-synchronous-api
import dashscope
from dashscope import Generation, TextEmbedding


def chat(messages):
    return Generation.call(model="qwen-plus", messages=messages, result_format="message")  # expect: dashscope


def embed(texts):
    return TextEmbedding.call(model=TextEmbedding.Models.text_embedding_v3, input=texts)  # expect: dashscope


def vision(messages):
    return dashscope.MultiModalConversation.call(model="qwen-vl-plus", messages=messages)  # expect: dashscope


async def achat(messages):
    from dashscope.aigc.generation import AioGeneration
    return await AioGeneration.call(model="qwen-plus", messages=messages)  # expect: dashscope
