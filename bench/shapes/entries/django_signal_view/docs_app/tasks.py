# Canonical usage: https://docs.celeryq.dev/en/stable/django/first-steps-with-django.html
from celery import shared_task

from docs_app.models import Document


@shared_task
def import_document(body):
    Document.objects.create(body=body)
