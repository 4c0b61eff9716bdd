# library: DSPy
# source: https://dspy.ai/learn/programming/modules/ ; https://dspy.ai/learn/programming/language_models/
import dspy

lm = dspy.LM("openai/gpt-4o-mini")
dspy.configure(lm=lm)
qa = dspy.Predict("question -> answer")


def direct(text):
    return lm(text)  # expect: dspy


def predict(question):
    return qa(question=question)  # expect: dspy


class RAG(dspy.Module):
    def __init__(self):
        super().__init__()
        self.respond = dspy.ChainOfThought("context, question -> response")

    def forward(self, question, context):
        return self.respond(context=context, question=question)  # expect: dspy
