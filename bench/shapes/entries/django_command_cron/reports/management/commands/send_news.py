# Canonical usage: https://docs.djangoproject.com/en/5.1/howto/custom-management-commands/
from django.core.management.base import BaseCommand
from openai import OpenAI

client = OpenAI()


class Command(BaseCommand):
    help = "Send the daily digest"

    def handle(self, *args, **options):
        text = "Write the daily digest"
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])  # expect-class: scheduled
        self.stdout.write(reply.choices[0].message.content)
