# Canonical usage: https://supervisord.org/configuration.html#program-x-section-settings
import time
from openai import OpenAI

client = OpenAI()


def refresh():
    text = "Summarise the latest feed"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)


if __name__ == "__main__":
    while True:
        refresh()
        time.sleep(3600)
