"""URLs: Référentiels du réseau, under /reseau/referentiels/."""

from django.urls import path

from . import views

app_name = "referentials"

version = "<slug:slug>/v<int:number>/"

urlpatterns = [
    path("", views.referential_list, name="list"),
    path("nouveau/", views.referential_create, name="create"),
    path("importer/", views.referential_import, name="import"),
    path("<slug:slug>/", views.referential_latest, name="latest"),
    path(version, views.version_detail, name="version"),
    path(version + "export.yaml", views.version_export, {"fmt": "yaml"}, name="export_yaml"),
    path(version + "export.json", views.version_export, {"fmt": "json"}, name="export_json"),
    path(version + "nouvelle-version/", views.version_new, name="version_new"),
    path(version + "publier/", views.version_publish, name="version_publish"),
    path(version + "modifier/", views.version_edit, name="version_edit"),
    path(version + "elements/ajouter/", views.item_add, name="item_add"),
    path(version + "elements/<int:pk>/modifier/", views.item_edit, name="item_edit"),
    path(version + "elements/<int:pk>/deplacer/", views.item_move, name="item_move"),
    path(version + "elements/<int:pk>/supprimer/", views.item_delete, name="item_delete"),
]
