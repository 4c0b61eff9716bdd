from backends import AnthropicLLM, OpenAILLM


def make_llm(kind):
    if kind == "openai":
        return OpenAILLM()
    elif kind == "anthropic":
        return AnthropicLLM()
    raise ValueError(kind)
