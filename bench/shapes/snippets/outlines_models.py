# library: Outlines (hosted models)
# source: https://dottxt-ai.github.io/outlines/latest/features/models/openai/
import openai
import outlines
from pydantic import BaseModel


class Character(BaseModel):
    name: str


model = outlines.from_openai(openai.OpenAI(), "gpt-4o-mini")


def generate(text):
    return model(text, Character)  # expect: outlines
