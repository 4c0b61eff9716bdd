"""SEO titles for stories that still carry the print headline (TaskFlow API)."""
import pendulum
from airflow.decorators import dag, task
from newsroom.seo import headlines_needing_seo, rewrite_seo_titles


@dag(schedule="@daily", start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), catchup=False, tags=["seo"])
def seo_refresh():
    @task
    def pick() -> list:
        return headlines_needing_seo(limit=300)

    @task
    def rewrite(article_ids: list) -> int:
        return rewrite_seo_titles(article_ids)

    rewrite(pick())


seo_refresh()
