# Canonical usage: https://django-q2.readthedocs.io/en/master/schedules.html
from django.db import migrations


def create_schedule(apps, schema_editor):
    from django_q.models import Schedule

    Schedule.objects.create(func="reports.tasks.summarize_news", schedule_type=Schedule.DAILY)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(create_schedule)]
