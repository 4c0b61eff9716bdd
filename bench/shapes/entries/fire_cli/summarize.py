# Canonical usage: https://github.com/google/python-fire/blob/master/docs/guide.md
import fire
from openai import OpenAI

client = OpenAI()


def summarize(path):
    text = open(path).read()
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    return reply.choices[0].message.content


if __name__ == "__main__":
    fire.Fire(summarize)
