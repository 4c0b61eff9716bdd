from backends import FastLLM, SmartLLM


def make_llm(kind: str):
    match kind:
        case "fast":
            return FastLLM()
        case _:
            return SmartLLM()
