# Canonical usage: https://airflow.apache.org/docs/apache-airflow/stable/howto/operator/bash.html
import pendulum
from airflow import DAG
from airflow.operators.bash import BashOperator

with DAG(dag_id="digest", schedule="0 7 * * *", start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False):
    BashOperator(task_id="digest", bash_command="python /opt/airflow/scripts/digest.py")
