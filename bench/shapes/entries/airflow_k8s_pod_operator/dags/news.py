# Canonical usage: https://airflow.apache.org/docs/apache-airflow-providers-cncf-kubernetes/stable/operators.html
import pendulum
from airflow import DAG
from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator

with DAG(dag_id="news", schedule="0 7 * * *", start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False):
    KubernetesPodOperator(task_id="summarize", name="summarize", image="registry.example.com/news:latest",
                          cmds=["python", "jobs/summarize.py"])
