"""Wire stories: load the latest batch, then enrich it with entities and a summary."""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.python import PythonOperator
from newsroom.pipelines.wire import enrich_wire_stories, load_wire_batch

default_args = {"owner": "data", "retries": 2, "retry_delay": timedelta(minutes=5)}

with DAG(
    dag_id="wire_enrichment",
    schedule="0 */2 * * *",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    default_args=default_args,
    tags=["wire"],
) as dag:
    load = PythonOperator(task_id="load_wire_batch", python_callable=load_wire_batch)
    enrich = PythonOperator(
        task_id="enrich_wire_stories",
        python_callable=enrich_wire_stories,
        op_kwargs={"limit": 200},
    )
    load >> enrich
