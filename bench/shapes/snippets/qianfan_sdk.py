# library: qianfan (Baidu ERNIE)
# source: https://cloud.baidu.com/doc/WENXINWORKSHOP/s/xlmokikxe ; https://github.com/baidubce/bce-qianfan-sdk
import qianfan

chat_comp = qianfan.ChatCompletion()


def chat(text):
    return chat_comp.do(model="ERNIE-4.0-8K", messages=[{"role": "user", "content": text}])  # expect: qianfan


class Embedder:
    def __init__(self):
        self.emb = qianfan.Embedding()

    def embed(self, texts):
        return self.emb.do(texts=texts)  # expect: qianfan

    async def achat(self, text):
        return await qianfan.ChatCompletion().ado(messages=[])  # expect: qianfan
