# Canonical usage: https://airflow.apache.org/docs/apache-airflow/stable/howto/operator/python.html
import pendulum
from airflow import DAG
from airflow.operators.python import PythonOperator
from openai import OpenAI

client = OpenAI()


def summarize():
    text = "Write the daily digest"
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
    return reply.choices[0].message.content


with DAG(dag_id="digest", schedule="0 7 * * *", start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False):
    PythonOperator(task_id="summarize", python_callable=summarize)
