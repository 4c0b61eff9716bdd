# Canonical usage: https://docs.prefect.io/v3/deploy/run-flows-in-local-processes
from prefect import flow
from openai import OpenAI

client = OpenAI()


@flow(log_prints=True)
def daily_digest():
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)


if __name__ == "__main__":
    daily_digest.serve(name="daily-digest", cron="0 7 * * *")
