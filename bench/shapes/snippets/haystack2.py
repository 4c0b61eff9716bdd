# library: Haystack 2 (generators, embedders, pipelines)
# source: https://docs.haystack.deepset.ai/docs/openaichatgenerator ; https://docs.haystack.deepset.ai/docs/openaigenerator ;
#         https://haystack.deepset.ai/integrations/anthropic
from haystack import Pipeline
from haystack.components.builders import PromptBuilder
from haystack.components.embedders import OpenAITextEmbedder
from haystack.components.generators import OpenAIGenerator
from haystack.components.generators.chat import OpenAIChatGenerator
from haystack.dataclasses import ChatMessage
from haystack_integrations.components.generators.anthropic import AnthropicChatGenerator

generator = OpenAIChatGenerator(model="gpt-4o-mini")


def chat(text):
    return generator.run([ChatMessage.from_user(text)])  # expect: haystack


def pipeline(question):
    pipe = Pipeline()
    pipe.add_component("prompt", PromptBuilder(template="{{q}}"))
    pipe.add_component("llm", OpenAIGenerator(model="gpt-4o-mini"))
    pipe.connect("prompt", "llm")
    return pipe.run({"prompt": {"q": question}})  # expect: haystack


class Service:
    def __init__(self):
        self.llm = AnthropicChatGenerator(model="claude-sonnet-4-5")
        self.embedder = OpenAITextEmbedder()

    def answer(self, text):
        return self.llm.run(messages=[ChatMessage.from_user(text)])  # expect: haystack

    def embed(self, text):
        return self.embedder.run(text=text)  # expect: haystack
