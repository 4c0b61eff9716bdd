from llm import Wrapper


class LLMFactory:
    @staticmethod
    def create(kind):
        if kind == "openai":
            return Wrapper()
        raise ValueError(kind)
