# Canonical usage: https://platform.openai.com/docs/api-reference/responses/create
import sys

from openai import OpenAI


def write_thought(target):
    client = OpenAI()
    reply = client.responses.create(model="gpt-4o", input="A thought for today")  # expect-class: scheduled
    with open(f"{target}/thought.html", "w") as out:
        out.write(reply.output_text)


if __name__ == "__main__":
    write_thought(sys.argv[1])
