"""The first clock process, still running the obituary index until it moves to Celery."""
import time

import schedule

from newsroom.obituaries import refresh_obituary_index


def sweep_broken_links():
    from newsroom.models import Article

    return Article.objects.filter(body__contains="http://").count()


schedule.every().day.at("04:30").do(refresh_obituary_index)
schedule.every(6).hours.do(sweep_broken_links)


def run_forever():
    while True:
        schedule.run_pending()
        time.sleep(30)


if __name__ == "__main__":
    run_forever()
