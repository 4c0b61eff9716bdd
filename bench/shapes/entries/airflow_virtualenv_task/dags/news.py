# Canonical usage: https://airflow.apache.org/docs/apache-airflow/stable/howto/operator/python.html#pythonvirtualenvoperator
import pendulum
from airflow.decorators import dag, task


@dag(schedule="0 7 * * *", start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False)
def news():
    @task.virtualenv(requirements=["openai"])
    def summarize():
        from openai import OpenAI

        client = OpenAI()
        text = "Summarise the news"
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
        return reply.choices[0].message.content

    summarize()


news()
