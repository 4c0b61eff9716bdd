# Canonical usage: https://docs.djangoproject.com/en/5.1/topics/signals/
from django.db import models


class Document(models.Model):
    body = models.TextField()
    summary = models.TextField(blank=True)
