# Canonical usage: https://docs.djangoproject.com/en/5.1/topics/forms/modelforms/#the-save-method
from django.shortcuts import redirect, render

from docs_app.forms import DocumentForm


def new_document(request):
    form = DocumentForm(request.POST or None)
    if form.is_valid():
        form.save()
        return redirect("/")
    return render(request, "new.html", {"form": form})


def import_documents(request):
    from docs_app.tasks import import_document

    import_document.delay(request.POST["body"])
    return redirect("/")
