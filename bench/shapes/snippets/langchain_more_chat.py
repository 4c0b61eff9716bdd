# library: LangChain chat models (more integration packages)
# source: https://python.langchain.com/docs/integrations/chat/ (ChatXAI, ChatPerplexity, ChatCerebras, ChatSambaNova, ChatOpenRouter, ChatMistralAI, ChatVertexAI, QianfanChatEndpoint, ChatTongyi, ChatZhipuAI)
from langchain_cerebras import ChatCerebras
from langchain_community.chat_models import ChatTongyi, ChatZhipuAI, QianfanChatEndpoint
from langchain_google_vertexai import ChatVertexAI
from langchain_mistralai import ChatMistralAI
from langchain_perplexity import ChatPerplexity
from langchain_xai import ChatXAI


def xai(text):
    return ChatXAI(model="grok-4").invoke(text)  # expect: langchain


def perplexity(text):
    return ChatPerplexity(model="sonar").invoke(text)  # expect: langchain


def cerebras(text):
    return ChatCerebras(model="llama3.1-8b").invoke(text)  # expect: langchain


def mistral(text):
    return ChatMistralAI(model="mistral-large-latest").invoke(text)  # expect: langchain


def vertex(text):
    return ChatVertexAI(model="gemini-2.5-flash").invoke(text)  # expect: langchain


class Chinese:
    def __init__(self):
        self.tongyi = ChatTongyi(model="qwen-plus")
        self.zhipu = ChatZhipuAI(model="glm-4")
        self.qianfan = QianfanChatEndpoint(model="ERNIE-4.0-8K")

    def ask(self, text):
        return self.tongyi.invoke(text), self.zhipu.invoke(text), self.qianfan.invoke(text)  # expect: langchain
