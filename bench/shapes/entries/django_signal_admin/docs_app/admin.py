# Canonical usage: https://docs.djangoproject.com/en/5.1/ref/contrib/admin/#the-register-decorator
# Editing a Document in the admin saves it: its post_save receiver runs while the editor waits.
from django.contrib import admin

from docs_app.models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("body",)
