from django.urls import path

from docs_app import views

urlpatterns = [path("new/", views.new_document), path("import/", views.import_documents)]
