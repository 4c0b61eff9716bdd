# Canonical usage: https://packaging.python.org/en/latest/guides/writing-pyproject-toml/#creating-executable-scripts
import sys
from openai import OpenAI

client = OpenAI()


def main():
    text = open(sys.argv[1]).read()
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    print(reply.choices[0].message.content)
