from langchain.chains import ConversationChain
from langchain_openai import ChatOpenAI


def build_chain():
    return ConversationChain(llm=ChatOpenAI(model="gpt-4o-mini"))
