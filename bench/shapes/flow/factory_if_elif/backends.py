import anthropic
import openai


class OpenAILLM:
    def __init__(self):
        self.client = openai.OpenAI()

    def generate(self, text):
        return self.client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled


class AnthropicLLM:
    def __init__(self):
        self.client = anthropic.Anthropic()

    def generate(self, text):
        return self.client.messages.create(model="claude-3-5-haiku-latest", max_tokens=100, messages=[{"role": "user", "content": text}])  # expect-class: scheduled
