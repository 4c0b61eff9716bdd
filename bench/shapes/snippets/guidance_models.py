# library: Guidance (hosted models)
# source: https://github.com/guidance-ai/guidance#readme
from guidance import gen, models

lm = models.OpenAI("gpt-4o-mini")


def ask(question):
    result = lm + question + gen("answer", max_tokens=50)  # expect: guidance
    return result["answer"]
