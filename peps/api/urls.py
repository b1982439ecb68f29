"""URLs of the API under /api/: the django-ninja endpoints (namespace "api": openapi.json and
the routers), the browsable docs, and the personal tokens page."""

from django.urls import path

from . import views
from .api import api

urlpatterns = [
    path("docs", views.docs, name="api-docs"),
    path("docs/assets/<str:name>", views.docs_asset, name="api-docs-asset"),
    path("jetons/", views.tokens, name="api-tokens"),
    path("jetons/<int:pk>/revoquer/", views.token_revoke, name="api-token-revoke"),
    path("", api.urls),
]
