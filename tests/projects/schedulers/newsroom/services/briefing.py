"""The morning briefing: one summary per section, stitched together."""
from django.utils import timezone

from newsroom.editorial.compose import compose_sections
from newsroom.models import Briefing, Section


def build_briefing() -> Briefing:
    since = timezone.now() - timezone.timedelta(hours=12)
    sections = Section.objects.prefetch_related("articles").all()
    body = compose_sections(sections, since)
    return Briefing.objects.create(body=body)
