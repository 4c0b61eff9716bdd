# Canonical usage: https://airflow.apache.org/docs/apache-airflow/stable/howto/custom-operator.html
import pendulum
from airflow import DAG
from summary_operator import SummaryOperator

with DAG(dag_id="summary", schedule="@daily", start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False):
    summary_task = SummaryOperator(task_id="summarize", topic="the news")
