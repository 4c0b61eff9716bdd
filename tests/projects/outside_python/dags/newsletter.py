from datetime import datetime

from airflow import DAG
from airflow.operators.bash import BashOperator

with DAG("newsletter_intro", schedule="30 8 * * 2", start_date=datetime(2024, 1, 1)) as dag:
    BashOperator(task_id="intro", bash_command="python /opt/airflow/repo/scripts/newsletter_intro.py ")
