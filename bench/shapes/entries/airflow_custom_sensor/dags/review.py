# Canonical usage: https://airflow.apache.org/docs/apache-airflow/stable/howto/custom-operator.html (sensors: BaseSensorOperator.poke)
import pendulum
from airflow import DAG
from airflow.sensors.base import BaseSensorOperator
from openai import OpenAI


class ReadyForReviewSensor(BaseSensorOperator):
    def poke(self, context):
        client = OpenAI()
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "ready?"}])  # expect-class: scheduled
        return reply.choices[0].message.content == "yes"


with DAG(dag_id="review", schedule="0 6 * * *", start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False):
    ReadyForReviewSensor(task_id="wait_for_review", poke_interval=600, mode="reschedule")
