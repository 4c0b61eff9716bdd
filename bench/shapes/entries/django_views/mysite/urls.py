# Canonical usage: https://docs.djangoproject.com/en/5.1/topics/http/urls/
from django.urls import path

from chat import views

urlpatterns = [path("chat/", views.chat, name="chat")]
