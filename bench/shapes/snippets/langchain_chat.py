# library: LangChain chat models (integration packages)
# source: https://python.langchain.com/docs/integrations/chat/ ; https://python.langchain.com/docs/how_to/chat_models_universal_init/
from langchain.chat_models import init_chat_model
from langchain_anthropic import ChatAnthropic
from langchain_aws import ChatBedrockConverse
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_deepseek import ChatDeepSeek
from langchain_google_genai import ChatGoogleGenerativeAI
from langchain_openai import ChatOpenAI

llm = ChatOpenAI(model="gpt-4o-mini")
prompt = ChatPromptTemplate.from_template("Summarise {text}")
chain = prompt | llm | StrOutputParser()


def module_level(text):
    return llm.invoke(text)  # expect: langchain


def piped(text):
    return chain.invoke({"text": text})  # expect: langchain


class Bot:
    def __init__(self):
        self.model = ChatAnthropic(model="claude-sonnet-4-5")
        self.gemini = ChatGoogleGenerativeAI(model="gemini-2.5-flash")

    async def answer(self, text):
        return await self.model.ainvoke(text)  # expect: langchain

    def stream(self, text):
        return list(self.gemini.stream(text))  # expect: langchain


def universal(text):
    model = init_chat_model("gpt-4o", model_provider="openai")
    return model.invoke(text)  # expect: langchain


def bedrock(text):
    return ChatBedrockConverse(model="anthropic.claude-3").invoke(text)  # expect: langchain


def structured(text, schema):
    return ChatDeepSeek(model="deepseek-chat").with_structured_output(schema).invoke(text)  # expect: langchain
