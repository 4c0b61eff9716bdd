"""Wire copy comes in every style; rewrite the standfirst in house style."""
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI

from newsroom.models import Article

llm = ChatOpenAI(model="gpt-4o-mini", temperature=0)
standfirst = ChatPromptTemplate.from_messages(
    [("system", "Rewrite this wire standfirst in our house style, max 40 words."), ("human", "{text}")]
)
rewrite = standfirst | llm


def normalize_entry(entry) -> int:
    if Article.objects.filter(headline=entry.title).exists():
        return 0
    text = rewrite.invoke({"text": entry.summary}).content  # expect: langchain invoke scheduled LLM001
    Article.objects.create(headline=entry.title, body=text, section_id=1)
    return 1
