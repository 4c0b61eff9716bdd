# Canonical usage: https://docs.djangoproject.com/en/5.1/topics/forms/modelforms/
from django import forms

from docs_app.models import Document


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["body"]
