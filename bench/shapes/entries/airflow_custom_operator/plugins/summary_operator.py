# Canonical usage: https://airflow.apache.org/docs/apache-airflow/stable/howto/custom-operator.html
from airflow.models.baseoperator import BaseOperator
from openai import OpenAI


class SummaryOperator(BaseOperator):
    def __init__(self, topic: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.topic = topic

    def execute(self, context):
        client = OpenAI()
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": self.topic}])  # expect-class: scheduled
        return reply.choices[0].message.content
