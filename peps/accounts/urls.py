from django.urls import path

from . import data_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("modifier/", views.profile_edit, name="profile_edit"),
    path("mes-donnees/", data_views.data_export, name="data"),
    path("mes-donnees/<uuid:public_id>/telecharger/", data_views.data_download, name="data_download"),
    path("lettres/", data_views.newsletter_choices, name="newsletters"),
    path("supprimer/", data_views.account_delete, name="delete"),
    path("compte-supprime/", data_views.account_deleted, name="deleted"),
]
