# Canonical usage: https://docs.prefect.io/v3/deploy/run-flows-in-local-processes
from prefect import flow
from openai import OpenAI

client = OpenAI()


@flow(log_prints=True)
def summarize_news():
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    print(reply.choices[0].message.content)


if __name__ == "__main__":
    summarize_news.serve(name="daily-digest", cron="0 7 * * *")
