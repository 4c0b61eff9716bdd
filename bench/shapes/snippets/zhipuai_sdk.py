# library: zhipuai (Zhipu GLM)
# source: https://open.bigmodel.cn/dev/api/normal-model/glm-4 ; https://github.com/MetaGLM/zhipuai-sdk-python-v4
from zhipuai import ZhipuAI

client = ZhipuAI(api_key="k")


def chat(text):
    return client.chat.completions.create(model="glm-4", messages=[{"role": "user", "content": text}])  # expect: zhipu


class Embedder:
    def __init__(self):
        self.client = ZhipuAI(api_key="k")

    def embed(self, text):
        return self.client.embeddings.create(model="embedding-3", input=text)  # expect: zhipu
