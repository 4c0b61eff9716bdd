# library: Mirascope
# source: https://mirascope.com/docs/mirascope/learn/calls
from mirascope import llm
from mirascope.core import anthropic, openai


@openai.call("gpt-4o-mini")  # expect: mirascope
def recommend_book(genre: str) -> str:
    return f"Recommend a {genre} book"


@llm.call(provider="anthropic", model="claude-sonnet-4-5")  # expect: mirascope
async def summarize(text: str) -> str:
    return f"Summarize: {text}"


@anthropic.call("claude-3-5-haiku-latest")  # expect: mirascope
def answer(question: str) -> str:
    return question


# The decorator is the site, inside the function it decorates: these callers reach it.
def use(text):
    a = recommend_book("fantasy")
    b = answer(text)
    return a, b


async def ause(text):
    return await summarize(text)
