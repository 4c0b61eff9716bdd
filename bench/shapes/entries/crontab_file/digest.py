# Canonical usage: https://man7.org/linux/man-pages/man5/crontab.5.html
from openai import OpenAI

client = OpenAI()


def main():
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)


if __name__ == "__main__":
    main()
