# Canonical usage: https://docs.gitlab.com/ee/ci/pipelines/schedules.html
from openai import OpenAI

client = OpenAI()


def main():
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)


if __name__ == "__main__":
    main()
