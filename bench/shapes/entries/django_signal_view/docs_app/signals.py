# Canonical usage: https://docs.djangoproject.com/en/5.1/topics/signals/
from django.db.models.signals import post_save
from django.dispatch import receiver

from docs_app.models import Document
from openai import OpenAI

client = OpenAI()


@receiver(post_save, sender=Document)
def summarize_document(sender, instance, created, **kwargs):
    text = instance.body
    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: mixed
    instance.summary = reply.choices[0].message.content
