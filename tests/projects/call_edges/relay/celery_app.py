from celery import Celery

app = Celery("relay")


def add_periodic_task_with_expiry(sender, seconds, task, expires):
    sender.add_periodic_task(seconds, task.s(), expires=expires)


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    from relay.tasks import incident_digest

    add_periodic_task_with_expiry(sender, 3600, incident_digest, 600)
