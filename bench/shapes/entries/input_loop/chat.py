# Canonical usage: https://docs.python.org/3/library/functions.html#input
from openai import OpenAI

client = OpenAI()


def main():
    while True:
        text = input("> ")
        if text == "quit":
            break
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
        print(reply.choices[0].message.content)


main()
