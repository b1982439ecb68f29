"""URLs of annual reports, under /p/<pole>/bilan/."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("nouveau/", views.report_create, name="create"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/modifier/", views.report_edit, name="edit"),
    path("<int:pk>/recalculer/", views.report_refresh, name="refresh"),
    path("<int:pk>/pdf/creer/", views.report_generate, name="generate"),
    path("<int:pk>/pdf/etat/", views.report_status, name="status"),
    path("<int:pk>/pdf/", views.report_download, name="download"),
]
