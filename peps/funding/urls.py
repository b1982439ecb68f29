"""The pole's funding, under /p/<pole>/financements/ (board reads, coordination writes)."""

from django.urls import path

from . import views

app_name = "funding"

urlpatterns = [
    path("", views.overview, name="index"),
    path("<int:year>/", views.year_detail, name="year"),
    path("ajouter/", views.line_add, name="add"),
    path("lignes/<int:pk>/modifier/", views.line_edit, name="edit"),
    path("lignes/<int:pk>/supprimer/", views.line_delete, name="delete"),
]
