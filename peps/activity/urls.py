"""The contact log of a pole, under /p/<pole>/contacts/ (coordinators only)."""

from django.urls import path

from . import views

app_name = "activity"

urlpatterns = [
    path("", views.contact_log, name="log"),
    path("ajouter/", views.contact_add, name="add"),
    path("<int:pk>/modifier/", views.contact_edit, name="edit"),
    path("<int:pk>/supprimer/", views.contact_delete, name="delete"),
    path("<int:pk>/suite-donnee/", views.contact_done, name="done"),
    path("suggestions/structures/", views.structure_suggestions, name="structure_suggestions"),
    path("suggestions/personnes/", views.person_suggestions, name="person_suggestions"),
]
