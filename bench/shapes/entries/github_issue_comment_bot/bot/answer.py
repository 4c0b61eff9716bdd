# Canonical usage: https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#issue_comment
import os
from openai import OpenAI

client = OpenAI()


def main():
    text = os.environ["COMMENT_BODY"]
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: near-real-time
    print(reply.choices[0].message.content)


if __name__ == "__main__":
    main()
