# library: instructor
# source: https://python.useinstructor.com/ ; https://python.useinstructor.com/integrations/anthropic/
import instructor
from anthropic import Anthropic
from openai import OpenAI
from pydantic import BaseModel


class User(BaseModel):
    name: str


client = instructor.from_openai(OpenAI())


def extract(text):
    return client.chat.completions.create(model="gpt-4o-mini", response_model=User, messages=[])  # expect: openai


class Extractor:
    def __init__(self):
        self.client = instructor.from_anthropic(Anthropic())

    def extract(self, text):
        return self.client.messages.create(model="claude-sonnet-4-5", max_tokens=512, response_model=User, messages=[])  # expect: anthropic


def from_provider(text):
    generic = instructor.from_provider("openai/gpt-4o-mini")
    return generic.chat.completions.create(response_model=User, messages=[])  # expect: instructor
