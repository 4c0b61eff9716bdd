# Canonical usage: https://docs.python.org/3/library/argparse.html
import argparse
from openai import OpenAI

client = OpenAI()


def main():
    parser = argparse.ArgumentParser(description="Summarise a file")
    parser.add_argument("path")
    args = parser.parse_args()
    text = open(args.path).read()
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: real-time
    print(reply.choices[0].message.content)


if __name__ == "__main__":
    main()
