# Canonical usage: https://www.django-rest-framework.org/api-guide/viewsets/
from rest_framework.routers import DefaultRouter

from api.views import SummaryViewSet

router = DefaultRouter()
router.register(r"summaries", SummaryViewSet, basename="summary")
urlpatterns = router.urls
