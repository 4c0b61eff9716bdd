# Canonical usage: https://airflow.apache.org/docs/apache-airflow/stable/administration-and-deployment/logging-monitoring/callbacks.html
import pendulum
from airflow import DAG
from airflow.operators.bash import BashOperator
from openai import OpenAI


def explain_failure(context):
    client = OpenAI()
    log = str(context.get("exception"))
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": log}])  # expect-class: scheduled
    return reply.choices[0].message.content


with DAG(dag_id="etl", schedule="@hourly", start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False,
         default_args={"on_failure_callback": explain_failure}):
    BashOperator(task_id="load", bash_command="echo load")
