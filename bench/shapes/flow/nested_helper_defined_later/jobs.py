from openai import OpenAI

client = OpenAI()


def build():
    def run(text):
        return _summarize(text)

    def _summarize(text):
        return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled

    return run
