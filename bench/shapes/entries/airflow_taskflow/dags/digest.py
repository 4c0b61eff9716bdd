# Canonical usage: https://airflow.apache.org/docs/apache-airflow/stable/tutorial/taskflow.html
import pendulum
from airflow.decorators import dag, task
from openai import OpenAI

client = OpenAI()


@dag(schedule="@daily", start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False)
def digest():
    @task()
    def summarize():
        text = "Write the daily digest"
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
        return reply.choices[0].message.content

    summarize()


digest()
